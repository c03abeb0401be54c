#!/usr/bin/env bash
# Identity end to end with the AWS CLI (botocore's own SigV4 signer): the real binary in
# verify mode, seeded with two accounts, driven by Debian's `aws` (and, when a different
# `aws` comes first on PATH, by that one too: CLI v1 and v2 sign different header sets).
# The owner's key runs the whole inventory lifecycle; a wrong secret, an unknown key and
# the reader key on put are refused with the S3 code each deserves, exit status 254 or
# 255 from the CLI, and change nothing. Loopback only; the binary is always stopped.
# Prints "N passed, 0 failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
. .ci/lib.sh # after the cd to the repository root above

if ! command -v aws >/dev/null && ! [ -x /usr/bin/aws ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq awscli >/dev/null || { echo "cannot install awscli" >&2; exit 1; }
fi
clis=()
[ -x /usr/bin/aws ] && clis+=(/usr/bin/aws)
path_aws=$(command -v aws || true)
if [ -n "$path_aws" ] && [ "$(readlink -f "$path_aws")" != /usr/bin/aws ]; then
	clis+=("$path_aws")
fi

work_dir

go build -o "$work/s3invmock" ./cmd/s3invmock || { echo "build failed" >&2; exit 1; }

cat >"$work/seed.yaml" <<'YAML'
buckets: []
accounts:
  - id: "111122223333"
    keys:
      - accessKeyId: AKIAOWNER0000000001
        secretAccessKey: owner-secret
        actions: ["s3:*"]
      - accessKeyId: AKIAREADER000000001
        secretAccessKey: reader-secret
        actions: ["s3:GetInventoryConfiguration", "s3:ListAllMyBuckets"]
  - id: "444455556666"
    keys:
      - accessKeyId: AKIAOTHER0000000001
        secretAccessKey: other-secret
YAML

cat >"$work/inventory.json" <<'JSON'
{"Id": "daily", "IsEnabled": true,
 "Destination": {"S3BucketDestination": {"Bucket": "arn:aws:s3:::dest", "Format": "CSV", "Prefix": "inv/"}},
 "Schedule": {"Frequency": "Daily"}, "IncludedObjectVersions": "Current",
 "OptionalFields": ["Size", "ETag"]}
JSON
# What a refused caller tries to put: valid, so that only identity can refuse it.
sed 's/"daily"/"evil"/' "$work/inventory.json" >"$work/evil.json"

S3INVMOCK_ADDR=127.0.0.1:0 S3INVMOCK_AUTH=verify S3INVMOCK_SEED="$work/seed.yaml" \
	"$work/s3invmock" >"$work/out" 2>"$work/err" &
pid=$!
endpoint=
for _ in $(seq 100); do
	endpoint=$(sed -n 's|^s3invmock listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p' "$work/out" 2>/dev/null)
	[ -n "$endpoint" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
if [ -z "$endpoint" ]; then
	echo "the binary printed no ready line" >&2
	cat "$work/out" "$work/err" >&2
	exit 1
fi
echo "s3invmock (verify mode) at $endpoint"

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $(echo "$*" | tr -s '\n' ' ')"; }

# run KEY SECRET CLI ARGS...: the CLI with nothing from the caller's environment or
# profile; its stdout, stderr and status land in $work/last.{out,err,rc}.
run() {
	local key=$1 secret=$2 cli=$3
	shift 3
	env -i PATH="$PATH" HOME="$work" \
		AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_DEFAULT_REGION=us-east-1 \
		AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
		AWS_MAX_ATTEMPTS=1 AWS_RETRY_MODE=standard AWS_PAGER= \
		"$cli" --endpoint-url "$endpoint" --output json "$@" >"$work/last.out" 2>"$work/last.err"
	echo $? >"$work/last.rc"
}

# expect_ok NAME KEY SECRET CLI ARGS...
expect_ok() {
	local name=$1
	shift
	run "$@"
	if [ "$(cat "$work/last.rc")" = 0 ]; then ok "$name"; else bad "$name: exit $(cat "$work/last.rc"): $(cat "$work/last.err")"; fi
}

# expect_error NAME CODE KEY SECRET CLI ARGS...: a non-zero exit and the S3 code in the
# CLI's "An error occurred (Code) when calling the Operation operation" line.
expect_error() {
	local name=$1 code=$2
	shift 2
	run "$@"
	local rc
	rc=$(cat "$work/last.rc")
	# 254: CLI v2's code for a service error; 255: CLI v1's.
	if { [ "$rc" = 254 ] || [ "$rc" = 255 ]; } && grep -q "An error occurred ($code)" "$work/last.err"; then
		ok "$name: exit $rc, $code"
	else
		bad "$name: exit $rc, want $code: $(cat "$work/last.err")"
	fi
}

# expect_out NAME PATTERN: the last output matches a grep -E pattern.
expect_out() {
	if grep -Eq "$2" "$work/last.out"; then ok "$1"; else bad "$1: output $(cat "$work/last.out")"; fi
}

owner=(AKIAOWNER0000000001 owner-secret)
reader=(AKIAREADER000000001 reader-secret)
other=(AKIAOTHER0000000001 other-secret)
for i in "${!clis[@]}"; do
	cli=${clis[$i]}
	echo "== $cli: $("$cli" --version 2>&1)"
	b=inventory-cli$i # a bucket of its own per CLI
	s3=(s3api)
	expect_ok "create-bucket as the owner" "${owner[@]}" "$cli" "${s3[@]}" create-bucket --bucket "$b"
	expect_ok "put as the owner" "${owner[@]}" "$cli" "${s3[@]}" put-bucket-inventory-configuration \
		--bucket "$b" --id daily --inventory-configuration "file://$work/inventory.json"
	expect_ok "get as the owner" "${owner[@]}" "$cli" "${s3[@]}" get-bucket-inventory-configuration --bucket "$b" --id daily
	expect_out "get answers the configuration put" '"Prefix": "inv/"'
	expect_ok "list as the owner" "${owner[@]}" "$cli" "${s3[@]}" list-bucket-inventory-configurations --bucket "$b"
	expect_out "list shows it" '"Id": "daily"'
	expect_ok "list-buckets as the owner" "${owner[@]}" "$cli" "${s3[@]}" list-buckets
	expect_out "list-buckets shows the bucket" "\"Name\": \"$b\""

	expect_error "get with a wrong secret" SignatureDoesNotMatch "${owner[0]}" not-the-secret "$cli" "${s3[@]}" \
		get-bucket-inventory-configuration --bucket "$b" --id daily
	expect_error "put with a wrong secret" SignatureDoesNotMatch "${owner[0]}" not-the-secret "$cli" "${s3[@]}" \
		put-bucket-inventory-configuration --bucket "$b" --id evil --inventory-configuration "file://$work/evil.json"
	expect_error "list with an unknown key" InvalidAccessKeyId AKIAUNKNOWN00000001 whatever "$cli" "${s3[@]}" \
		list-bucket-inventory-configurations --bucket "$b"
	expect_error "put with the reader key" AccessDenied "${reader[@]}" "$cli" "${s3[@]}" \
		put-bucket-inventory-configuration --bucket "$b" --id evil --inventory-configuration "file://$work/evil.json"
	expect_error "delete with the reader key" AccessDenied "${reader[@]}" "$cli" "${s3[@]}" \
		delete-bucket-inventory-configuration --bucket "$b" --id daily
	expect_ok "get with the reader key" "${reader[@]}" "$cli" "${s3[@]}" get-bucket-inventory-configuration --bucket "$b" --id daily
	expect_error "get with another account's key" AccessDenied "${other[@]}" "$cli" "${s3[@]}" \
		get-bucket-inventory-configuration --bucket "$b" --id daily
	expect_error "put without a signature" AccessDenied "${owner[@]}" "$cli" --no-sign-request "${s3[@]}" \
		put-bucket-inventory-configuration --bucket "$b" --id evil --inventory-configuration "file://$work/evil.json"

	expect_ok "the refusals changed nothing" "${owner[@]}" "$cli" "${s3[@]}" list-bucket-inventory-configurations --bucket "$b"
	if [ "$(grep -c '"Id":' "$work/last.out")" = 1 ]; then ok "still exactly one configuration"; else bad "configurations: $(cat "$work/last.out")"; fi
	expect_ok "delete as the owner" "${owner[@]}" "$cli" "${s3[@]}" delete-bucket-inventory-configuration --bucket "$b" --id daily
	expect_error "get after delete" NoSuchConfiguration "${owner[@]}" "$cli" "${s3[@]}" \
		get-bucket-inventory-configuration --bucket "$b" --id daily
	# A URL the CLI presigns (GetObject of a key the bucket does not hold): its signature
	# passes, so the answer is 404 NoSuchKey; with one signature digit changed it is
	# SignatureDoesNotMatch.
	if command -v curl >/dev/null; then
		run "${owner[@]}" "$cli" s3 presign "s3://$b/report.csv" --expires-in 300
		url=$(cat "$work/last.out")
		code() { curl -s "$1" | sed -n 's|.*<Code>\(.*\)</Code>.*|\1|p'; }
		got=$(code "$url")
		case $url in
		*X-Amz-Signature=*)
			# GetObject of a key the bucket does not hold: the signature verified, so
			# the request reached the operation, which answers NoSuchKey.
			if [ "$got" = NoSuchKey ]; then ok "a presigned URL verifies: $got"; else bad "presigned URL: $got ($url)"; fi
			forged=$(echo "$url" | sed -E 's/(X-Amz-Signature=[0-9a-f]{63})[0-9a-f]/\1x/')
			got=$(code "$forged")
			if [ "$got" = SignatureDoesNotMatch ]; then ok "a presigned URL with its signature changed: $got"; else bad "forged presigned URL: $got"; fi
			;;
		*) # CLI v1 presigns with Signature Version 2, which the fake refuses as new S3 regions do
			if [ "$got" = InvalidRequest ]; then ok "a SigV2 presigned URL is refused: $got"; else bad "SigV2 presigned URL: $got ($url)"; fi
			;;
		esac
	fi
	expect_ok "delete-bucket as the owner" "${owner[@]}" "$cli" "${s3[@]}" delete-bucket --bucket "$b"
done

if ! kill -0 "$pid" 2>/dev/null; then
	bad "the binary exited during the run: $(cat "$work/err")"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
