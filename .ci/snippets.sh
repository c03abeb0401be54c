#!/usr/bin/env bash
# Every shell, Python and JavaScript snippet of README.md, run as pasted (issue 14).
#
# .ci/snippets/extract.py lists the README's blocks with their line numbers: fenced
# sh/bash/shell, python and js blocks, and the indented (4-space) blocks, which are shell
# commands. Go blocks are run by mock/mocktest/readme_test.go; YAML and program output are
# listed, not run. A block marked <!-- snippet: skip (why) --> is listed with its reason.
#
# Each snippet runs alone:
# - in an empty temporary folder, with nothing of the caller's environment (env -i): PATH
#   is a folder holding the freshly built binary as `s3invmock` (what `go install
#   ./cmd/s3invmock` gives a reader), then /usr/bin:/bin (Debian's aws, python3, node,
#   curl); HOME is the folder, so no ~/.aws profile reaches a client;
# - the folder holds two symlinks: fixtures -> the repository's fixtures/ (the README's
#   paths are written from a clone's root), and node_modules -> one npm install of
#   @aws-sdk/client-s3, so that a JavaScript snippet's imports resolve;
# - the port: the README writes 127.0.0.1:9090 and localhost:9090. For each snippet the
#   runner starts a fresh binary on 127.0.0.1:0 (so the kernel picks a free port), reads
#   the port from its ready line, and rewrites every 127.0.0.1:9090 and localhost:9090 of
#   the snippet to that port; it also exports S3INVMOCK_ADDR=127.0.0.1:PORT and
#   ENDPOINT=http://127.0.0.1:PORT. A snippet marked <!-- snippet: own-server --> starts
#   s3invmock itself: the runner starts none, picks a free port and rewrites the same way;
# - sh snippets with bash -e, Python ones with Debian's /usr/bin/python3, JavaScript ones
#   as an ES module with node; at most 60 s each; afterwards every process the snippet
#   left (it runs in its own process group) and the binary are stopped.
#
# usage: .ci/snippets.sh [FILE.md]   (README.md by default; another file tests the runner)
#
# Prints "ok README.md:LINE" or "FAIL README.md:LINE" and the output per snippet, the
# skipped ones with why, then "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
md=$(realpath "${1:-$(dirname "$0")/../README.md}")
cd "$(dirname "$0")/.."
repo=$PWD
name=$(basename "$md")

need=()
[ -x /usr/bin/aws ] || need+=(awscli)
/usr/bin/python3 -c 'import boto3' 2>/dev/null || need+=(python3-boto3)
command -v npm >/dev/null || need+=(npm)
command -v curl >/dev/null || need+=(curl)
. .ci/lib.sh # after the cd to the repository root above
apt_install ${need[@]+"${need[@]}"}

work_dir

# The JS SDK version .ci/clients.sh runs too (node 20 or newer).
js_sdk=@aws-sdk/client-s3@3.1175.0
mkdir -p "$work/js" "$work/bin"
(cd "$work/js" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "$js_sdk" >/dev/null) ||
	{ echo "npm install $js_sdk failed" >&2; exit 1; }
go build -o "$work/bin/s3invmock" ./cmd/s3invmock || { echo "build failed" >&2; exit 1; }
/usr/bin/python3 .ci/snippets/extract.py "$md" "$work/snippets" >"$work/list" || { echo "extract failed" >&2; exit 1; }

# start_snippet_binary: a fresh binary on a kernel-picked port; sets pid and port. The ready line
# comes through a FIFO, so read waits for it without polling.
start_snippet_binary() {
	rm -f "$work/ready"
	mkfifo "$work/ready"
	env -i PATH=/usr/bin:/bin S3INVMOCK_ADDR=127.0.0.1:0 "$work/bin/s3invmock" >"$work/ready" 2>"$work/server.err" &
	pid=$!
	exec 3<"$work/ready"
	local line=
	read -r -t 30 -u 3 line
	port=${line##*:}
	cat <&3 >/dev/null &
	exec 3<&-
	case $line in
	"s3invmock listening on http://127.0.0.1:"*) return 0 ;;
	esac
	echo "no ready line from the binary: '$line' $(cat "$work/server.err")"
	return 1
}
stop_snippet_binary() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	pid=
}
free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

passed=0 failed=0 skipped=0
while IFS=$'\t' read -r line kind mode file reason; do
	case $mode in
	skip) skipped=$((skipped + 1)); echo "skip $name:$line ($kind): $reason"; continue ;;
	other) echo "--   $name:$line ($kind): $reason"; continue ;;
	esac
	dir=$work/L$line
	mkdir "$dir"
	ln -s "$repo/fixtures" "$dir/fixtures"
	ln -s "$work/js/node_modules" "$dir/node_modules"
	out=$work/L$line.out
	if [ "$mode" = own-server ]; then
		port=$(free_port)
	elif ! start_snippet_binary >"$out" 2>&1; then
		failed=$((failed + 1)); echo "FAIL $name:$line: $(cat "$out")"; continue
	fi
	case $kind in
	sh) run=(bash -e "snippet.sh") ;;
	python) run=(/usr/bin/python3 "snippet.py") ;;
	js) run=(node "snippet.mjs") ;;
	esac
	sed "s/127\.0\.0\.1:9090/127.0.0.1:$port/g; s/localhost:9090/localhost:$port/g" "$file" >"$dir/snippet.${file##*.}"
	(cd "$dir" && exec env -i PATH="$work/bin:/usr/bin:/bin" HOME="$dir" NODE_NO_WARNINGS=1 \
		S3INVMOCK_ADDR="127.0.0.1:$port" ENDPOINT="http://127.0.0.1:$port" \
		setsid timeout -k 5 60 "${run[@]}") >"$out" 2>&1 </dev/null &
	spid=$!
	wait "$spid"
	rc=$?
	kill -- -"$spid" 2>/dev/null # whatever the snippet left running (its own s3invmock)
	stop_snippet_binary
	if [ $rc = 0 ]; then
		passed=$((passed + 1)); label=$kind
		[ "$mode" = own-server ] && label="$kind, own server"
		echo "ok   $name:$line ($label)"
	else
		failed=$((failed + 1)); echo "FAIL $name:$line ($kind, exit $rc)"
	fi
	sed 's/^/     /' "$out"
done <"$work/list"

echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
