#!/usr/bin/env bash
# Installs what the browser tests need, when it is missing:
#   - Debian's chromium (/usr/bin/chromium), with apt-get when running as root;
#   - the npm packages in package-lock.json (npm ci), when node_modules is
#     missing or older than the lockfile.
# Otherwise it stops with one line saying what to install.
set -euo pipefail
cd "$(dirname "$0")"

# SPRY_CHROMIUM overrides the path, as in e2e/harness.mjs.
CHROMIUM=${SPRY_CHROMIUM:-/usr/bin/chromium}

fail() {
	echo "e2e setup: $*" >&2
	exit 1
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	fail "Node.js 20+ and npm are missing: install them (Debian: apt-get install nodejs npm) and run again."
fi
if (($(node -p 'parseInt(process.versions.node)') < 20)); then
	fail "Node.js $(node --version) is too old: install Node.js 20 or newer and run again."
fi

if [[ ! -x $CHROMIUM ]]; then
	if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
		echo "e2e setup: installing Debian's chromium (apt-get)..."
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >/dev/null
		apt-get install -y -qq chromium >/dev/null
		[[ -x $CHROMIUM ]] || fail "apt-get installed chromium but $CHROMIUM is still missing."
	else
		fail "Chromium is missing: install Debian's chromium (sudo apt-get install chromium) so that $CHROMIUM exists, and run again."
	fi
fi

# npm ci writes node_modules/.package-lock.json; a lockfile newer than it
# means the packages changed since the last install.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
	echo "e2e setup: installing npm packages (npm ci)..."
	npm ci --no-audit --no-fund --loglevel=error >/dev/null
	touch node_modules/.package-lock.json
fi
