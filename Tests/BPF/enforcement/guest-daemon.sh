#!/bin/sh
# Tier A with the real daemon, in the QEMU guest (Debian's 6.1 kernel): `vigil install`
# puts Vigil where a host has it (/usr/local/bin/vigil, /etc/vigil/vigil.toml with
# self-protection on, /etc/vigil/signatures, the units in /etc/systemd/system), then
# `vigil daemon` starts with that config (default guard paths /home /srv /tmp /var/tmp:
# its own files are on the guarded root filesystem). This script, as a hostile root,
# tries each attack with ordinary tools and checks that it is refused and that the
# refusal is in the daemon's event log (/var/log/vigil/events.json, an ECS
# "tier-a-refused" line of that kind) within 2 s. Then PID 1 (as systemd would) stops
# the daemon, file protection outlives it, and a restarted daemon re-opens the pins.
# Ends with "N passed, N failed"; exits 0 only if nothing failed.
# Run by scripts/test-bpf-enforcement.sh after guest-enforcement.sh (which released its
# own programs).
export PATH=/vigil/bin:/usr/local/bin:$PATH
LOG=/var/log/vigil/events.json
CF=/etc/vigil/vigil.toml
RULES=/etc/vigil/signatures
OUT=/tmp/daemon.out
TABLE=/tmp/daemon-table.txt
PIN=/run/vigil/bpf
: > $TABLE

WHERE=" in the daemon's log"
. "$(dirname "$0")/guest-lib.sh"
# Refusals of one kind in the daemon's event log.
events_of() { grep '"action":"tier-a-refused"' $LOG 2>/dev/null | grep -c "\"kind\":\"$1\""; }

start_daemon() {   # start_daemon: in the background; waits until status shows the tier (90 s at most)
    launch_daemon 900 || { wait $daemon; echo "vigil daemon exited with status $?"; dmesg | tail -5; }
    cat $OUT
    grep -o '"tier":"[^"]*"' /tmp/status.json
    grep -q '"tier":"A: bpf-lsm enforcing"' /tmp/status.json
}

stop_by_pid1() {   # stop_by_pid1 PID: SIGTERM from PID 1, as systemd stops a service; 20 s at most
    echo "TERM $1" > /run/vigil-init-kill
    i=0
    while kill -0 "$1" 2>/dev/null && [ $i -lt 200 ]; do usleep 100000; i=$((i + 1)); done
    ! kill -0 "$1" 2>/dev/null
}

echo "== install, as an admin would"
# The operator's maintenance key pair (made off the host in real life); its public half
# is sealed at install, so the manifest needs the operator's signature.
/vigil/bin/vigil maintenance keygen --out /tmp/op > /dev/null 2>&1
install_as_admin --maintenance-key /tmp/op/maintenance.pub
check "vigil install puts Vigil in place" test -x /usr/local/bin/vigil -a -f $CF -a -d $RULES
echo 'evil = true' > /tmp/evil.toml
echo 'evil = true' > /etc/evil.toml
t0=$(now_ms)
check "vigil daemon starts with Tier A (the load test passes on 6.1)" start_daemon
echo "daemon start to status: $(( $(now_ms) - t0 )) ms"
D=$daemon
grep -o '"tier_a":{[^}]*' /tmp/status.json
check "all 30 hooks attached" grep -q '"hooks_attached":30' /tmp/status.json
grep '"action":"tier-a"' $LOG | head -1
P=$PIN/$(ls $PIN)
# Sandboxed scan workers (issue 12 item 6): the daemon re-executes its sealed binary for
# them, so Tier A's sealed-code rule must let that exec and its libraries through; each
# worker then runs without privileges (not uid 0, no capability, seccomp filter on).
worker_pids() { vigil status --json 2>/dev/null | grep -o '"scan_sandbox":{[^}]*' | sed -n 's/.*"workers":\[\([0-9,]*\)\].*/\1/p' | tr ',' ' '; }
workers_up() {
    for _ in $(seq 1 300); do
        [ -n "$(worker_pids)" ] && return 0
        sleep 0.1
    done
    vigil status --json 2>/dev/null | grep -o '"scan_sandbox":{[^}]*}'
    return 1
}
workers_sandboxed() {
    w=$(worker_pids)
    [ -n "$w" ] || return 1
    for p in $w; do
        s=/proc/$p/status
        awk '/^Uid:/{u=$2} /^CapEff:/{c=$2} /^Seccomp:/{f=$2} /^NoNewPrivs:/{n=$2}
             END {print "  worker '"$p"': uid " u ", CapEff " c ", Seccomp " f ", NoNewPrivs " n; exit !(u != 0 && c == "0000000000000000" && f == 2 && n == 1)}' $s || return 1
    done
}
# Workers start on first use: a file over the quick path's 64 KiB goes to the pool.
head -c 200000 /dev/urandom > /srv/pool-file.bin
check "a file for the pool opens (clean, scanned by a worker)" sh -c "timeout 20 cat /srv/pool-file.bin > /dev/null"
check "scan workers run under Tier A (the sealed binary's exec and libraries allowed)" workers_up
check "each scan worker is unprivileged under Tier A (uid != 0, CapEff 0, Seccomp 2, NoNewPrivs 1)" workers_sandboxed

