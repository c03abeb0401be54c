"""boto3 (Debian's python3-boto3) as a report consumer, each check printed as "ok ..." or
"FAIL ...": GetObject of every manifest.json, its manifest.checksum (MD5 of the manifest
+ LF) and every data file's MD5; ListObjectsV2 through the paginator (boto3 sends
encoding-type=url and unquote_pluses the keys); the CSV delivery parsed with csv and
gzip, its keys unquote_plus'ed and compared with the seed's.

usage: python3 boto3_reader.py ENDPOINT DELIVERIES-DIR SEED
"""
import csv
import gzip
import hashlib
import io
import json
import pathlib
import re
import sys
from urllib.parse import unquote_plus

import boto3
import yaml
from botocore.config import Config

endpoint, deliveries_dir, seed_path = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
s3 = boto3.client(
    "s3",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="AKIDEXAMPLE",
    aws_secret_access_key="secret",
    config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
)
DEST = "reports"
failed = False


def check(name, f):
    global failed
    try:
        detail = f()
    except Exception as e:  # every failure is one FAIL line, then the next check
        failed = True
        print(f"FAIL boto3 {name}: {e!r}")
        return
    print(f"ok   boto3 {name}" + (f": {detail}" if detail else ""))


def expect(cond, detail):
    if not cond:
        raise AssertionError(detail)
    return detail


def get(key):
    return s3.get_object(Bucket=DEST, Key=key)


def listed(bucket, prefix, page_size=None):
    pages = s3.get_paginator("list_objects_v2").paginate(
        Bucket=bucket, Prefix=prefix, PaginationConfig={"PageSize": page_size} if page_size else {})
    keys, n = [], 0
    for page in pages:
        n += 1
        keys += [o["Key"] for o in page.get("Contents", [])]
    return keys, n


deliveries = {json.loads(p.read_text())["id"]: json.loads(p.read_text()) for p in sorted(deliveries_dir.glob("*.json"))}
manifests = {}

for id, d in deliveries.items():
    def manifest_and_checksum(d=d, id=id):
        body = get(d["manifestKey"])["Body"].read()
        manifests[id] = json.loads(body)
        checksum = get(d["manifestKey"].rsplit("/", 1)[0] + "/manifest.checksum")["Body"].read()
        want = hashlib.md5(body).hexdigest() + "\n"
        return expect(checksum.decode() == want, f"manifest.checksum = MD5 of manifest.json + LF ({want.strip()})")
    check(f"{id}: GetObject manifest.json and manifest.checksum", manifest_and_checksum)

    def data_md5s(id=id):
        files = manifests[id]["files"]
        for f in files:
            o = get(f["key"])
            body = o["Body"].read()
            expect(len(body) == f["size"], f"{f['key']}: {len(body)} bytes, manifest says {f['size']}")
            expect(hashlib.md5(body).hexdigest() == f["MD5checksum"], f"{f['key']}: MD5 is not the manifest's")
            expect(o["ETag"].strip('"') == f["MD5checksum"], f"{f['key']}: ETag {o['ETag']} is not the MD5")
        return f"{len(files)} files: size, MD5 and ETag as the manifest says"
    check(f"{id}: GetObject of every data file", data_md5s)

    def listing(d=d):
        keys, pages = listed(DEST, f"inv/src/{d['id']}/", page_size=2)
        return expect(sorted(keys) == sorted(d["keys"]) and pages > 1,
                      f"{len(keys)} keys in {pages} pages = the delivery's keys (dt= came back decoded)")
    check(f"{id}: ListObjectsV2 paginator, 2 keys a page", listing)

csv_delivery = deliveries["daily-csv"]
rows = []


def parse_csv():
    m = manifests["daily-csv"]
    columns = m["fileSchema"].split(", ")
    for f in m["files"]:
        text = gzip.decompress(get(f["key"])["Body"].read()).decode("utf-8")
        for row in csv.reader(io.StringIO(text)):
            expect(len(row) == len(columns), f"a row of {len(row)} fields, fileSchema has {len(columns)}")
            rows.append(dict(zip(columns, row)))
    return expect(len(rows) == csv_delivery["rows"],
                  f"{len(rows)} rows = the delivery's rows, {len(columns)} columns = fileSchema's")


check("daily-csv: csv.reader over gzip.decompress of every data file", parse_csv)

seed = next(b for b in yaml.safe_load(open(seed_path))["buckets"] if b["name"] == "src")
gen = seed["generate"]


def seeded_keys():
    decoded = {unquote_plus(r["Key"]) for r in rows}
    explicit = {o["Key"] for o in seed["objects"]}
    pattern = re.compile(re.escape(gen["prefix"]) + r"(\d{8})\.[a-z.]+$")
    generated = {k for k in decoded - explicit if pattern.match(k)}
    indices = sorted(int(pattern.match(k).group(1)) for k in generated)
    expect(explicit <= decoded, f"seeded keys missing from the report: {sorted(explicit - decoded)}")
    expect(decoded == explicit | generated, f"keys nobody seeded: {sorted(decoded - explicit - generated)[:5]}")
    expect(indices == list(range(gen["count"])), f"{len(indices)} generated keys, want {gen['count']}")
    return f"{len(explicit)} hand-written keys (spaces, +, %, =, non-ASCII) and {len(generated)} generated"


check("daily-csv: unquote_plus'ed keys = the seeded keys", seeded_keys)


def versions():
    want = len(seed["objects"]) + gen["count"] * gen["versions"]
    expect(len(rows) == want, f"{len(rows)} rows, the seed has {want} versions")
    null = [r for r in rows if r["Key"] == "notes/readme.txt" and r["VersionId"] == ""]
    marker = [r for r in rows if r["Key"] == "old/removed.txt" and r["IsDeleteMarker"] == "true"]
    expect(len(null) == 1 and null[0]["IsLatest"] == "false", f"null version of notes/readme.txt: {null}")
    expect(len(marker) == 1 and marker[0]["IsLatest"] == "true" and marker[0]["Size"] == "",
           f"delete marker of old/removed.txt: {marker}")
    return f"{want} rows, one per version; a null version with an empty VersionId; a delete marker with no Size"


check("daily-csv: All versions", versions)


def current_keys():
    current = sorted(unquote_plus(r["Key"]) for r in rows if r["IsLatest"] == "true" and r["IsDeleteMarker"] == "false")
    keys, pages = listed("src", "")
    return expect(sorted(keys) == current and pages > 1,
                  f"{len(keys)} keys in {pages} pages = the report's current, not deleted keys")


check("src: ListObjectsV2 paginator", current_keys)
sys.exit(1 if failed else 0)
