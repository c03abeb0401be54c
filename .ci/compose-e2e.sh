#!/usr/bin/env bash
# The README's compose file ("Sidecar in CI"), run under Debian's podman-compose: the
# YAML block is read from README.md itself, so CI checks what the README shows. Only its
# s3 service is kept (tests has build: .), with a free loopback port and the seed folder
# made absolute; two variants of it are added to show what becomes of the healthcheck:
#   s3         the README's, test: ["CMD", "/s3invmock", "healthcheck"]. podman-compose
#              1.0.3 turns every test form, the exec form too, into
#              --healthcheck-command "/bin/sh -c ..." (podman-compose issue 23), which
#              the shell-less image cannot run: asserted unhealthy. A podman-compose that
#              keeps the exec form must make it healthy instead.
#   s3-notest  the same without test: the image's own exec-form HEALTHCHECK is kept,
#              and it passes; the workaround the README gives for podman-compose 1.0.3.
#   s3-string  test: /s3invmock healthcheck, a plain string, which runs /bin/sh -c
#              under any compose: never healthy.
# No systemd here, so podman runs no healthcheck timer: `podman healthcheck run` runs it.
# The s3 service must answer curl and the AWS CLI on its published port. podman gets
# runc and the ulimits from a CONTAINERS_CONF of this run (README, "Podman on a
# restricted host"). Loopback only; nothing is pulled (--pull=never); the containers,
# network, image and temporary files are always removed. Ends with "compose-e2e: ok".
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v podman-compose >/dev/null || need+=(podman-compose)
command -v podman >/dev/null || need+=(podman)
command -v runc >/dev/null || need+=(runc)
command -v curl >/dev/null || need+=(curl)
[ -x /usr/bin/aws ] || need+=(awscli)
/usr/bin/python3 -c 'import yaml' 2>/dev/null || need+=(python3-yaml)
. .ci/lib.sh # after the cd to the repository root above
apt_install ${need[@]+"${need[@]}"}
aws=/usr/bin/aws # Debian's, not whatever a version manager put first on PATH

# A free loopback port (no fixed port: two runs may share a machine).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
project=s3invmock-compose-$$
image=localhost/s3invmock:compose-$$
short=localhost/s3invmock:latest # what the README's `image: s3invmock` resolves to
tagged=
work=$(mktemp -d)
compose=(podman-compose -p "$project" -f "$work/compose.yaml")