echo "== Vigil's files"
attack "write the config (echo >)" file_write "Operation not permitted" -- sh -c "echo evil > $CF"
attack "truncate the config" file_write "Operation not permitted" -- truncate -s 0 $CF
attack "rm the config" file_unlink "Operation not permitted" -- rm -f $CF
attack "mv the config away" file_rename "Operation not permitted" -- mv $CF /etc/stolen.toml
attack "mv a forged config over it" file_rename "Operation not permitted" -- mv /etc/evil.toml $CF
attack "chattr -i the config" file_flags "Operation not permitted" -- chattr -i $CF
attack "write a rule file" file_write "Operation not permitted" -- sh -c "echo 'rule x { condition: false }' > $RULES/eicar.yar"
attack "plant a rule file in the rules folder" file_create "Operation not permitted" -- sh -c "echo 'global private rule off { condition: false }' > $RULES/zz.yar"
attack "rm -r the rules folder" file_unlink "Operation not permitted" -- rm -rf $RULES
attack "rename a rule in its folder" file_rename "Operation not permitted" -- mv $RULES/eicar.yar $RULES/eicar.yar.off
attack "append to the event log" file_write "Operation not permitted" -- sh -c "echo '{}' >> $LOG"
attack "truncate the event log" file_write "Operation not permitted" -- truncate -s 0 $LOG
attack "rm the event log" file_unlink "Operation not permitted" -- rm -f $LOG
attack "rm the sealed manifest" file_unlink "Operation not permitted" -- rm -f /var/lib/vigil/protection/manifest.tsv
# (Writing the running binary is ETXTBSY before any LSM hook: replacing it is the attack.)
attack "rm the binary" file_unlink "Operation not permitted" -- rm -f /usr/local/bin/vigil
cp /vigil/bin/vigil-attack /usr/local/evil
attack "mv a forged binary over it" file_rename "Operation not permitted" -- mv /usr/local/evil /usr/local/bin/vigil
attack "append to vigil.service" file_write "Operation not permitted" -- sh -c "echo 'ExecStartPre=/bin/false' >> /etc/systemd/system/vigil.service"
attack "write /etc/ld.so.preload" file_write "Operation not permitted" -- sh -c "echo /tmp/evil.so > /etc/ld.so.preload"
check "the config is intact" grep -q '^\[protection\]' $CF

