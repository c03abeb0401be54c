#!/usr/bin/env bash
# The README's Testcontainers (Node) recipe, run: npm testcontainers starts the sidecar
# image (built here FROM scratch) through podman's Docker-compatible API on a socket of
# its own, and the AWS SDK for JavaScript v3 drives it (.ci/testcontainers/). On this
# machine three settings are needed, all outside the test itself:
#   TESTCONTAINERS_RYUK_DISABLED=true  the reaper is an image (testcontainers/ryuk) that
#       would have to be pulled, and no container registry is reachable; the test stops
#       its container itself, and cleanup below removes any container of this run's image.
#   TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1  this machine has /.dockerenv, so testcontainers
#       would otherwise talk to the podman network's gateway instead of loopback.
#   CONTAINERS_CONF for the service: runc (crun refuses this machine's cgroup layout) and
#       ulimits under the machine's hard limits (podman's default open-files limit is above
#       them: "error setting rlimit type 7: operation not permitted").
# Loopback only, a socket and a port chosen at run time; the service, the containers, the
# image and the temporary files are always removed. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. .ci/lib.sh # after the cd to the repository root above

# The versions last run here. testcontainers 11 is the last line that runs on node 20:
# 12.0.x loads undici 8, which fails there (zlib.createZstdDecompress is node 22's),
# and 12.1 declares node >= 22.22.
tc=testcontainers@11.14.0
js_sdk=@aws-sdk/client-s3@3.1175.0

need=()
command -v podman >/dev/null || need+=(podman)
command -v runc >/dev/null || need+=(runc)
command -v curl >/dev/null || need+=(curl)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; } ||
		{ echo "cannot install ${need[*]}" >&2; exit 1; }
fi

work=$(mktemp -d)
image=localhost/s3invmock:tc-$$
sock=$work/podman.sock
service=
cleanup() {
	podman ps -aq --filter "ancestor=$image" | xargs -r podman rm -f >/dev/null 2>&1
	podman rmi -f "$image" >/dev/null 2>&1
	[ -n "$service" ] && kill "$service" 2>/dev/null && wait "$service" 2>/dev/null
	rm -rf "$work" cmd/s3invmock/s3invmock
}
trap cleanup EXIT
summary() { echo "testcontainers: $1 passed, $2 failed"; }
fail() { echo "FAIL: $*" >&2; summary 0 1; exit 1; }

mkdir "$work/node" "$work/home"
(cd "$work/node" && npm init -y >/dev/null && npm install --no-save --no-audit --no-fund --silent "$tc" "$js_sdk" >/dev/null) ||
	fail "npm install $tc $js_sdk"
cp .ci/testcontainers/s3invmock.test.mjs "$work/node/"

version=$(git describe --always --dirty 2>/dev/null || echo tc)
CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=$version" -o cmd/s3invmock/s3invmock ./cmd/s3invmock ||
	fail "go build"
podman build -q --layers=false --format docker --build-arg VERSION="$version" -t "$image" cmd/s3invmock >/dev/null ||
	fail "podman build"

containers_conf "$work/containers.conf"
CONTAINERS_CONF=$work/containers.conf podman system service --time=0 "unix://$sock" >"$work/service.log" 2>&1 &
service=$!
for i in $(seq 100); do
	curl -sf --unix-socket "$sock" http://podman/_ping >/dev/null 2>&1 && break
	[ "$i" = 100 ] && { cat "$work/service.log" >&2; fail "the podman service does not answer on $sock after 10 s"; }
	sleep 0.1
done

# Nothing of the caller's environment, profile or ~/.testcontainers.properties reaches the test.
(cd "$work/node" && env -i PATH="$PATH" HOME="$work/home" TMPDIR="$work" \
	DOCKER_HOST="unix://$sock" TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 \
	S3INVMOCK_IMAGE="$image" node --test --test-reporter=tap s3invmock.test.mjs) | tee "$work/tap"
rc=${PIPESTATUS[0]}
passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$work/tap")
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$work/tap")
[ "$rc" = 0 ] || { echo "--- podman service log" >&2; tail -20 "$work/service.log" >&2; }
[ "$rc" = 0 ] && [ "${passed:-0}" -gt 0 ] || { summary "${passed:-0}" "$(( ${failed:-0} > 0 ? failed : 1 ))"; exit 1; }
summary "$passed" "${failed:-0}"
