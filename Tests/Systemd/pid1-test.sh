#!/bin/bash
# Runs inside the container scripts/test-systemd.sh boots, as a oneshot unit after
# vigil.service, with systemd as PID 1. Writes ok/FAIL lines to /root/pid1-result.txt
# and "done" at the end; the unit's ExecStopPost powers the container off. Every wait
# is bounded.
R=/root/pid1-result.txt
LOG=/var/log/vigil/events.json
: > $R
ok() { echo "ok - $*" | tee -a $R; }
fail() { echo "FAIL - $*" | tee -a $R; }
check() { local n=$1; shift; if "$@"; then ok "$n"; else fail "$n"; fi; }
# wait_for SECONDS COMMAND...: until COMMAND succeeds.
wait_for() { local t=$1 i=0; shift; while [ $i -lt $((t * 10)) ]; do "$@" && return 0; sleep 0.1; i=$((i + 1)); done; return 1; }
state() { systemctl show -p ActiveState --value vigil.service; }
main_pid() { systemctl show -p MainPID --value vigil.service; }
active() { [ "$(state)" = active ]; }
# Active again under another main process than $1 (systemd restarted the unit).
restarted_from() { active && [ "$(main_pid)" != "$1" ]; }
# An event log line (rotated files included) of action $1 contains $2 (a grep pattern); logged_last: the last such line.
logged() { cat $LOG.[0-9]* $LOG 2>/dev/null | grep "\"action\":\"$1\"" | grep -q "$2"; }
logged_last() { cat $LOG.[0-9]* $LOG 2>/dev/null | grep "\"action\":\"$1\"" | tail -1 | grep -q "$2"; }
daemon_pid() { timeout 10 vigil status --json 2>/dev/null | grep -o '"pid":[0-9]*' | head -1 | cut -d: -f2; }
events() { timeout 10 cat $LOG.[0-9]* $LOG 2>/dev/null; }
eicar='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'

echo "== vigil.service under systemd $(systemctl --version | head -1)"
check "vigil.service is active (Type=notify: READY=1 came)" wait_for 90 active
if ! active; then
    echo "--- vigil.service is $(state); its journal:"
    timeout 20 journalctl -u vigil.service --no-pager -n 80 | cut -c1-300
