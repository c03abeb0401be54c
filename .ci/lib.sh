# Shared by the e2e scripts: sourced, never run.

# apt_install PKG...: installs the Debian packages named (the caller names only the
# missing ones) in one apt-get run; with none, does nothing. Exits the script when
# apt-get cannot.
apt_install() {
	[ $# -eq 0 ] && return 0
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" >/dev/null; } ||
		{ echo "cannot install $*" >&2; exit 1; }
}

# start_binary DIR BIN [VAR=VALUE...]: starts BIN with only PATH, a free loopback port
# and the settings given in its environment, and waits, through a FIFO in DIR (no
# polling), for its ready line. Sets pid and endpoint (http://127.0.0.1:PORT); fd 3
# stays open on its stdout, which a background cat keeps draining. Exits the script,
# with the binary's stderr, when no ready line comes within 30 s.
start_binary() {
	local dir=$1 bin=$2 line=
	shift 2
	mkfifo "$dir/ready"
	env -i PATH="$PATH" S3INVMOCK_ADDR=127.0.0.1:0 "$@" "$bin" >"$dir/ready" 2>"$dir/err" &
	pid=$!
	exec 3<"$dir/ready"
	read -r -t 30 -u 3 line
	endpoint=${line#s3invmock listening on }
	case $endpoint in
	http://127.0.0.1:*) ;;
	*)
		echo "no ready line from the binary: '$line'" >&2
		cat "$dir/err" >&2
		exit 1
		;;
	esac
	cat <&3 >/dev/null & # keep draining stdout
}

# containers_conf FILE: writes the containers.conf of the README's "Podman on a restricted
# host" (runc, and the ulimits podman 4.3 must be given here), for CONTAINERS_CONF.
containers_conf() {
	cat >"$1" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
CONF
}

# work_dir: sets work to a new temporary folder and pid to none; at exit, the process
# pid names (start_binary sets it) is stopped, fd 3 closed and the folder removed.
work_dir() {
	work=$(mktemp -d)
	pid=
	trap work_dir_cleanup EXIT
}

work_dir_cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	exec 3<&- 2>/dev/null
	rm -rf "$work"
}
