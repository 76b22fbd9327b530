#!/usr/bin/env bash
# Boots a real systemd as PID 1 of throw-away namespaces, installs inspectd in
# it with `make install-files` (binaries from --bin, deploy/ units, sysusers,
# tmpfiles, config, man pages: what `make install` does on a server, including
# running systemd-sysusers/systemd-tmpfiles and daemon-reload), runs a driver
# against it, and always tears everything down: on success, failure, timeout,
# SIGTERM/SIGINT, and (through a sentinel) when this script is killed.
#
#   systemd-ns.sh --bin DIR --driver SCRIPT --out DIR [--config FILE] [--timeout SECONDS]
#
# The driver runs on the host side with E2E_OUT (a directory for its results),
# E2E_PID (the namespace's systemd, as the host sees it) and a function
# `inns COMMAND...` that runs a command inside (`nsenter -t $E2E_PID -a`).
# The script exits with the driver's status; 124 when time ran out, 70 when
# the namespace could not be booted. Needs root; writes boot.log, console.log,
# journal.txt and failed-units.txt to --out for diagnosis.
#
# Guards (../shared/docs/systemd-testing.md), so that the namespace's systemd
# changes nothing kernel-wide: the root is an overlay of the host's / (read-only
# bind as the lower layer, a tmpfs as the upper); /proc/sys and
# /proc/sysrq-trigger read-only; /sys read-only; a fresh cgroup2 mounted inside a
# cgroup this script creates; private network, UTS, IPC, PID, cgroup and mount
# namespaces; units that touch the kernel masked; `mount -n` everywhere. On top:
# `container=` tells systemd it is in a container, and the capabilities to set
# the clock, load modules, do raw I/O and administer audit or MAC are dropped
# from its bounding set.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin="" driver_script="" out="" config="" timeout=180
while [ $# -gt 0 ]; do
    case $1 in
        --bin) bin=$(cd "$2" && pwd); shift 2 ;;
        --driver) driver_script=$(realpath "$2"); shift 2 ;;
        --out) out=$2; shift 2 ;;
        --config) config=$(realpath "$2"); shift 2 ;;
        --timeout) timeout=$2; shift 2 ;;
        *) echo "systemd-ns.sh: unknown argument $1" >&2; exit 64 ;;
    esac
done
if [ -z "$bin" ] || [ -z "$driver_script" ] || [ -z "$out" ]; then
    echo "usage: systemd-ns.sh --bin DIR --driver SCRIPT --out DIR [--config FILE] [--timeout SECONDS]" >&2
    exit 64
fi
if [ "$(id -u)" != 0 ]; then
    echo "systemd-ns.sh: needs root (namespaces, cgroups, a systemd as PID 1)" >&2
    exit 77
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
log() { echo "systemd-ns.sh: $*" >&2; }

# The cgroup2 hierarchy: /sys/fs/cgroup on a unified host, /sys/fs/cgroup/unified on a hybrid one.
cgroot=$(findmnt -rn -t cgroup2 -o TARGET | head -n 1)
if [ -z "$cgroot" ]; then
    log "no cgroup2 hierarchy is mounted on this host"
    exit 77
fi
work=$(mktemp -d /tmp/inspectd-systemd.XXXXXX)
cg="$cgroot/inspectd-e2e.${work##*.}"          # the namespace's systemd and all it starts
drivercg="$cg.driver"                           # the driver and whatever it runs (nsenter included)
mkdir "$cg" "$drivercg"
ns_root="" sdpid="" sentinel="" driver=""