cleanup() {
	[ -s "$work/compose.yaml" ] && { "${compose[@]}" down >/dev/null 2>&1 || true; }
	podman network rm -f "${project}_default" >/dev/null 2>&1 || true # down leaves it (1.0.3)
	[ -n "$tagged" ] && { podman untag "$image" "$short" >/dev/null 2>&1 || true; }
	podman rmi -f "$image" >/dev/null 2>&1 || true
	rm -rf "$work" cmd/s3invmock/s3invmock
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
fail() {
	printf 'FAIL: %s\n' "$*" >&2
	[ -f "$work/up.log" ] && { echo "--- podman-compose up:" >&2; cat "$work/up.log" >&2; }
	exit 1
}

containers_conf "$work/containers.conf"
export CONTAINERS_CONF=$work/containers.conf

step "build the binary and the image"
version=$(git describe --always --dirty 2>/dev/null || echo e2e)
CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=$version" -o cmd/s3invmock/s3invmock ./cmd/s3invmock
podman build -q --layers=false --format docker --build-arg VERSION="$version" -t "$image" cmd/s3invmock >/dev/null
# The README's short name resolves to localhost/s3invmock:latest (podman 4.3 looks the
# short name up under localhost/ first). Tag it so only when no image holds that name,
# never replacing someone's own s3invmock; otherwise the compose file names this run's.
compose_image=
if podman image exists "$short"; then
	compose_image=$image
	echo "$short exists already: the compose file names $image instead of s3invmock"
else
	podman tag "$image" "$short"
	tagged=1
fi

step "the compose file, from README.md"
/usr/bin/python3 - README.md "$port" "$PWD/fixtures/seeds" "$compose_image" >"$work/compose.yaml" <<'PY' || fail "no compose file from README.md"
import copy, re, sys, yaml
readme, port, seeds, image = sys.argv[1:5]
blocks = [b for b in re.findall(r"^```yaml\n(.*?)^```", open(readme).read(), re.S | re.M)
          if b.startswith("services:") and "s3invmock" in b and "healthcheck" in b]
if len(blocks) != 1:
    sys.exit("README.md: %d compose blocks with a healthcheck, want 1" % len(blocks))
s3 = yaml.safe_load(blocks[0])["services"]["s3"]
if s3["ports"] != ["127.0.0.1:9090:9090"] or s3["volumes"] != ["./fixtures/seeds:/seeds:ro"]:
    sys.exit("README.md: the s3 service's ports or volumes changed: update this script")
if s3["healthcheck"].get("test") != ["CMD", "/s3invmock", "healthcheck"]:
    sys.exit("README.md: the s3 healthcheck is no longer the exec form: %r" % s3["healthcheck"])
s3["ports"] = ["127.0.0.1:%s:9090" % port]
s3["volumes"] = ["%s:/seeds:ro" % seeds]
if image:
    s3["image"] = image
notest, string = copy.deepcopy(s3), copy.deepcopy(s3)
for v in notest, string:
    del v["ports"]
del notest["healthcheck"]["test"]
string["healthcheck"]["test"] = "/s3invmock healthcheck"
yaml.safe_dump({"services": {"s3": s3, "s3-notest": notest, "s3-string": string}},
               sys.stdout, sort_keys=False)
PY
cat "$work/compose.yaml"

step "podman-compose up"
# --pull=never: the image is local; nothing may reach a registry.
"${compose[@]}" --podman-run-args=--pull=never up -d >"$work/up.log" 2>&1 || fail "podman-compose up"
{ grep -- '--healthcheck' "$work/up.log" || true; } | sed 's/.*--network-alias /  /' # what it passed, for the log
for s in s3 s3-notest s3-string; do
	c=${project}_${s}_1
	[ "$(podman inspect -f '{{.State.Running}} {{.OCIRuntime}}' "$c" 2>&1)" = "true runc" ] ||
		fail "$c is not running under runc: $(podman inspect -f '{{.State.Status}} {{.OCIRuntime}}' "$c" 2>&1)"
done
ulimits=$(podman inspect -f '{{range .HostConfig.Ulimits}}{{.Name}}={{.Soft}}:{{.Hard}} {{end}}' "${project}_s3_1")
[ "$ulimits" = "RLIMIT_NOFILE=20000:20000 RLIMIT_NPROC=32768:32768 " ] || fail "ulimits: $ulimits"

# healthcheck SERVICE: the container's healthcheck test, as podman keeps it.
healthcheck() { podman inspect -f '{{json .Config.Healthcheck.Test}}' "${project}_$1_1"; }
# healthy SERVICE: runs the healthcheck as podman's timer would; 0 when it passes.
healthy() { podman healthcheck run "${project}_$1_1" >/dev/null 2>&1; }

step "without test, the image's exec-form HEALTHCHECK is kept and passes"
hc=$(healthcheck s3-notest)
echo "s3-notest: $hc"
[ "$hc" = '["CMD","/s3invmock","healthcheck"]' ] || fail "s3-notest healthcheck: $hc"
for i in $(seq 100); do
	healthy s3-notest && break
	[ "$i" = 100 ] && { podman logs "${project}_s3-notest_1" >&2; fail "s3-notest not healthy after 10 s"; }
	sleep 0.1
done

step "the README's service answers on 127.0.0.1:$port"
# Podman's port forwarding can start after the container: wait for the port.
for i in $(seq 100); do
	curl -fsS -m 1 "http://127.0.0.1:$port/_mock/health" >"$work/health" 2>/dev/null && break
	[ "$i" = 100 ] && fail "port $port does not answer after 10 s"
	sleep 0.1
done
cat "$work/health"
echo
ids=$(env AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 \
	AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
	"$aws" --endpoint-url "http://127.0.0.1:$port" s3api list-bucket-inventory-configurations \
	--bucket reports --query 'InventoryConfigurationList[].Id' --output text) || fail "aws s3api"
[ "$ids" = "$(printf 'daily-csv\tweekly-parquet')" ] || fail "seeded ids: $ids"
echo "aws: $ids"

step "the README's exec-form healthcheck, after podman-compose"
hc=$(healthcheck s3)
echo "s3: $hc"
case $hc in
'["CMD","/s3invmock","healthcheck"]')
	healthy s3 || fail "the exec form was kept, yet the healthcheck fails"
	echo "podman-compose kept the exec form: healthy (the README's podman-compose 1.0.3 note is out of date)"
	;;
"[\"CMD-SHELL\",\"/bin/sh -c /s3invmock' 'healthcheck\"]")
	# The service answers (above) and the check itself passes when run directly: only
	# the /bin/sh that podman-compose 1.0.3 put in front of it is missing.
	out=$(podman exec "${project}_s3_1" /s3invmock healthcheck 2>&1) || fail "/s3invmock healthcheck in s3: $out"
	if healthy s3; then fail "a /bin/sh healthcheck passed in a shell-less image"; fi
	echo "podman-compose $(podman-compose version 2>/dev/null | sed -n 's/^podman-composer version *//p') ran the exec form through /bin/sh: never healthy"
	;;
*) fail "s3: unexpected healthcheck $hc" ;;
esac

step "a plain-string test runs /bin/sh -c and never passes"
hc=$(healthcheck s3-string)
echo "s3-string: $hc"
case $hc in '["CMD-SHELL",'*/bin/sh*) ;; *) fail "s3-string healthcheck: $hc" ;; esac
out=$(podman exec "${project}_s3-string_1" /s3invmock healthcheck 2>&1) || fail "/s3invmock healthcheck in s3-string: $out"
if healthy s3-string; then fail "the plain-string healthcheck passed"; fi

echo
echo "compose-e2e: ok"
