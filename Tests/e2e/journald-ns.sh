#!/usr/bin/env bash
# Runs a command under a real systemd-journald of its own, in private mount and
# PID namespaces, with the command's stdout/stderr connected to a journal
# stream exactly as systemd connects a service's (so JOURNAL_STREAM is set and
# the daemon logs natively), then writes the journal as `journalctl -o json`.
#
#   journald-ns.sh --out FILE [--timeout SECONDS] [--identifier NAME] -- COMMAND [ARG...]
#
# Exits with the command's status (124 when it ran out of time). Needs root.
# Nothing reaches the host: /run/systemd is a tmpfs of the namespace, /run/log
# is a scratch directory, every mount uses `mount -n`, and when the namespace's
# first process ends the kernel ends everything else in it.
set -euo pipefail

out="" timeout=60 identifier=inspectd
while [ $# -gt 0 ]; do
    case $1 in
        --out) out=$2; shift 2 ;;
        --timeout) timeout=$2; shift 2 ;;
        --identifier) identifier=$2; shift 2 ;;
        --) shift; break ;;
        *) echo "journald-ns.sh: unknown argument $1" >&2; exit 64 ;;
    esac
done
if [ -z "$out" ] || [ $# -eq 0 ]; then
    echo "usage: journald-ns.sh --out FILE [--timeout SECONDS] [--identifier NAME] -- COMMAND [ARG...]" >&2
    exit 64
fi
if [ "$(id -u)" != 0 ]; then
    echo "journald-ns.sh: needs root (mount namespaces and journald)" >&2
    exit 77
fi

work=$(mktemp -d /tmp/inspectd-journald.XXXXXX)
child=""
cleanup() {
    if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then
        kill -KILL "$child" 2>/dev/null || true   # --kill-child takes the namespace with it
        wait "$child" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# Connects stdout and stderr to journald's stream socket with the header
# systemd itself sends for a service, sets JOURNAL_STREAM to the socket's
# device:inode, and execs the command.
stream_exec='
import os, socket, sys
identifier, argv = sys.argv[1], sys.argv[2:]
stream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
stream.connect("/run/systemd/journal/stdout")
stream.shutdown(socket.SHUT_RD)
# identifier, unit id, priority, level prefix, forward to syslog, kmsg, console
stream.sendall(f"{identifier}\n\n6\n0\n0\n0\n0\n".encode())
status = os.fstat(stream.fileno())
os.environ["JOURNAL_STREAM"] = f"{status.st_dev}:{status.st_ino}"
os.dup2(stream.fileno(), 1)
os.dup2(stream.fileno(), 2)
os.execvp(argv[0], argv)
'

inner='
set -euo pipefail
work=$1 timeout=$2 identifier=$3 stream_exec=$4; shift 4
mount -n -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run/systemd
mkdir -p "$work/log"
if [ -d /run/log ]; then
    mount -n --bind "$work/log" /run/log
else
    echo "journald-ns.sh: no /run/log on this host; giving /run a tmpfs in the namespace" >&2
    mkdir -p "$work/run"; mount -n --bind "$work/run" /run
    mkdir -p /run/systemd /run/log; mount -n -t tmpfs tmpfs /run/systemd; mount -n --bind "$work/log" /run/log
fi
mkdir -p /run/systemd/journal /run/systemd/journald.conf.d
printf "[Journal]\nStorage=volatile\nReadKMsg=no\nRateLimitBurst=0\nAudit=no\n" \
    > /run/systemd/journald.conf.d/inspectd-e2e.conf
SYSTEMD_LOG_TARGET=console /lib/systemd/systemd-journald > "$work/journald.log" 2>&1 &
journald=$!
for _ in $(seq 200); do
    [ -S /run/systemd/journal/socket ] && [ -S /run/systemd/journal/stdout ] && break
    kill -0 $journald 2>/dev/null || { echo "journald-ns.sh: journald exited" >&2; cat "$work/journald.log" >&2; exit 70; }
    sleep 0.05
done
[ -S /run/systemd/journal/stdout ] || { echo "journald-ns.sh: journald did not start" >&2; exit 70; }
status=0
timeout --kill-after=5 "$timeout" python3 -c "$stream_exec" "$identifier" "$@" < /dev/null || status=$?
journalctl --sync || true
journalctl -D /run/log/journal -o json --no-pager > "$work/journal.json"
kill $journald; wait $journald || true
exit $status
'

status=0
unshare --mount --propagation private --pid --fork --kill-child --mount-proc \
    bash -c "$inner" journald-ns "$work" "$timeout" "$identifier" "$stream_exec" "$@" &
child=$!
wait "$child" || status=$?
child=""
if [ -f "$work/journal.json" ]; then
    cp "$work/journal.json" "$out"
else
    echo "journald-ns.sh: no journal was read back; journald said:" >&2
    cat "$work/journald.log" >&2 2>/dev/null || true
    [ "$status" = 0 ] && status=70
fi
exit "$status"
