#!/usr/bin/env bash
# Container end-to-end run of the sidecar, as a CI pipeline of any language uses it:
# build the static binary and the FROM-scratch image (the README's container
# section says why these flags), run the container configured by environment only and seeded
# from a mounted file, and drive it with Debian's AWS CLI: create a bucket;
# put/get/list/delete an inventory configuration; an injected AccessDenied; an
# injected SlowDown the CLI retries through. SIGTERM (podman stop) must leave a
# snapshot. Loopback only; the container and the image are always removed.
set -euo pipefail
cd "$(dirname "$0")/.."

# A free loopback port (no fixed port: two runs may share a machine), or the one given.
port=${CONTAINER_E2E_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
name=s3invmock-e2e-$$
image=localhost/s3invmock:e2e-$$
endpoint=http://127.0.0.1:$port
work=$(mktemp -d)

cleanup() {
	podman stop -t 2 "$name" >/dev/null 2>&1 || true
	podman rm -f "$name" >/dev/null 2>&1 || true
	podman rmi -f "$image" >/dev/null 2>&1 || true
	rm -rf "$work" cmd/s3invmock/s3invmock
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

step "install awscli, podman, runc"
if ! [ -x /usr/bin/aws ] || ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli podman runc >/dev/null
fi
aws=/usr/bin/aws # Debian's, not whatever a version manager put first on PATH

step "build the binary and the image"
version=$(git describe --always --dirty 2>/dev/null || echo e2e)
CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=$version" -o cmd/s3invmock/s3invmock ./cmd/s3invmock
podman build -q --layers=false --format docker --build-arg VERSION="$version" -t "$image" cmd/s3invmock >/dev/null

step "run it, configured by environment only, seeded from a mounted file"
cp fixtures/seeds/example.yaml "$work/seed.yaml"
chmod 0777 "$work" # the image runs as user 65532, which writes the snapshot here
# --health-interval=disable: no systemd here to run the timer; the loop below runs the
# image's HEALTHCHECK itself. (podman 4.3 still logs "unable to get systemd
# connection" on run and stop; it is harmless.)
podman --runtime runc run -d --name "$name" --health-interval=disable \
	--ulimit nofile=20000:20000 --ulimit nproc=32768:32768 \
	-p "127.0.0.1:$port:9090" -v "$work:/data" \
	-e S3INVMOCK_SEED=/data/seed.yaml -e S3INVMOCK_STATE=/data/state.yaml -e S3INVMOCK_LOG=json \
	"$image" >/dev/null
for i in $(seq 100); do
	podman healthcheck run "$name" >/dev/null 2>&1 && break
	[ "$i" = 100 ] && { podman logs "$name" >&2; fail "not healthy after 10 s"; }
	sleep 0.1
done
echo "healthy: $(podman exec "$name" /s3invmock version)"
# Healthy inside is not yet reachable outside: podman's port forwarding can start later
# on a loaded machine, so wait for the published port too.
for i in $(seq 100); do
	python3 -c 'import sys,urllib.request; urllib.request.urlopen(sys.argv[1] + "/_mock/health", timeout=1)' "$endpoint" 2>/dev/null && break
	[ "$i" = 100 ] && fail "the published port $port does not answer after 10 s"
	sleep 0.1
done

# The CLI reads only what is given here, never the caller's profile.
cat >"$work/aws-config" <<CONF
[default]
region = us-east-1
s3 =
  addressing_style = path
CONF
export AWS_CONFIG_FILE="$work/aws-config" AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=e2e-secret AWS_EC2_METADATA_DISABLED=true
s3api() { "$aws" --endpoint-url "$endpoint" s3api "$@"; }

# control METHOD PATH [JSON-BODY]: the control API through python3's urllib (the CLI
# cannot reach it); prints the answer's body, fails unless it is a success envelope.
control() {
	python3 - "$endpoint" "$@" <<'PY'
import json, sys, urllib.request
base, method, path = sys.argv[1:4]
body = sys.argv[4].encode() if len(sys.argv) > 4 else None
req = urllib.request.Request(base + path, data=body, method=method,
                             headers={"Content-Type": "application/json"} if body else {})
with urllib.request.urlopen(req, timeout=10) as resp:
    env = json.load(resp)
if not env.get("success"):
    sys.exit("control %s %s: %s" % (method, path, env))
print(json.dumps(env["data"]))
PY
}

step "the seeded configurations are there"
ids=$(s3api list-bucket-inventory-configurations --bucket reports --query 'InventoryConfigurationList[].Id' --output text)
[ "$ids" = "$(printf 'daily-csv\tweekly-parquet')" ] || fail "seeded ids: $ids"

step "create a bucket; put, get, list and delete a configuration"
s3api create-bucket --bucket e2e-bucket >/dev/null
s3api put-bucket-inventory-configuration --bucket e2e-bucket --id e2e --inventory-configuration \
	'{"Id":"e2e","IsEnabled":true,"IncludedObjectVersions":"All","Schedule":{"Frequency":"Daily"},
	  "Destination":{"S3BucketDestination":{"Bucket":"arn:aws:s3:::dest","Format":"CSV","Prefix":"inv/"}},
	  "OptionalFields":["Size","ETag"]}'
got=$(s3api get-bucket-inventory-configuration --bucket e2e-bucket --id e2e \
	--query 'InventoryConfiguration.[Id,Destination.S3BucketDestination.Prefix,join(`,`,OptionalFields)]' --output text)
[ "$got" = "$(printf 'e2e\tinv/\tSize,ETag')" ] || fail "get: $got"
n=$(s3api list-bucket-inventory-configurations --bucket e2e-bucket --query 'length(InventoryConfigurationList)')
[ "$n" = 1 ] || fail "list: $n configurations"
s3api delete-bucket-inventory-configuration --bucket e2e-bucket --id e2e
if s3api get-bucket-inventory-configuration --bucket e2e-bucket --id e2e 2>"$work/err"; then fail "deleted configuration still there"; fi
grep -q NoSuchConfiguration "$work/err" || fail "after delete: $(cat "$work/err")"
s3api put-bucket-inventory-configuration --bucket e2e-bucket --id kept --inventory-configuration \
	'{"Id":"kept","IsEnabled":false,"IncludedObjectVersions":"Current","Schedule":{"Frequency":"Weekly"},
	  "Destination":{"S3BucketDestination":{"Bucket":"arn:aws:s3:::dest","Format":"Parquet"}}}'

