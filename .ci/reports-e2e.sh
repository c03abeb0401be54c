#!/usr/bin/env bash
# Inventory reports read by real consumers: the built binary, seeded with
# fixtures/seeds/reports.yaml, delivers its CSV, Parquet and ORC configurations on demand,
# and each is read back as a consumer would: the AWS CLI lists and downloads them and
# checks the manifest's MD5s (.ci/reports/cli.sh); boto3 reads the manifests, checksums
# and CSV rows (.ci/reports/boto3_reader.py); DuckDB (npm @duckdb/node-api) reads the
# downloaded Parquet and CSV files (.ci/reports/duckdb_reader.mjs); the ORC files, which
# nothing installable here reads, are checked for their magic and schema
# (.ci/reports/orc_check.py). Everything on 127.0.0.1, a free port, no AWS_* of the
# caller's. Prints "N passed, 0 failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
here=.ci/reports

need=()
[ -x /usr/bin/aws ] || need+=(awscli)
/usr/bin/python3 -c 'import boto3' 2>/dev/null || need+=(python3-boto3)
/usr/bin/python3 -c 'import yaml' 2>/dev/null || need+=(python3-yaml)
command -v jq >/dev/null || need+=(jq)
command -v curl >/dev/null || need+=(curl)
command -v npm >/dev/null || need+=(npm)
. .ci/lib.sh # after the cd to the repository root above
apt_install ${need[@]+"${need[@]}"}

work_dir

# The newest release that loads on Node 20 when this was written; later ones may ask
# for a newer Node (see the README).
duckdb=@duckdb/node-api@1.5.6-r.1
mkdir "$work/duck"
(cd "$work/duck" && npm init -y >/dev/null && npm install --no-save --no-audit --no-fund --silent "$duckdb" >/dev/null) ||
	{ echo "npm install $duckdb failed" >&2; exit 1; }
cp "$here/duckdb_reader.mjs" "$work/duck/"
go build -o "$work/s3invmock" ./cmd/s3invmock || { echo "build failed" >&2; exit 1; }

# 2,500 rows a file: each delivery of the seed's 6,030 rows writes three data files.
start_binary "$work" "$work/s3invmock" S3INVMOCK_SEED=fixtures/seeds/reports.yaml S3INVMOCK_ROWS_PER_FILE=2500
echo "s3invmock at $endpoint"

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $(echo "$*" | tr -s '\n' ' ')"; }
# tally reads a helper's "ok"/"FAIL" lines; a helper that printed fewer than want
# lines or exited non-zero (it crashed) fails once more.
tally() {
	local name=$1 want=$2 out=$3 rc=$4 n=0
	while IFS= read -r l; do
		case $l in
		"ok   "*) ok "${l#ok   }"; n=$((n + 1)) ;;
		"FAIL "*) bad "${l#FAIL }"; n=$((n + 1)) ;;
		*) echo "     $l" ;;
		esac
	done <"$out"
	[ "$n" -ge "$want" ] || bad "$name stopped after $n of $want checks"
	[ "$rc" = 0 ] || [ "$failed" -gt 0 ] || bad "$name exited $rc"
}
# clean runs a consumer with nothing from the caller's environment.
clean() { env -i PATH=/usr/bin:/bin HOME="$work" AWS_EC2_METADATA_DISABLED=true "$@"; }

# The deliveries, one answer each in $work/deliveries/ID.json (the envelope's data).
mkdir "$work/deliveries"
for id in daily-csv daily-parquet daily-orc; do
	if curl -sS -X POST "$endpoint/_mock/inventory/deliveries" -d "{\"bucket\":\"src\",\"id\":\"$id\"}" >"$work/answer" &&
		jq -e '.success and .data.outcome == "delivered"' "$work/answer" >/dev/null; then
		jq .data "$work/answer" >"$work/deliveries/$id.json"
		ok "deliver $id: $(jq -r '"\(.rows) rows, \(.files) data files, \(.keys | length) keys"' "$work/deliveries/$id.json")"
	else
		bad "deliver $id: $(cat "$work/answer")"
	fi
done
[ "$failed" = 0 ] || { echo "$passed passed, $failed failed"; exit 1; }

echo "== AWS CLI: $(/usr/bin/aws --version 2>&1)"
clean bash "$here/cli.sh" "$endpoint" "$work/deliveries" "$work/dl" >"$work/cli.out" 2>&1
tally cli 7 "$work/cli.out" $?

echo "== boto3 $(/usr/bin/python3 -c 'import boto3; print(boto3.__version__)')"
clean /usr/bin/python3 "$here/boto3_reader.py" "$endpoint" "$work/deliveries" fixtures/seeds/reports.yaml >"$work/boto.out" 2>&1
tally boto3 13 "$work/boto.out" $?

# DuckDB reads local files (its httpfs extension would be a download): the CLI's copies,
# the CSV gunzipped.
for f in "$work"/dl/inv/src/daily-csv/data/*.csv.gz; do
	[ -e "$f" ] && gzip -dc "$f" >"${f%.gz}"
done
echo "== DuckDB $(cd "$work/duck" && node -p 'require("@duckdb/node-api/package.json").version')"
(cd "$work/duck" && clean NODE_NO_WARNINGS=1 "$(command -v node)" duckdb_reader.mjs "$work/deliveries" "$work/dl") >"$work/duck.out" 2>&1
tally duckdb 6 "$work/duck.out" $?

echo "== ORC (no reader installable: magic, schema, MD5)"
clean /usr/bin/python3 "$here/orc_check.py" "$work/deliveries" "$work/dl" >"$work/orc.out" 2>&1
tally orc 3 "$work/orc.out" $?

kill -0 "$pid" 2>/dev/null || bad "the binary exited during the run: $(cat "$work/err")"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
