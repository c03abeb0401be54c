"""The ORC delivery, which no reader installable here can open (none in Debian's apt or
npm that runs offline): each downloaded .orc file starts with the magic "ORC" and ends
with a postscript that carries it too, its MD5 is the manifest's, and the manifest's
fileSchema is struct<...> of the CSV delivery's columns in snake_case with ORC types.
Each check printed as "ok ..." or "FAIL ...".

usage: python3 orc_check.py DELIVERIES-DIR DL-DIR
"""
import hashlib
import json
import pathlib
import re
import sys

deliveries, dl = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
failed = False


def check(name, f):
    global failed
    try:
        detail = f()
    except Exception as e:
        failed = True
        print(f"FAIL orc {name}: {e}")
        return
    print(f"ok   orc {name}" + (f": {detail}" if detail else ""))


def expect(cond, detail):
    if not cond:
        raise AssertionError(detail)
    return detail


def manifest(id):
    d = json.loads((deliveries / f"{id}.json").read_text())
    return json.loads((dl / d["manifestKey"]).read_text())


orc = manifest("daily-orc")


def orc_type(csv_name):
    if csv_name == "Size":
        return "bigint"
    if csv_name.endswith("Date"):
        return "timestamp"
    if csv_name.startswith("Is"):
        return "boolean"
    return "string"


def schema():
    expect(orc["fileFormat"] == "ORC", f"fileFormat {orc['fileFormat']}")
    names = manifest("daily-csv")["fileSchema"].split(", ")
    want = "struct<" + ",".join(
        re.sub(r"(?<!^)(?=[A-Z])", "_", n).lower() + ":" + orc_type(n) for n in names) + ">"
    return expect(orc["fileSchema"] == want, f"got {orc['fileSchema']}, want {want}") and \
        f"struct<...> of {len(names)} columns, the CSV's in snake_case"


def magic():
    for f in orc["files"]:
        b = (dl / f["key"]).read_bytes()
        expect(b[:3] == b"ORC", f"{f['key']} starts with {b[:3]!r}")
        # The last byte is the postscript's length; the postscript ends with the magic.
        expect(b[-4:-1] == b"ORC", f"{f['key']}: no ORC magic at the end of the postscript")
    return f"{len(orc['files'])} files start with ORC and end with a postscript that says ORC"


def md5s():
    for f in orc["files"]:
        b = (dl / f["key"]).read_bytes()
        expect(len(b) == f["size"] and hashlib.md5(b).hexdigest() == f["MD5checksum"], f"{f['key']}: size or MD5")
    return f"{len(orc['files'])} files: size and MD5 as the manifest says"


check("fileSchema", schema)
check("magic", magic)
check("MD5", md5s)
sys.exit(1 if failed else 0)
