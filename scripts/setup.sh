#!/usr/bin/env bash
# Installs what building and testing inspectd needs on a Debian machine that
# has only the Swift toolchain: libsystemd-dev (the journal and sd_notify),
# libsqlite3-dev (the store), pkg-config, and for the tests curl, iproute2
# and python3 with two independent checkers from PyPI: openapi-spec-validator
# (the OpenAPI document) and icalendar (the .ics files `inspectctl roster
# --format ics` writes), and schemathesis, the API fuzzer the fuzz smoke test
# drives from the OpenAPI document. It installs only what is missing, and says what to
# run when it cannot; run twice, it changes nothing the second time.
#
#   scripts/setup.sh            what building needs
#   scripts/setup.sh --tests    and what the tests need
set -euo pipefail

tests=false
[ "${1:-}" = "--tests" ] && tests=true

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
# pip for the Python checkers (Debian's python3 comes without it).
if $tests && command -v python3 >/dev/null && ! python3 -m pip --version >/dev/null 2>&1; then
    missing+=(python3-pip)
fi

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

# Into the python3 the tests run (the first on PATH). Debian's own python3 is
# "externally managed" (PEP 668): pip refuses a plain install there, so the
# second try installs beside apt's packages, in /usr/local/lib/python3*/dist-packages.
pip_install() {
    export PIP_ROOT_USER_ACTION=ignore  # root is who runs this on a server or in CI
    python3 -m pip install -q "$1" 2>/dev/null || python3 -m pip install -q --break-system-packages "$1"
}

if $tests; then
    if ! python3 -c 'import openapi_spec_validator' 2>/dev/null; then
        echo "setup: installing openapi-spec-validator for the tests"
        pip_install openapi-spec-validator
    fi
    if ! python3 -c 'import icalendar' 2>/dev/null; then
        echo "setup: installing icalendar (an independent iCalendar parser) for the tests"
        pip_install icalendar
    fi
    if ! python3 -c 'import schemathesis' 2>/dev/null; then
        echo "setup: installing schemathesis (the API fuzzer) for the tests"
        pip_install schemathesis
    fi
    python3 -c 'import icalendar, openapi_spec_validator, schemathesis' ||
        { echo "setup: the Python checkers did not install; see the pip messages above" >&2; exit 1; }
fi