echo "== the signed manifest: the operator's signature is recorded by the daemon (nothing else may write there)"
REQ=$(vigil maintenance manifest 2>/dev/null | sed -n 's/.*"request":"\([^"]*\)".*/\1/p')
check "the sealed manifest asks for the operator's signature" test -n "$REQ"
SIG=$(vigil maintenance sign --key /tmp/op/maintenance.key --manifest "$REQ")
attack "write a manifest signature into the protection folder" file_create "Operation not permitted" -- sh -c "echo '$SIG' > /var/lib/vigil/protection/manifest.sig"
check "vigil maintenance manifest --signature: recorded by the daemon" sh -c "vigil maintenance manifest --signature '$SIG' | grep -q '\"signed\":true'"
check "a manifest-signed warning is in the log" grep -q '"action":"manifest-signed"' $LOG
check "status: the manifest is signed" sh -c "vigil status --json | grep -q '\"manifest\":{\"signed\":true'"

echo "== the daemon rotates its own log under enforcement (logrotate's rename is refused)"
wait_file() { i=0; while [ ! -e "$1" ] && [ $i -lt 100 ]; do usleep 100000; i=$((i + 1)); done; [ -e "$1" ]; }
check "vigil log rotate is answered" sh -c "vigil log rotate | grep -q '\"ok\":true'"
check "the daemon (an agent) renamed the live log to .1" wait_file $LOG.1
check "the new live log starts with event-log-rotated" sh -c "head -1 $LOG | grep -q '\"action\":\"event-log-rotated\"'"
usleep 500000
attack "mv the live log (logrotate's rename)" file_rename "Operation not permitted" -- mv $LOG $LOG.stolen
attack "append to the new live log" file_write "Operation not permitted" -- sh -c "echo '{}' >> $LOG"
attack "truncate the new live log" file_write "Operation not permitted" -- truncate -s 0 $LOG
attack "truncate the rotated log" file_write "Operation not permitted" -- truncate -s 0 $LOG.1
attack "append to the rotated log" file_write "Operation not permitted" -- sh -c "echo '{}' >> $LOG.1"
attack "rm the rotated log" file_unlink "Operation not permitted" -- rm -f $LOG.1
attack "mv the rotated log away (same folder)" file_rename "Operation not permitted" -- mv $LOG.1 /var/log/vigil/old.json
check "a second rotation shifts .1 to .2 (the daemon may, root may not)" sh -c "vigil log rotate >/dev/null && i=0; while [ ! -e $LOG.2 ] && [ \$i -lt 100 ]; do usleep 100000; i=\$((i + 1)); done; test -e $LOG.2"
usleep 500000
attack "truncate the shifted .2" file_write "Operation not permitted" -- truncate -s 0 $LOG.2
attack "rm the shifted .2" file_unlink "Operation not permitted" -- rm -f $LOG.2
check "the hash chain holds across .2, .1 and the live log (vigil log verify)" vigil log verify $LOG.2 $LOG.1 $LOG
check "no rotation failed" sh -c "! grep -q '\"action\":\"event-log-rotation-failed\"' $LOG.2 $LOG.1 $LOG"

echo "== mounts"
attack "mount tmpfs over /etc/vigil" mount "permission denied" -- mount -t tmpfs none /etc/vigil
attack "mount --bind a forged config over the config" mount "permission denied" -- mount --bind /tmp/evil.toml $CF
attack "mount --bind over /etc" mount "permission denied" -- mount --bind /tmp /etc
check "the config is still the one at its path" grep -q '^\[protection\]' $CF

echo "== the daemon (pid $D)"
attack "kill -9 the daemon" signal "Operation not permitted" -- kill -9 $D
attack "kill -STOP the daemon" signal "Operation not permitted" -- kill -STOP $D
attack "kill -TERM the daemon" signal "Operation not permitted" -- kill -TERM $D
attack "strace -p the daemon" ptrace "Operation not permitted" -- timeout 10 strace -p $D
attack "PTRACE_ATTACH the daemon" ptrace "ERR EPERM" -- vigil-attack ptrace-attach $D
attack "write /proc/PID/mem" ptrace "ERR EACCES" -- vigil-attack mem-write $D
attack "pidfd_getfd of the daemon's fd 3" ptrace "ERR EPERM" -- vigil-attack pidfd-getfd $D 3
attack "prlimit --nofile on the daemon" rlimit "Operation not permitted" -- prlimit --pid $D --nofile=16:16
attack "renice +19 the daemon" sched "not permitted" -- renice -n 19 -p $D
check "the daemon is alive" kill -0 $D

