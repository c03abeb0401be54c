#!/usr/bin/env python3
"""Extracts the code blocks of a Markdown file for .ci/snippets.sh.

usage: extract.py README.md OUTDIR

Writes each runnable block to OUTDIR/L<line>.<sh|py|mjs> and prints one line per block,
tab-separated: LINE KIND MODE FILE REASON (FILE "-" when not written), where LINE is the README line of the block's
first code line, KIND is sh, python, js, go, yaml, ... and MODE is
  run         the runner starts a fresh s3invmock for it, then runs it
  own-server  the block starts its own s3invmock; the runner only picks the port
  skip        marked <!-- snippet: skip (why) --> just above the block (REASON is why)
  other       not a shell, Python or JavaScript block (Go: mock/mocktest/readme_test.go)

Blocks: fenced ``` blocks by their info string's first word (sh, bash, shell: sh;
python, py; js, javascript, mjs), and indented (4-space) blocks outside fences that
follow a blank line, which are shell commands. A marker is an HTML comment on its own
line before the block, with only blank lines between:
  <!-- snippet: skip (why) -->      not run, listed with why
  <!-- snippet: own-server -->      the block starts s3invmock itself
"""
import os
import re
import sys

KINDS = {"sh": "sh", "bash": "sh", "shell": "sh", "python": "python", "py": "python",
         "js": "js", "javascript": "js", "mjs": "js"}
EXT = {"sh": "sh", "python": "py", "js": "mjs"}
MARKER = re.compile(r"^<!--\s*snippet:\s*(skip|own-server)\s*(?:\((.*)\))?\s*-->\s*$")


def blocks(lines):
    """Yields (line, kind, code, marker, reason) for every code block."""
    i, n = 0, len(lines)
    marker = reason = None
    while i < n:
        l = lines[i]
        m = MARKER.match(l.strip())
        if m:
            marker, reason = m.group(1), (m.group(2) or "").strip()
            i += 1
            continue
        fence = re.match(r"^(```+|~~~+)\s*(\S*)", l)
        if fence:
            tick, info = fence.group(1), fence.group(2)
            j = i + 1
            while j < n and not lines[j].startswith(tick):
                j += 1
            yield i + 2, KINDS.get(info, info or "output"), "".join(x + "\n" for x in lines[i + 1:j]), marker, reason
            marker = reason = None
            i = j + 1
            continue
        if l.startswith("    ") and l.strip() and (i == 0 or not lines[i - 1].strip()):
            j = i
            while j < n and (lines[j].startswith("    ") or not lines[j].strip()):
                j += 1
            while j > i and not lines[j - 1].strip():
                j -= 1
            yield i + 1, "sh", "".join(x[4:] + "\n" for x in lines[i:j]), marker, reason
            marker = reason = None
            i = j
            continue
        if l.strip():
            marker = reason = None  # a marker belongs to the very next block only
        i += 1


def main():
    md, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with open(md, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for line, kind, code, marker, reason in blocks(lines):
        path = "-"
        if marker == "skip":
            mode = "skip"
            reason = reason or "marked skip"
        elif kind in EXT:
            mode = marker or "run"
            path = os.path.join(out, "L%d.%s" % (line, EXT[kind]))
            with open(path, "w", encoding="utf-8") as f:
                f.write(code)
        else:
            mode = "other"
            reason = {"go": "run by mock/mocktest/readme_test.go as its own test",
                      "output": "program output"}.get(kind, "data, not a program")
        print("\t".join([str(line), kind, mode, path, (reason or "").replace("\t", " ")]))


if __name__ == "__main__":
    main()
