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