echo "== Vigil's BPF objects"
attack "bpftool link detach (pinned)" bpf_object "Operation not permitted" -- bpftool link detach pinned $P/link_file_open
attack "bpftool map update of the agents map" bpf_object "Operation not permitted" -- bpftool map update pinned $P/map_agents key 1 0 0 0 value 0 0 0 0
attack "rm a link pin" file_unlink "Operation not permitted" -- rm -f $P/link_file_open
attack "umount the private bpffs" umount "Operation not permitted" -- umount $PIN

echo "== status"
vigil status > /tmp/status.txt 2>&1
cat /tmp/status.txt
check "vigil status shows tier A with its refusals" grep -q "A: bpf-lsm enforcing; 30/30 hooks" /tmp/status.txt
vigil status --json | grep -o '"refusals":{[^}]*}'
first=$(grep '"action":"tier-a-refused"' $LOG | head -1)
echo "a refusal in the log: $first"
check "a refusal line is an ECS alert naming the actor's process" sh -c "echo '$first' | grep -q '\"kind\":\"alert\"' && echo '$first' | grep -q '\"process\":{'"

echo "== Tier B's self-audit and heartbeat run under tier A too"
cat $LOG.2 $LOG.1 $LOG | grep '"action":"heartbeat"' | head -1
check "a heartbeat says tier A" sh -c "cat $LOG.2 $LOG.1 $LOG | grep '\"action\":\"heartbeat\"' | head -1 | grep -q '\"tier\":\"A\"'"
check "the self-audit swept" sh -c "vigil status --json | grep -q '\"audit_sweeps\":[1-9]'"
check "no false alarm from the self-audit (blinded, traced, code-injected)" \
    sh -c "! grep -E '\"action\":\"(blinded|traced|code-injected)\"' $LOG"

echo "== [protection] lock_ptrace and kernel_lockdown on, for the restart below (a window opened with the operator's token)"
CH=$(vigil maintenance challenge --quiet 2>/dev/null)
TOKEN=$(vigil maintenance sign --key /tmp/op/maintenance.key --challenge "$CH" 2>/dev/null)
check "maintenance begin with the operator's token" sh -c "vigil maintenance begin --reason 'kernel refusals under tier A' --token '$TOKEN' > /tmp/m.out 2>&1 || { cat /tmp/m.out; false; }"
sed -i 's/^lock_ptrace = false/lock_ptrace = true/; s/^kernel_lockdown = "off"/kernel_lockdown = "integrity"/' $CF
check "the config now asks for both" sh -c "grep -q '^lock_ptrace = true' $CF && grep -q '^kernel_lockdown = \"integrity\"' $CF"
check "maintenance end" sh -c "vigil maintenance end > /tmp/m.out 2>&1 || { cat /tmp/m.out; false; }"
REQ=$(vigil maintenance manifest 2>/dev/null | sed -n 's/.*"request":"\([^"]*\)".*/\1/p')
SIG=$(vigil maintenance sign --key /tmp/op/maintenance.key --manifest "$REQ")
check "the operator signs the new manifest" sh -c "vigil maintenance manifest --signature '$SIG' | grep -q '\"signed\":true'"

echo "== PID 1 stops it (systemd's SIGTERM)"
check "PID 1 may SIGTERM the daemon: it stops" stop_by_pid1 $D
cat /run/vigil-init-kill.log
check "the daemon logged its clean stop" grep -q 'stopped; all pending events answered' $LOG
out=$(rm -f $CF 2>&1)
check "with the daemon stopped, file protection stays (rm: $out)" test -f $CF
echo "| rm config with the daemon stopped | Operation not permitted (programs stay pinned) | (read by the next daemon) |" >> $TABLE

