#!/usr/bin/env bash
# Driver for journald-ns.sh: runs the built inspectd with its stderr on the
# namespace's journal stream (JOURNAL_STREAM set) and takes it through start,
# a status call, escalation notices of an overdue case, a good reload, a rejected reload and SIGTERM, waiting each time
# for the daemon's own journal entry. Records outcomes in RESULTS for the tests
# (Tests/EndToEndTests) to judge.
#
#   journald-ns.sh --out journal.json -- drive-journald.sh INSPECTD INSPECTCTL RESULTS
set -u
inspectd=$1 inspectctl=$2 results=$3
work=$(mktemp -d /tmp/inspectd-journald-run.XXXXXX)   # short: socket paths are limited to 107 bytes
pid=""
trap '[ -n "$pid" ] && kill -KILL $pid 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/state" "$work/spool"
config=$work/inspectd.toml
cat > "$config" <<TOML
[daemon]
state_directory = "$work/state"
spool_directory = "$work/spool"
socket_path = "$work/inspectd.sock"

[access]
admin_groups = [0]
supervisor_groups = []
TOML

# wait_event NAME: until the daemon's entry with INSPECTD_EVENT=NAME is in the
# journal (10 s at most; at once when the daemon has died and it is not there).
wait_event() {
    for _ in $(seq 100); do
        journalctl --sync > /dev/null 2>&1
        journalctl -D /run/log/journal -q -o cat "INSPECTD_EVENT=$1" 2>/dev/null | grep -q . && { echo 0 > "$results/event-$1.rc"; return 0; }
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then break; fi
        sleep 0.1
    done
    echo 1 > "$results/event-$1.rc"
    return 1
}

"$inspectd" --config "$config" &
pid=$!
wait_event started
"$inspectctl" --socket "$work/inspectd.sock" status --format json > "$results/status.out" 2> "$results/status.err"
echo $? > "$results/status.rc"

# A case a month overdue: its escalation notices go to the journal, one entry each.
cat > "$work/units.csv" <<CSV
id,name,kind,leader_name,leader_phone,contact_name,contact_phone
baihe,白河镇,locality,陈明,13800005555,周洁,13900005555
CSV
deadline=$(date -d '30 days ago' +%F)
printf 'id,title,source,category,unit,person,phone,deadline,status\nC-1,河道排污口整治,complaint,水源地,baihe,张伟,13800000001,%s,open\n' "$deadline" > "$work/cases.csv"
"$inspectctl" --socket "$work/inspectd.sock" import units "$work/units.csv" > /dev/null 2>&1
"$inspectctl" --socket "$work/inspectd.sock" cases import "$work/cases.csv" > "$results/cases.out" 2>&1
echo $? > "$results/cases.rc"
wait_event notice
sleep 1   # the rest of the batch follows the first entry

kill -HUP $pid
wait_event reloaded

echo 'no_such_key = 1' >> "$config"      # an unknown key in the last table: the reload is rejected
kill -HUP $pid
wait_event reload_failed
sleep 0.5
kill -0 $pid 2>/dev/null
echo $? > "$results/alive-after-bad-reload.rc"

kill -TERM $pid
status=0
wait $pid || status=$?
pid=""
echo $status > "$results/daemon-exit.rc"
wait_event stopping
exit 0
