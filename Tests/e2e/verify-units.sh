#!/usr/bin/env bash
# Lints the deploy/ units as `make install` installs them (@BINDIR@ replaced,
# the binary in place, the man pages named in Documentation= installed):
# `systemd-analyze verify` must exit 0 and print nothing on stderr (it exits 0
# on warnings such as unknown keys). Then prints the service's exposure score
# from `systemd-analyze security --offline=true` to stdout and writes the full
# table to --security FILE when given.
#
#   verify-units.sh --bin DIR [--security FILE]
#
# Runs in a private mount namespace with a tmpfs on /run/systemd and the staged
# /usr/local/bin bound over the host's there, so it writes nothing on the host.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin="" security=""
while [ $# -gt 0 ]; do
    case $1 in
        --bin) bin=$(cd "$2" && pwd); shift 2 ;;
        --security) security=$2; shift 2 ;;
        *) echo "verify-units.sh: unknown argument $1" >&2; exit 64 ;;
    esac
done
[ -n "$bin" ] || { echo "usage: verify-units.sh --bin DIR [--security FILE]" >&2; exit 64; }
if [ "$(id -u)" != 0 ]; then
    echo "verify-units.sh: needs root (a private mount namespace)" >&2
    exit 77
fi

stage=$(mktemp -d /tmp/inspectd-verify.XXXXXX)
trap 'rm -rf "$stage"' EXIT
prefix=/usr/local
make -C "$repo" --no-print-directory install-files DESTDIR="$stage" PREFIX="$prefix" PRODUCTS="$bin" > "$stage/install.log" 2>&1 ||
    { cat "$stage/install.log" >&2; exit 1; }
units="$stage$prefix/lib/systemd/system"

inner='
set -euo pipefail
stage=$1 prefix=$2 units=$3 security=$4
mount -n -t tmpfs tmpfs /run/systemd
mount -n --bind "$stage$prefix/bin" "$prefix/bin"
export MANPATH="$stage$prefix/share/man:"
status=0
systemd-analyze verify "$units/inspectd.socket" "$units/inspectd.service" > "$stage/verify.out" 2> "$stage/verify.err" || status=$?
systemd-analyze security --offline=true --no-pager "$units/inspectd.service" > "$stage/security.txt" 2>&1 || true
if [ $status != 0 ] || [ -s "$stage/verify.err" ]; then
    echo "systemd-analyze verify: exit $status" >&2
    cat "$stage/verify.out" "$stage/verify.err" >&2
    exit 1
fi
'
status=0
unshare --mount --propagation private bash -c "$inner" verify-units "$stage" "$prefix" "$units" "$security" || status=$?
[ -n "$security" ] && cp "$stage/security.txt" "$security"
grep -E "Overall exposure level" "$stage/security.txt" || { cat "$stage/security.txt" >&2; status=1; }
[ $status = 0 ] && echo "systemd-analyze verify: inspectd.socket, inspectd.service: no warnings"
exit $status