fi
check "systemd names the watchdog its main process" sh -c "tr '\\0' ' ' < /proc/$(main_pid)/cmdline | grep -q 'vigil watchdog '"
check "vigil status answers" wait_for 30 sh -c 'timeout 5 vigil status >/dev/null 2>&1 || [ $? -eq 1 ]'
mkdir -p /srv/data
printf 'clean\n' > /srv/data/clean.txt
printf '%s' "$eicar" > /srv/data/eicar.com
check "a guarded folder denies EICAR" sh -c '! timeout 10 cat /srv/data/eicar.com >/dev/null 2>&1'
check "a clean file opens" timeout 10 cat /srv/data/clean.txt
# [daemon] realtime = "burst" (the installed config) under the unit's sandbox: the
# answering threads at normal priority while quiet, the governor real-time (SCHED_RR, 2),
# which needs RestrictRealtime=no and CAP_SYS_NICE, else it only warns.
policy_of() { local d t; d=$(daemon_pid); for t in /proc/$d/task/*; do [ "$(cat $t/comm 2>/dev/null)" = "$1" ] && sed 's/.*) //' $t/stat | cut -d' ' -f39; done; }
events_normal() { [ "$(policy_of vigil-events)" = 0 ]; }
governor_realtime() { [ "$(policy_of vigil-priority)" = 2 ]; }
check "the installed config says realtime = \"burst\"" grep -q '^realtime = "burst"' /etc/vigil/vigil.toml
check "the event thread runs at normal priority while quiet" events_normal
check "the priority governor runs at real-time priority under the unit (no warning that it cannot)" governor_realtime
# The installed config's metrics endpoint (127.0.0.1:9731) under the unit's
# RestrictAddressFamilies: bound (the journal says so) and answering a scrape.
check "the metrics endpoint is up under the unit's sandbox (journal: metrics on 127.0.0.1:9731)" \
    wait_for 30 sh -c "timeout 10 journalctl -u vigil.service --no-pager | grep -q 'metrics on http://127.0.0.1:9731/metrics'"
scrape() { exec 3<>/dev/tcp/127.0.0.1/9731 && printf 'GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && timeout 10 cat <&3 | grep -q '^vigil_'; }
check "a scrape of /metrics returns vigil_ samples" scrape
check "the canary unit runs" wait_for 30 sh -c '[ "$(systemctl is-active vigil-canary.service)" = active ]'
check "the canary's result is logged (the guard refuses the canary file)" wait_for 30 sh -c "timeout 10 journalctl -u vigil-canary.service --no-pager | grep -q 'the guard refuses /srv/.vigil-canary'"

# Information: what the service's mount namespace makes writable.
echo "note - the daemon's warnings at start:"
timeout 10 journalctl -u vigil.service --no-pager -o cat | grep -a 'WARNING' | sort -u | cut -c1-200
echo "note - writable mounts in the daemon's namespace: $(awk '$4 != "/" && $6 ~ /^rw/ {print $5}' /proc/$(daemon_pid)/mountinfo 2>/dev/null | tr '\n' ' ')"
echo "note - /usr mounts in the daemon's namespace: $(grep -E ' /usr[/ ]' /proc/$(daemon_pid)/mountinfo | cut -d' ' -f5,6 | tr '\n' ' ')"

echo "== the immutable flag on the installed binary (set by the daemon from inside the unit's namespace)"
# ProtectSystem=full makes /usr read-only for the service; ReadWritePaths= names the
# binary itself, so the daemon can set the flag on it and nothing else in /usr/bin.
immutable() { lsattr "$1" 2>/dev/null | cut -d' ' -f1 | grep -q i; }
check "/usr/bin/vigil has the immutable flag while the unit runs" wait_for 10 immutable /usr/bin/vigil
check "no 'immutable flag missing' warning in the unit's journal" sh -c "! timeout 10 journalctl -u vigil.service --no-pager -o cat | grep -a 'immutable flag missing'"
check "the service sees /usr/bin/vigil on a writable mount, and /usr/bin itself read-only" \
    sh -c "grep -q ' /usr/bin/vigil rw,' /proc/$(daemon_pid)/mountinfo && ! grep -q ' /usr/bin rw,' /proc/$(daemon_pid)/mountinfo"
chattr -i /usr/bin/vigil
check "root's chattr -i on the binary is repaired by the daemon (the flag is back)" wait_for 10 immutable /usr/bin/vigil
check "the repair is logged (immutable-reasserted, /usr/bin/vigil)" wait_for 10 logged immutable-reasserted '/usr/bin/vigil'

echo "== kernel refusals from the kernel log under the unit (ProtectKernelLogs=no, CAP_SYSLOG in the bounding set)"
# The unit must let the daemon open /dev/kmsg (kernel.dmesg_restrict=1 needs CAP_SYSLOG):
# the container gets the host's /dev/kmsg and CAP_SYSLOG from test-systemd.sh, as a host's
# PID 1 has them. Where it has no real /dev/kmsg, status must say exactly why.
kmsg_kind=$(stat -L -c '%F %t:%T' /dev/kmsg 2>&1)
echo "note - /dev/kmsg in the container: $kmsg_kind; kernel.dmesg_restrict=$(cat /proc/sys/kernel/dmesg_restrict 2>/dev/null)"
check "systemd runs the unit with ProtectKernelLogs=no" sh -c '[ "$(systemctl show -p ProtectKernelLogs --value vigil.service)" = no ]'
check "the unit's bounding set holds CAP_SYSLOG" sh -c 'systemctl show -p CapabilityBoundingSet --value vigil.service | grep -qw cap_syslog'
kstatus=$(timeout 10 vigil status 2>/dev/null | grep '^kernel refusals' || true)
echo "note - vigil status: $kstatus"
if [ "$kmsg_kind" = "character special file 1:b" ]; then
    check "vigil status: kernel refusals reported from the kernel log" sh -c "echo '$kstatus' | grep -q 'reported from the kernel log (/dev/kmsg)'"
    d=$(daemon_pid)
    check "the daemon holds CAP_SYSLOG permitted, not effective (opened before its drop)" sh -c \
        "[ \$(( 0x\$(awk '/^CapPrm:/ {print \$2}' /proc/$d/status) >> 34 & 1 )) = 1 ] && [ \$(( 0x\$(awk '/^CapEff:/ {print \$2}' /proc/$d/status) >> 34 & 1 )) = 0 ]"
    # A refused attack: under lockdown integrity (this host's own boot) opening a writable
    # debugfs file is refused; the actor is a shell named vk-pid1-attack (its comm).
    if grep -q '\[integrity\]\|\[confidentiality\]' /sys/kernel/security/lockdown 2>/dev/null || { mount -t securityfs securityfs /sys/kernel/security 2>/dev/null; grep -q '\[integrity\]\|\[confidentiality\]' /sys/kernel/security/lockdown 2>/dev/null; }; then
        mkdir -p /run/vk-debugfs
        if timeout 10 mount -t debugfs debugfs /run/vk-debugfs 2>/dev/null; then
            cp /bin/dash /run/vk-pid1-attack
            # `true` is a regular builtin: the shell itself opens the file (no fork), and a failed
            # redirection does not end it.
            timeout 10 /run/vk-pid1-attack -c 'echo $$ > /run/vk-attack.pid; true 2>/dev/null 3>/run/vk-debugfs/fault_around_bytes; sleep 3' &
            sleep 0.2
            apid=$(cat /run/vk-attack.pid 2>/dev/null)
            check "the refused attack is a kernel-refused event within 2 s naming the attacker's comm (vk-pid1-attack)" \
                wait_for 2 logged kernel-refused '"name":"vk-pid1-attack"'
            check "... and its pid ($apid)" logged kernel-refused "\"process\":{\"pid\":$apid,"
            wait
            umount /run/vk-debugfs
        else
            echo "note - debugfs cannot be mounted in the container: no attack made here (EndToEndTests/KernelLogDaemonTests makes it)"
        fi
    else
        echo "note - the kernel is not at lockdown integrity: no refused attack to make"
    fi
else
    check "vigil status says why the kernel log is not followed ($kmsg_kind)" sh -c "echo '$kstatus' | grep -q 'not followed: '"
fi

echo "== kill -9 of the watchdog and the daemon in one call"
w=$(main_pid) d=$(daemon_pid)
echo "watchdog $w, daemon $d"
if [ -n "$d" ] && [ "$w" -gt 0 ]; then
    kill -9 "$w" "$d"
    check "systemd restarts it (a new main process, active)" wait_for 60 restarted_from $w
    check "ExecStopPost logged the kill (service-ended, killed)" wait_for 20 logged service-ended 'was killed'
    check "the new daemon's first events say the previous instance was killed" wait_for 30 logged_last previous-run-ended 'killed'
    check "EICAR is denied again" wait_for 30 sh -c '! timeout 10 cat /srv/data/eicar.com >/dev/null 2>&1'
else
    fail "no watchdog/daemon pid ($w/$d)"
fi

echo "== SIGSTOP of the daemon: WatchdogSec (6 s in a drop-in) ends it"
w=$(main_pid) d=$(daemon_pid)
echo "watchdog $w, daemon $d"
if [ -n "$d" ]; then
    # A file never read yet (no cached verdict), opened while the daemon is stopped: the
    # open waits for it until systemd's watchdog ends it, and must then return.
    printf 'written before SIGSTOP\n' > /srv/data/unread.txt
    stopped_at=$(date +%s%N)
    kill -STOP "$d"
    ( timeout 60 cat /srv/data/unread.txt >/dev/null && echo "$(( ($(date +%s%N) - stopped_at) / 1000000 ))" > /root/open-returned ) &
    opener=$!
    check "systemd's watchdog ends the frozen service and restarts it" wait_for 60 restarted_from $w
    echo "restarted $(( ($(date +%s%N) - stopped_at) / 1000000 )) ms after SIGSTOP"
    check "the open that waited on the stopped daemon returned (within 60 s)" sh -c "timeout 60 sh -c 'while kill -0 $opener 2>/dev/null; do sleep 0.2; done' && [ -s /root/open-returned ]"
    echo "the waiting open returned $(cat /root/open-returned 2>/dev/null || echo '?') ms after SIGSTOP"
    check "the frozen daemon is gone (not left behind in the unit's cgroup)" sh -c "! kill -0 $d 2>/dev/null || grep -q '^State:.*zombie' /proc/$d/status"
    check "the journal says the watchdog timed out" sh -c "timeout 20 journalctl -u vigil.service --no-pager | grep -qi 'watchdog timeout'"
    check "the watchdog logged killing the frozen daemon (daemon-unresponsive, seen by systemd's watchdog)" wait_for 20 logged daemon-unresponsive 'systemd.s watchdog expired'
    check "an event says the service ended by systemd's watchdog (service result watchdog)" wait_for 20 logged service-ended 'service result watchdog'
    check "the new daemon's first events say how the previous one ended (killed)" wait_for 30 logged_last previous-run-ended 'killed'
    check "EICAR is denied again" wait_for 30 sh -c '! timeout 10 cat /srv/data/eicar.com >/dev/null 2>&1'
else
    fail "no daemon pid"
fi

echo "== systemctl stop"
check "systemctl stop vigil is clean (60 s at most)" timeout 60 systemctl stop vigil.service
check "it is inactive, not failed" sh -c '[ "$(systemctl is-active vigil.service)" = inactive ]'
check "no vigil watchdog or daemon left" sh -c '! pgrep -f "vigil (watchdog|daemon) " >/dev/null'
check "every open is released: EICAR opens with no daemon" timeout 10 cat /srv/data/eicar.com
check "the stop is logged as clean (service-ended, stopped)" wait_for 20 logged_last service-ended 'vigil.service stopped'

echo "== OnFailure: the unit fails (a runtime drop-in: ExecStartPre=/bin/false, Restart=no)"
mkdir -p /run/systemd/system/vigil.service.d
printf '[Service]\nExecStartPre=/bin/false\nRestart=no\n' > /run/systemd/system/vigil.service.d/fail.conf
systemctl daemon-reload
timeout 60 systemctl start vigil.service >/dev/null 2>&1
check "vigil.service is failed" wait_for 30 sh -c '[ "$(systemctl is-failed vigil.service)" = failed ]'
check "OnFailure ran vigil-alarm@vigil.service.service" wait_for 30 sh -c "timeout 10 journalctl -u 'vigil-alarm@vigil.service.service' --no-pager | grep -q 'entered the failed state'"
check "the alarm is an event in Vigil's log (service-ended, unit-failed)" wait_for 20 logged service-ended 'entered the failed state'
rm -f /run/systemd/system/vigil.service.d/fail.conf
systemctl daemon-reload
echo "--- the log's service lines"
events | grep -E '"action":"(service-ended|previous-run-ended)"' | cut -c1-400
echo done >> $R