echo "== restarted as vigil.service runs it (vigil watchdog), it re-opens the pins"
: > $OUT
rm -f /tmp/status.json
/usr/local/bin/vigil watchdog --config $CF > $OUT 2>&1 &
W=$!
i=0
while ! grep -q '"tier":"A: bpf-lsm enforcing"' /tmp/status.json 2>/dev/null || ! grep -q '"watchdog_pid"' /tmp/status.json; do
    [ $i -lt 900 ] || break
    vigil status --json > /tmp/status.json 2>/dev/null
    usleep 100000
    i=$((i + 1))
done
grep -o '"tier":"[^"]*"' /tmp/status.json
check "the daemon under vigil watchdog runs tier A" grep -q '"tier":"A: bpf-lsm enforcing"' /tmp/status.json
check "it re-opened the pins" grep -q '"reopened":true' /tmp/status.json
D2=$(grep -o '"pid":[0-9]*' /tmp/status.json | head -1 | cut -d: -f2)
echo "watchdog $W, daemon $D2"
# Tier A with the kernel's own refusals: the daemon set both at start, after Tier A.
echo "now: Yama ptrace_scope $(cat /proc/sys/kernel/yama/ptrace_scope 2>&1), lockdown $(cat /sys/kernel/security/lockdown)"
check "the restarted daemon set lockdown integrity" grep -q '\[integrity\]' /sys/kernel/security/lockdown
check "and Yama ptrace_scope 3" grep -q '^3' /proc/sys/kernel/yama/ptrace_scope
check "status: tier A and both kernel refusals in force" sh -c "grep -q '\"ptrace\":\"refused by Yama scope 3' /tmp/status.json && grep -q '\"modules_kexec\":\"refused by lockdown integrity' /tmp/status.json"
out=$(vigil-attack kexec-load 2>&1)
check "lockdown refuses kexec_load ($out)" sh -c "echo '$out' | grep -q EPERM && dmesg | grep -q 'kexec of unsigned images is restricted'"
attack "write the config under lockdown (echo >)" file_write "Operation not permitted" -- sh -c "echo evil > $CF"
check "the config is intact" grep -q '^lock_ptrace = true' $CF
check "no Yama line names the daemon as the one attaching (it reads no opener's /proc/TID/syscall under scope 3)" \
    sh -c "! dmesg | grep -q 'was attempted by \"[^\"]*vigil daemon'"
attack "kill -9 the restarted daemon" signal "Operation not permitted" -- kill -9 $D2
attack "kill -9 its watchdog (an agent too)" signal "Operation not permitted" -- kill -9 $W
check "PID 1 stops the watchdog, which stops the daemon (the watchdog may signal it)" stop_by_pid1 $W
i=0; while kill -0 "$D2" 2>/dev/null && [ $i -lt 200 ]; do usleep 100000; i=$((i + 1)); done
check "the daemon is gone too" sh -c "! kill -0 $D2 2>/dev/null"
tail -3 $OUT
echo "| SIGTERM from PID 1 to vigil watchdog (systemctl stop vigil) | allowed: watchdog and daemon stopped | - |" >> $TABLE

check "the BPF LSM load test (a fresh program load) passes under lockdown integrity" sh -c "/vigil/bin/VigilBPFAgent probe > /tmp/probe.out 2>&1 || { cat /tmp/probe.out; false; }"

echo "== the daemon's other protection events"
grep '"dataset":"vigil.protection"' $LOG | grep -v '"tier-a-refused"' | sed 's/.*"action":"\([^"]*\)".*"message":"\([^"]*\)".*/\1: \2/' | head -20

echo "== attack table (daemon)"
echo "| attack | result in the guest | event in the daemon's log |"
echo "|---|---|---|"
cat $TABLE
echo "daemon: $passed passed, $failed failed"
[ $failed -eq 0 ]
