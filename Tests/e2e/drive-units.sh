#!/usr/bin/env bash
# Driver for systemd-ns.sh: takes inspectd.socket/inspectd.service through what
# an operator does after `make install`, and records what systemd saw in
# $E2E_OUT for the tests to judge (Tests/EndToEndTests). It judges nothing
# itself, so that every fact is recorded even when an early one is wrong.
#
#   start the socket -> first `inspectctl status` (activates the service)
#   -> the sandbox it runs in, notices of an imported overdue case and the modes
#   of what it wrote -> reload -> status again -> stop -> status (activates it again)
#   -> watchdog at 3 s for 5 s -> stop all
#
# Files: NAME.rc (exit status), NAME.out/.err (output), NAME.props
# (`systemctl show` KEY=VALUE lines), journal.json (the boot's journal).
set -u
: "${E2E_OUT:?run me from systemd-ns.sh}"
socket=/run/inspectd/inspectd.sock
service_props=(-p ActiveState -p SubState -p Result -p StatusText -p MainPID -p NRestarts
    -p ExecMainStatus -p ExecMainCode -p Type -p WatchdogUSec -p User)

# record NAME COMMAND...: runs a command inside, keeping its status and output.
record() {
    local name=$1; shift
    inns "$@" > "$E2E_OUT/$name.out" 2> "$E2E_OUT/$name.err"
    echo $? > "$E2E_OUT/$name.rc"
}
props() {
    local name=$1 unit=$2; shift 2
    inns systemctl show "$@" "$unit" > "$E2E_OUT/$name.props" 2>&1
}
# settle UNIT: waits (10 s at most) until the unit is in a steady state.
settle() {
    local state
    for _ in $(seq 100); do
        state=$(inns systemctl show -P ActiveState "$1")
        case $state in active|inactive|failed) return 0 ;; esac
        sleep 0.1
    done
}
status_call() {
    record "$1" timeout 60 inspectctl --socket "$socket" status --format json
}

record start-socket systemctl start inspectd.socket
props socket-started inspectd.socket -p ActiveState -p SubState -p Listen
props service-before inspectd.service "${service_props[@]}"
record socket-stat stat -c '%a %U %G' "$socket"
record spool-stat stat -c '%a %U %G' /var/spool/inspectd

status_call status-first
settle inspectd.service
props service-started inspectd.service "${service_props[@]}"
record state-stat stat -c '%a %U %G' /var/lib/inspectd

# The sandbox as the running daemon has it (inspectd.service's hardening).
pid=$(inns systemctl show -P MainPID inspectd.service)
record sandbox-status grep -E '^(Uid|Gid|Groups|NoNewPrivs|Seccomp|CapEff|CapPrm|CapBnd|CapAmb):' "/proc/$pid/status"
record sandbox-netns sh -c "readlink /proc/1/ns/net /proc/$pid/ns/net; nsenter -t $pid -n ip -o link show | cut -d: -f2"
# Every directory the daemon's user can write to, as the daemon sees the file
# system (its mount namespace, its uid and gid, no supplementary groups).
record sandbox-writable nsenter -t "$pid" -m setpriv --reuid=inspectd --regid=inspectd --clear-groups \
    find / -path /proc -prune -o -path /sys -prune -o -type d -writable -print

# Notices written by the sandboxed daemon: an overdue case's escalation goes to
# the outbox, whose files only the gateway's group may read.
inns mkdir -p /tmp/e2e-import
printf 'id,name,kind,leader_name,leader_phone,contact_name,contact_phone\nbaihe,白河镇,locality,陈明,13800005555,周洁,13900005555\n' \
    | inns tee /tmp/e2e-import/units.csv > /dev/null
printf 'id,title,source,category,unit,person,phone,deadline,status\nC-1,河道排污口整治,complaint,水源地,baihe,张伟,13800000001,%s,open\n' \
    "$(date -d '30 days ago' +%F)" | inns tee /tmp/e2e-import/cases.csv > /dev/null
record import-units timeout 60 inspectctl --socket "$socket" import units /tmp/e2e-import/units.csv
record import-cases timeout 60 inspectctl --socket "$socket" cases import /tmp/e2e-import/cases.csv
[ "$(cat "$E2E_OUT/import-cases.rc")" = 0 ] && for _ in $(seq 100); do
    [ -n "$(inns find /var/spool/inspectd/outbox/new -name '*.json' -print -quit 2>/dev/null)" ] && break
    sleep 0.1
done
record notice-stat sh -c "stat -c '%a %U %G' /var/spool/inspectd/outbox/new/*.json"
record outbox-stat stat -c '%a %U %G' /var/spool/inspectd/outbox /var/spool/inspectd/outbox/new
# The public disclosure: on a first start the latest period's report is due at
# once, written into the directory tmpfiles.d made for the gateway's group.
[ "$(cat "$E2E_OUT/import-cases.rc")" = 0 ] && for _ in $(seq 100); do
    [ -n "$(inns find /var/spool/inspectd/disclosure -name 'disclosure-*.html' -print -quit 2>/dev/null)" ] && break
    sleep 0.1
done
record disclosure-stat sh -c "stat -c '%a %U %G %n' /var/spool/inspectd/disclosure /var/spool/inspectd/disclosure/*"
record database-stat sh -c "stat -c '%a %U %G %n' /var/lib/inspectd/inspectd.sqlite*"

record reload timeout 60 systemctl reload inspectd.service
sleep 1
settle inspectd.service
props service-reloaded inspectd.service "${service_props[@]}"
status_call status-after-reload

record stop timeout 60 systemctl stop inspectd.service
props service-stopped inspectd.service "${service_props[@]}"
props socket-after-stop inspectd.socket -p ActiveState -p SubState

status_call status-after-stop
settle inspectd.service
props service-restarted inspectd.service "${service_props[@]}"

# The watchdog, with a test-only drop-in so that it fires within the test:
# systemd's timestamp of the last WATCHDOG=1 must move on, without restarts.
inns mkdir -p /run/systemd/system/inspectd.service.d
printf '[Service]\nWatchdogSec=3s\n' | inns tee /run/systemd/system/inspectd.service.d/e2e-watchdog.conf > /dev/null
inns systemctl daemon-reload
record watchdog-restart timeout 60 systemctl restart inspectd.service
sleep 1
props watchdog-first inspectd.service "${service_props[@]}" -p WatchdogTimestampMonotonic
sleep 4
props watchdog-later inspectd.service "${service_props[@]}" -p WatchdogTimestampMonotonic
inns rm -r /run/systemd/system/inspectd.service.d
inns systemctl daemon-reload

inns systemctl status --no-pager --full inspectd.service inspectd.socket > "$E2E_OUT/systemctl-status.txt" 2>&1
record stop-all timeout 60 systemctl stop inspectd.service inspectd.socket
inns journalctl --sync > /dev/null 2>&1
inns journalctl -b -o json --no-pager > "$E2E_OUT/journal.json" 2> "$E2E_OUT/journal.err"
exit 0