# Ends the namespace, whatever state it is in, and removes what this script made.
teardown() {
    set +e
    if [ -n "$driver" ] && kill -0 "$driver" 2>/dev/null; then
        kill -TERM "$driver" 2>/dev/null        # timeout(1) passes it on to the driver
        for _ in $(seq 30); do kill -0 "$driver" 2>/dev/null || break; sleep 0.1; done
    fi
    [ -e "$drivercg/cgroup.kill" ] && echo 1 > "$drivercg/cgroup.kill" 2>/dev/null
    [ -n "$driver" ] && wait "$driver" 2>/dev/null
    if [ -n "$ns_root" ] && kill -0 "$ns_root" 2>/dev/null; then
        if [ -n "$sdpid" ] && kill -0 "$sdpid" 2>/dev/null; then
            kill -s RTMIN+4 "$sdpid"                           # systemd: poweroff
            for _ in $(seq 100); do kill -0 "$ns_root" 2>/dev/null || break; sleep 0.1; done
        fi
        if kill -0 "$ns_root" 2>/dev/null; then
            log "the namespace's systemd did not power off within 10 s; killing it"
            [ -n "$sdpid" ] && kill -KILL "$sdpid" 2>/dev/null  # PID 1 of the namespace: takes all with it
            kill -KILL "$ns_root" 2>/dev/null
        fi
        wait "$ns_root" 2>/dev/null
    fi
    for group in "$drivercg" "$cg"; do
        [ -e "$group/cgroup.kill" ] && echo 1 > "$group/cgroup.kill" 2>/dev/null
        for _ in $(seq 50); do
            [ -d "$group" ] || break
            find "$group" -depth -type d -exec rmdir {} + 2>/dev/null
            sleep 0.1
        done
        [ -d "$group" ] && log "could not remove the cgroup $group"
    done
    rm -rf "$work"
    if [ -n "$sentinel" ]; then
        kill "$sentinel" 2>/dev/null
        wait "$sentinel" 2>/dev/null   # reaped here, so it is never left as an orphan
    fi
}
trap teardown EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# A sentinel outside this script's process group: if this script is killed
# without running its trap (SIGKILL from a test runner), it kills everything in
# the cgroup, which is the namespace, and removes the cgroup and scratch files.
setsid bash -c '
    harness=$1 cg=$2 drivercg=$3 work=$4
    # Alive while /proc has it and it is not a zombie (exited, not yet reaped).
    alive() { local stat; stat=$(cat "/proc/$harness/stat" 2>/dev/null) || return 1; stat=${stat##*) }; [ "${stat%% *}" != Z ]; }
    # Sleeps in the background so that a SIGTERM (teardown on the normal path)
    # ends the sleep too and reaps it, leaving no orphan behind.
    sleeper=""
    trap '"'"'[ -n "$sleeper" ] && kill "$sleeper" 2>/dev/null && wait "$sleeper"; exit 0'"'"' TERM
    while alive; do sleep 1 & sleeper=$!; wait "$sleeper"; sleeper=""; done
    for group in "$drivercg" "$cg"; do
        [ -d "$group" ] || continue
        echo 1 > "$group/cgroup.kill" 2>/dev/null
        for _ in $(seq 50); do
            find "$group" -depth -type d -exec rmdir {} + 2>/dev/null
            [ -d "$group" ] || break
            sleep 0.2
        done
    done
    rm -rf "$work"
' inspectd-e2e-sentinel "$$" "$cg" "$drivercg" "$work" < /dev/null > /dev/null 2>&1 &
sentinel=$!

# What the upper layer starts with: masks, the boot target, journald settings.
stage="$work/stage"
mkdir -p "$stage/etc/systemd/system" "$stage/etc/systemd/journald.conf.d" "$stage/e2e/src" "$stage/e2e/bin"
for unit in systemd-sysctl.service systemd-modules-load.service systemd-binfmt.service \
    kmod-static-nodes.service systemd-timesyncd.service systemd-pstore.service \
    sys-kernel-config.mount sys-kernel-debug.mount sys-kernel-tracing.mount \
    sys-fs-fuse-connections.mount dev-hugepages.mount proc-sys-fs-binfmt_misc.automount \
    systemd-random-seed.service systemd-udevd.service systemd-udev-trigger.service \
    systemd-udev-settle.service systemd-hwdb-update.service systemd-firstboot.service \
    systemd-repart.service systemd-pcrphase.service systemd-pcrphase-sysinit.service \
    systemd-hibernate-resume@.service systemd-fsck-root.service systemd-remount-fs.service; do
    ln -s /dev/null "$stage/etc/systemd/system/$unit"
done
cat > "$stage/etc/systemd/system/inspectd-e2e.target" <<'EOF'
[Unit]
Description=inspectd end-to-end tests: journald and a bus, nothing else
Wants=systemd-journald.service systemd-journald.socket
After=systemd-journald.service
EOF
printf '[Journal]\nStorage=volatile\nReadKMsg=no\nRateLimitBurst=0\nAudit=no\n' \
    > "$stage/etc/systemd/journald.conf.d/inspectd-e2e.conf"
if [ -n "$config" ]; then
    mkdir -p "$stage/etc/inspectd"
    cp "$config" "$stage/etc/inspectd/inspectd.toml"   # make install keeps an existing config
fi
: > "$work/console.log"

# Runs as PID 1 of the new PID namespace (inside all the new namespaces) and
# becomes the namespace's systemd.
inner='
set -euo pipefail
work=$1 repo=$2 bin=$3
root=$work/root
mkdir -p "$work/lower" "$work/rw" "$root"
mount -n -t tmpfs -o mode=0755 tmpfs "$work/rw"
mkdir "$work/rw/upper" "$work/rw/work"
cp -a "$work/stage/." "$work/rw/upper/"
mount -n --bind / "$work/lower"
mount -n -o remount,bind,ro "$work/lower"
mount -n -t overlay overlay -o "lowerdir=$work/lower,upperdir=$work/rw/upper,workdir=$work/rw/work" "$root"

mount -n -t proc -o nosuid,nodev,noexec proc "$root/proc"
for path in sys sysrq-trigger; do
    [ -e "$root/proc/$path" ] || continue
    mount -n --bind "$root/proc/$path" "$root/proc/$path"
    mount -n -o remount,bind,ro "$root/proc/$path"
done
mount -n -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys"
mount -n -t cgroup2 -o nosuid,nodev,noexec cgroup2 "$root/sys/fs/cgroup"

mount -n -t tmpfs -o mode=0755,nosuid tmpfs "$root/dev"
mknod -m 0666 "$root/dev/null" c 1 3
mknod -m 0666 "$root/dev/zero" c 1 5
mknod -m 0666 "$root/dev/full" c 1 7
mknod -m 0666 "$root/dev/random" c 1 8
mknod -m 0666 "$root/dev/urandom" c 1 9
mknod -m 0666 "$root/dev/tty" c 5 0
mkdir "$root/dev/pts" "$root/dev/shm"
mount -n -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
mount -n -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"
touch "$root/dev/console"
mount -n --bind "$work/console.log" "$root/dev/console"

mount -n -t tmpfs -o mode=0755,nosuid,nodev tmpfs "$root/run"
mount -n -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
mount -n --bind "$repo" "$root/e2e/src"
mount -n -o remount,bind,ro "$root/e2e/src"
mount -n --bind "$bin" "$root/e2e/bin"
mount -n -o remount,bind,ro "$root/e2e/bin"

cd "$root"
mkdir -p .oldroot
pivot_root . .oldroot
umount -n -l /.oldroot
rmdir /.oldroot 2>/dev/null || true
cd /
exec setpriv --bounding-set -sys_time,-sys_module,-sys_rawio,-wake_alarm,-mac_admin,-mac_override,-audit_control,-syslog \
    env -i container=inspectd-e2e PATH=/usr/sbin:/usr/bin:/sbin:/bin TERM=dumb \
    /lib/systemd/systemd --unit=inspectd-e2e.target --log-level=info --show-status=no
'

# Into the dedicated cgroup first, then unshare: the new cgroup namespace is rooted there.
bash -c 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"' cgroup-enter "$cg" \
    unshare --fork --pid --mount --cgroup --net --uts --ipc --propagation private --kill-child \
    bash -c "$inner" systemd-ns "$work" "$repo" "$bin" > "$out/boot.log" 2>&1 &
ns_root=$!

deadline=$((SECONDS + timeout))
boot_deadline=$((SECONDS + 60))
for _ in $(seq 200); do
    sdpid=$(cat "/proc/$ns_root/task/$ns_root/children" 2>/dev/null | awk '{print $1}') || true
    [ -n "$sdpid" ] && break
    kill -0 "$ns_root" 2>/dev/null || break
    sleep 0.05
done
if [ -z "$sdpid" ]; then
    log "the namespace did not start; see $out/boot.log"
    cat "$out/boot.log" >&2
    exit 70
fi
inns() { nsenter -t "$E2E_PID" -a "$@"; }
export -f inns
export E2E_PID=$sdpid E2E_OUT=$out

state=""
while [ $SECONDS -lt $boot_deadline ]; do
    kill -0 "$sdpid" 2>/dev/null || break
    state=$(timeout 10 nsenter -t "$sdpid" -a systemctl is-system-running --wait 2>/dev/null) || true
    case $state in running|degraded) break ;; esac
    sleep 0.2
done
case $state in
    running|degraded) log "booted ($state) in the namespace of PID $sdpid" ;;
    *)
        log "the namespace's systemd did not boot (state '${state}'); see $out/boot.log and $out/console.log"
        cp "$work/console.log" "$out/console.log" 2>/dev/null
        tail -n 40 "$out/boot.log" >&2
        exit 70 ;;
esac
inns systemctl --failed --no-legend --plain > "$out/failed-units.txt" 2>&1 || true

# Install as `make install` would on the server (without building).
if ! inns make -C /e2e/src --no-print-directory install-files PRODUCTS=/e2e/bin > "$out/install.log" 2>&1; then
    log "make install-files failed inside the namespace:"
    cat "$out/install.log" >&2
    exit 70
fi

status=0
remaining=$((deadline - SECONDS))
[ $remaining -lt 10 ] && remaining=10
bash -c 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"' cgroup-enter "$drivercg" \
    timeout --kill-after=5 "$remaining" bash "$driver_script" > "$out/driver.log" 2>&1 &
driver=$!
wait "$driver" || status=$?
driver=""
[ $status = 124 ] && log "the driver ran out of time (${timeout} s in all)"

inns journalctl -b --no-pager -o short-precise > "$out/journal.txt" 2>&1 || true
cp "$work/console.log" "$out/console.log" 2>/dev/null || true
exit "$status"
