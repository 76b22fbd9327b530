#!/usr/bin/env bash
# Installs what building and testing inspectd needs on a Debian machine that
# has only the Swift toolchain: libsystemd-dev (the journal and sd_notify),
# libsqlite3-dev (the store), pkg-config, and for the tests curl, iproute2
# and python3 with openapi-spec-validator (an independent OpenAPI check).
# It installs only what is missing, and says what to run when it cannot.
set -euo pipefail

missing=()
pkg-config --exists libsystemd 2>/dev/null || missing+=(libsystemd-dev)
pkg-config --exists sqlite3 2>/dev/null || missing+=(libsqlite3-dev)
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3 python3-pip)
command -v iconv >/dev/null || missing+=(libc-bin)
[ -x /lib/systemd/systemd-journald ] || missing+=(systemd)
command -v unshare >/dev/null || missing+=(util-linux)
command -v mandb >/dev/null || missing+=(man-db)
command -v make >/dev/null || missing+=(make)

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        sudo=""
    elif command -v sudo >/dev/null; then
        sudo="sudo"
    else
        echo "setup: missing packages: ${missing[*]}; install them as root: apt-get install ${missing[*]}" >&2
        exit 1
    fi
    echo "setup: installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "${1:-}" = "--tests" ] && ! python3 -c 'import openapi_spec_validator' 2>/dev/null; then
    echo "setup: installing openapi-spec-validator for the tests"
    python3 -m pip install -q openapi-spec-validator || python3 -m pip install -q --break-system-packages openapi-spec-validator
fi
