#!/usr/bin/env bash
# Clients beyond Go: the README's snippets for the AWS CLI (Debian's awscli), boto3
# (Debian's python3-boto3) and the AWS SDK for JavaScript v3 (npm @aws-sdk/client-s3),
# run against the built binary on 127.0.0.1 with a free port. Each client runs the
# inventory lifecycle (create bucket, put, get, list, delete, get after delete, delete
# bucket) path-style, and one List virtual-hosted (Host BUCKET.localhost:PORT), which the
# request log must show as addressed by host. Nothing of the caller's AWS_* environment
# or profile reaches a client. Prints "N passed, 0 failed"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
here=.ci/clients

need=()
[ -x /usr/bin/aws ] || need+=(awscli)
/usr/bin/python3 -c 'import boto3' 2>/dev/null || need+=(python3-boto3)
command -v npm >/dev/null || need+=(npm)
. .ci/lib.sh # after the cd to the repository root above
apt_install ${need[@]+"${need[@]}"}

work_dir

# The version these snippets were last run with; it needs node 20 or newer.
js_sdk=@aws-sdk/client-s3@3.1175.0
mkdir "$work/js"
(cd "$work/js" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent "$js_sdk" >/dev/null) ||
	{ echo "npm install $js_sdk failed" >&2; exit 1; }
cp "$here/lifecycle.mjs" "$work/js/"
go build -o "$work/s3invmock" ./cmd/s3invmock || { echo "build failed" >&2; exit 1; }

start_binary "$work" "$work/s3invmock"
port=${endpoint##*:}
echo "s3invmock at $endpoint"

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $(echo "$*" | tr -s '\n' ' ')"; }
# tally reads a client's "ok"/"FAIL" lines; a client that printed fewer than want
# lines (it crashed) fails once more.
tally() {
	local name=$1 want=$2 out=$3 n=0
	while IFS= read -r l; do
		case $l in
		"ok   "*) ok "${l#ok   }"; n=$((n + 1)) ;;
		"FAIL "*) bad "${l#FAIL }"; n=$((n + 1)) ;;
		*) echo "     $l" ;;
		esac
	done <"$out"
	[ "$n" -ge "$want" ] || bad "$name stopped after $n of $want steps"
}
# virtual BUCKET: the request log shows a List addressed by host (path /).
virtual() {
	if grep -q "operation=ListBucketInventoryConfigurations method=GET path=/ bucket=$1 " "$work/err"; then
		ok "$2: the fake saw the List virtual-hosted"
	else
		bad "$2: no virtual-hosted List of $1 in the request log"
	fi
}
# clean runs a client with nothing from the caller's environment.
clean() { env -i PATH=/usr/bin:/bin HOME="$work" AWS_EC2_METADATA_DISABLED=true "$@"; }

echo "== AWS CLI: $(/usr/bin/aws --version 2>&1)"
b=cli-bucket
cat >"$work/inventory.json" <<'JSON'
{"Id": "daily", "IsEnabled": true,
 "Destination": {"S3BucketDestination": {"Bucket": "arn:aws:s3:::dest", "Format": "CSV", "Prefix": "inv/"}},
 "Schedule": {"Frequency": "Daily"}, "IncludedObjectVersions": "Current", "OptionalFields": ["Size", "ETag"]}
JSON
printf '[default]\nregion = us-east-1\n' >"$work/path.ini"
printf '[default]\nregion = us-east-1\ns3 =\n  addressing_style = virtual\n' >"$work/virtual.ini"
# cli CONFIG ARGS...: Debian's aws with static keys; output in $work/cli.{out,err}.
cli() {
	local config=$1
	shift
	clean AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_CONFIG_FILE="$config" \
		AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_MAX_ATTEMPTS=1 AWS_PAGER= "${extra[@]}" \
		/usr/bin/aws --output json "$@" >"$work/cli.out" 2>"$work/cli.err"
}
step() { # step NAME EXPECT-GREP ARGS...: path-style call whose output matches
	local name=$1 want=$2
	shift 2
	extra=()
	if cli "$work/path.ini" --endpoint-url "$endpoint" s3api "$@" && { [ -z "$want" ] || grep -Eq -- "$want" "$work/cli.out"; }; then
		ok "cli $name"
	else
		bad "cli $name: $(cat "$work/cli.out" "$work/cli.err")"
	fi
}
step "create bucket" '' create-bucket --bucket $b
step "put" '' put-bucket-inventory-configuration --bucket $b --id daily --inventory-configuration "file://$work/inventory.json"
step "get" '"Prefix": "inv/"' get-bucket-inventory-configuration --bucket $b --id daily
step "list" '"Id": "daily"' list-bucket-inventory-configurations --bucket $b
extra=(HTTP_PROXY="$endpoint")
if cli "$work/virtual.ini" --endpoint-url "http://localhost:$port" s3api list-bucket-inventory-configurations --bucket $b &&
	grep -q '"Id": "daily"' "$work/cli.out"; then
	ok "cli list, virtual-hosted"