step "an injected AccessDenied"
control PUT /_mock/scenarios '{"rules":[{"name":"deny","match":{"bucket":"e2e-bucket","operation":"GetBucketInventoryConfiguration"},"action":{"error":"AccessDenied"}}]}' >/dev/null
if s3api get-bucket-inventory-configuration --bucket e2e-bucket --id kept 2>"$work/err"; then fail "AccessDenied not injected"; fi
grep -q AccessDenied "$work/err" || fail "denied get: $(cat "$work/err")"

step "an injected SlowDown that the CLI retries through"
control DELETE /_mock/requests >/dev/null
control PUT /_mock/scenarios '{"rules":[{"name":"throttle","match":{"operation":"ListBucketInventoryConfigurations"},"when":{"times":2},"action":{"error":"SlowDown"}}]}' >/dev/null
n=$(s3api list-bucket-inventory-configurations --bucket e2e-bucket --query 'length(InventoryConfigurationList)')
[ "$n" = 1 ] || fail "list through SlowDown: $n configurations"
attempts=$(control GET '/_mock/requests?operation=ListBucketInventoryConfigurations&bucket=e2e-bucket' |
	python3 -c 'import json,sys; print(" ".join(str(e["status"]) for e in json.load(sys.stdin)))')
[ "$attempts" = "503 503 200" ] || fail "attempts: $attempts"
control DELETE /_mock/scenarios >/dev/null

step "objects, a delivered report, read back with the CLI"
s3api create-bucket --bucket dest >/dev/null
control PUT /_mock/buckets/e2e-bucket/objects '[{"Key":"logs/a b.txt","Body":"hello"},{"Key":"logs/c+d.txt","Size":7}]' >/dev/null
s3api put-bucket-inventory-configuration --bucket e2e-bucket --id e2e-csv --inventory-configuration \
	'{"Id":"e2e-csv","IsEnabled":true,"IncludedObjectVersions":"Current","Schedule":{"Frequency":"Daily"},
	  "Destination":{"S3BucketDestination":{"Bucket":"arn:aws:s3:::dest","Format":"CSV","Prefix":"inv"}},
	  "OptionalFields":["Size","ETag"]}'
delivery=$(control POST /_mock/inventory/deliveries '{"bucket":"e2e-bucket","id":"e2e-csv"}')
manifest=$(printf '%s' "$delivery" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["outcome"]=="delivered" and d["rows"]==2, d; print(d["manifestKey"])')
listed=$("$aws" --endpoint-url "$endpoint" s3 ls --recursive s3://dest/inv/ | wc -l)
[ "$listed" = 4 ] || fail "delivered objects listed: $listed"
"$aws" --endpoint-url "$endpoint" s3 cp "s3://dest/$manifest" "$work/manifest.json" >/dev/null
grep -q '"sourceBucket": "e2e-bucket"' "$work/manifest.json" || fail "manifest: $(cat "$work/manifest.json")"
grep -q '"fileSchema": "Bucket, Key, Size, ETag"' "$work/manifest.json" || fail "manifest schema: $(cat "$work/manifest.json")"

step "SIGTERM writes the snapshot"
podman stop -t 10 "$name" >/dev/null
[ "$(podman inspect -f '{{.State.ExitCode}}' "$name")" = 0 ] || fail "exit code $(podman inspect -f '{{.State.ExitCode}}' "$name")"
grep -q 'name: e2e-bucket' "$work/state.yaml" || fail "snapshot: $(cat "$work/state.yaml")"
grep -q '<Id>kept</Id>' "$work/state.yaml" || fail "snapshot lacks the configuration"
grep -q 'Key: logs/a b.txt' "$work/state.yaml" || fail "snapshot lacks the seeded objects"

step "container end-to-end: ok"