else
	bad "cli list, virtual-hosted: $(cat "$work/cli.out" "$work/cli.err")"
fi
virtual $b cli
step "delete" '' delete-bucket-inventory-configuration --bucket $b --id daily
extra=()
if ! cli "$work/path.ini" --endpoint-url "$endpoint" s3api get-bucket-inventory-configuration --bucket $b --id daily &&
	grep -q "An error occurred (NoSuchConfiguration)" "$work/cli.err"; then
	ok "cli get after delete: NoSuchConfiguration"
else
	bad "cli get after delete: $(cat "$work/cli.out" "$work/cli.err")"
fi
step "delete bucket" '' delete-bucket --bucket $b

echo "== boto3 $(/usr/bin/python3 -c 'import boto3; print(boto3.__version__)')"
clean /usr/bin/python3 "$here/lifecycle.py" "$endpoint" "$port" boto-bucket >"$work/boto.out" 2>&1
tally boto3 8 "$work/boto.out"
virtual boto-bucket boto3

echo "== AWS SDK for JavaScript v3 $(cd "$work/js" && node -p 'require("@aws-sdk/client-s3/package.json").version')"
(cd "$work/js" && clean NODE_NO_WARNINGS=1 "$(command -v node)" lifecycle.mjs "$endpoint" "$port" js-bucket) >"$work/js.out" 2>&1
tally js 8 "$work/js.out"
virtual js-bucket js

# AWS_ENDPOINT_URL_S3 alone, no endpoint in code, as the README's compose and GitHub
# Actions examples configure their tests (the JS SDK reads it from 3.428.0). Without it
# the SDK would go to AWS, which this machine cannot reach: an answer is the fake's.
cat >"$work/js/env-endpoint.mjs" <<'JS'
import { S3Client, ListBucketsCommand } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
// A connect timeout, so that a host whose firewall drops packets to AWS fails in
// seconds rather than at the system's connect timeout.
const s3 = new S3Client({ forcePathStyle: true, region: "us-east-1", maxAttempts: 1,
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
  requestHandler: new NodeHttpHandler({ connectionTimeout: 5000, requestTimeout: 10000 }) });
try {
  const out = await s3.send(new ListBucketsCommand({}));
  console.log(`ok   AWS_ENDPOINT_URL_S3 alone: ListBuckets answered by the fake (${(out.Buckets ?? []).length} buckets)`);
} catch (err) {
  console.log(`FAIL AWS_ENDPOINT_URL_S3 alone: ${err.name}: ${err.message}`);
}
JS
(cd "$work/js" && clean AWS_ENDPOINT_URL_S3="$endpoint" NODE_NO_WARNINGS=1 "$(command -v node)" env-endpoint.mjs) >"$work/js-env.out" 2>&1
tally js-env 1 "$work/js-env.out"

# The README's own snippets, as they stand but for the port: every fenced sh, python and
# js block of its "Clients beyond Go" section, but those marked <!-- snippet: skip (why) -->
# (as .ci/snippets.sh reads the marker too).
awk -v dir="$work/readme" '
	/^## / { inside = ($0 == "## Clients beyond Go") }
	/^<!-- snippet: skip/ { skip = 1; next }
	inside && /^```(sh|python|js)$/ { if (skip) { skip = 0; skipping = 1; next } n++; lang = substr($0, 4); file = dir "/" n "." lang; next }
	inside && /^```$/ { file = ""; skipping = 0; next }
	/[^ \t]/ && !skipping && file == "" { skip = 0 }
	file != "" { print > file }
' < <(mkdir -p "$work/readme"; cat README.md)
snippets=0
for f in "$work"/readme/*; do
	[ -e "$f" ] || break
	sed -i "s/127\.0\.0\.1:9090/127.0.0.1:$port/g; s/localhost:9090/localhost:$port/g" "$f"
	snippets=$((snippets + 1))
	case $f in
	*.sh) (cd "$work" && clean bash -e "$f") >"$work/snippet.out" 2>&1 ;;
	*.python) clean /usr/bin/python3 "$f" >"$work/snippet.out" 2>&1 ;;
	*.js) cp "$f" "$work/js/snippet.mjs" && (cd "$work/js" && clean NODE_NO_WARNINGS=1 "$(command -v node)" snippet.mjs) >"$work/snippet.out" 2>&1 ;;
	esac
	if [ $? = 0 ]; then ok "README snippet $(basename "$f")"; else bad "README snippet $(basename "$f"): $(cat "$work/snippet.out")"; fi
done
[ "$snippets" -ge 3 ] || bad "found $snippets README snippets in Clients beyond Go, want the CLI, boto3 and JS ones"

kill -0 "$pid" 2>/dev/null || bad "the binary exited during the run: $(cat "$work/err")"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
