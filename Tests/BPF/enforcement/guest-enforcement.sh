#!/bin/sh
# Tier A in the QEMU guest (Debian's 6.1 kernel, where BPF LSM loads): the agent
# (VigilBPFAgent, which calls VigilBPF as the daemon will) loads the programs, registers
# itself and protects Vigil-shaped files on ext4 (/scratch) and tmpfs (/vstate); then this
# script, as a hostile root in the same guest, tries each attack with ordinary tools (and
# vigil-attack for single system calls) and checks that it is refused with the documented
# errno and that the refusal reaches the agent as an event within 2 s. Then the lease:
# the agent stops renewing, and kill/ptrace work again while files stay protected; a
# restarted agent re-opens the pins; PID 1 may signal it. Then open latency with and
# without the programs. Ends with "N passed, N failed"; exits 0 only if nothing failed.
# Run by scripts/test-bpf-enforcement.sh.
export PATH=/vigil/bin:$PATH
AGENT=/vigil/bin/VigilBPFAgent
EVIL=/vigil/lib/evil.so
PIN=/run/vigil/bpf
EV=/tmp/events.log
CTL=/tmp/agent.ctl
OUT=/tmp/agent.out
TABLE=/tmp/table.txt
LEASE=3
: > $EV
: > $TABLE

WHERE=""
. "$(dirname "$0")/guest-lib.sh"
events_of() { grep -c "kind=$1 " $EV; }
newest_event() { grep "kind=$1 " $EV | tail -1; }

agent_cmd() { timeout 5 sh -c "echo '$1' > $CTL"; usleep 300000; }

wait_output() {   # wait_output PATTERN SECONDS: until the agent printed PATTERN
    i=0
    while ! grep -q "$1" $OUT && [ $i -lt $(($2 * 10)) ]; do usleep 100000; i=$((i + 1)); done
}

start_agent() {   # start_agent: serve in the background; waits for "ready" (60 s at most)
    : > $OUT
    $AGENT serve --pin $PIN --lease $LEASE --events $EV --control $CTL \
        --tree /scratch/vigil --tree /vstate --file /etc/ld.so.preload > $OUT 2>&1 &
    agent=$!
    i=0
    while ! grep -q "^ready\|^agent:" $OUT && [ $i -lt 600 ]; do usleep 100000; i=$((i + 1)); done
    cat $OUT
    grep -q "^ready" $OUT
}

bench() {   # bench LABEL: open latency on ext4 and tmpfs
    for d in /scratch/bench /vstate-bench; do
        r=$(vigil-attack bench $d 200 40)
        echo "bench $1 $d $r"
        echo "$1 $d $r" >> /tmp/bench.txt
    done
    r=$(vigil-attack exec-bench 200)
    echo "bench $1 exec $r"
    echo "$1 exec $r" >> /tmp/bench.txt
}

echo "kernel $(uname -r), active LSMs: $(cat /sys/kernel/security/lsm)"
mkdir -p /scratch/vigil/etc /scratch/vigil/rules /scratch/vigil/state /scratch/bench /vstate /vstate-bench /mnt/x /tmp/fake
mount -t tmpfs -o size=64m tmpfs /vstate
mount -t tmpfs -o size=64m tmpfs /vstate-bench
echo 'mode = "enforce"' > /scratch/vigil/etc/vigil.toml
echo 'rule a { condition: false }' > /scratch/vigil/rules/a.yar
echo 'db' > /vstate/quarantine.db
echo '{"event":"start"}' > /vstate/events.log
: > /etc/ld.so.preload
echo 'evil = true' > /tmp/evil.toml
echo 'evil = true' > /scratch/evil.toml
for i in $(seq 0 199); do head -c 4096 /dev/zero > /scratch/bench/f$i; head -c 4096 /dev/zero > /vstate-bench/f$i; done
mkfifo $CTL
CF=/scratch/vigil/etc/vigil.toml
LOG=/vstate/events.log

check "the load test finds Tier A available" $AGENT probe
bench without
bench without

check "the agent loads, seals its code, registers and protects (all hooks attached)" start_agent
grep -q "hooks=30/30" $OUT || fail "not every hook is attached"
A=$agent
DIGEST=$(ls $PIN)
P=$PIN/$DIGEST
bench with
bench with
bench with

echo "== files (ext4 /scratch, tmpfs /vstate)"
attack "write to config (echo >, ext4)" file_write "Operation not permitted" -- sh -c "echo evil > $CF"
attack "append to event log (echo >>, tmpfs)" file_write "Operation not permitted" -- sh -c "echo evil >> $LOG"
attack "truncate config" file_write "Operation not permitted" -- truncate -s 0 $CF
attack "truncate event log (tmpfs)" file_write "Operation not permitted" -- truncate -s 0 $LOG
attack "chmod config" file_setattr "Operation not permitted" -- chmod 666 $CF
attack "touch -d (utimes) rules" file_setattr "Operation not permitted" -- touch -d 2000-01-01 /scratch/vigil/rules/a.yar
attack "rm config" file_unlink "Operation not permitted" -- rm -f $CF
attack "rm quarantine DB (tmpfs)" file_unlink "Operation not permitted" -- rm -f /vstate/quarantine.db
attack "rm -r rules folder" file_unlink "Operation not permitted" -- rm -rf /scratch/vigil/rules
attack "mv config away" file_rename "Operation not permitted" -- mv $CF /scratch/stolen.toml
attack "mv a forged config over it" file_rename "Operation not permitted" -- mv /scratch/evil.toml $CF
attack "ln (hard link) to config" file_link "Operation not permitted" -- ln $CF /scratch/alias.toml
attack "plant a rule file (create in rules/)" file_create "Operation not permitted" -- touch /scratch/vigil/rules/planted.yar
attack "mkdir in state/" file_create "Operation not permitted" -- mkdir /scratch/vigil/state/x
attack "chattr -i config (FS_IOC_SETFLAGS, ext4)" file_flags "Operation not permitted" -- chattr -i $CF
attack "chattr +a event log (tmpfs)" file_flags "Operation not permitted" -- chattr +a $LOG
attack "setxattr on config" file_xattr "ERR EPERM" -- vigil-attack setxattr $CF
attack "write /etc/ld.so.preload" file_write "Operation not permitted" -- sh -c "echo $EVIL > /etc/ld.so.preload"
check "config unchanged" grep -q 'mode = "enforce"' $CF

echo "== mounts"
attack "mount --bind over the config file" mount "permission denied" -- mount --bind /tmp/evil.toml $CF
attack "mount tmpfs over its folder" mount "permission denied" -- mount -t tmpfs none /scratch/vigil/etc
attack "mount --bind over an ancestor (/scratch)" mount "permission denied" -- mount --bind /tmp/fake /scratch
attack "move_mount(2) of a clone over the folder" mount "ERR EPERM" -- vigil-attack move-mount /tmp/fake /scratch/vigil/etc
attack "mount --move the file system away" mount_move "permission denied" -- mount --move /scratch /mnt/x
attack "move_mount(2) of an attached mount" mount_move "ERR EPERM" -- vigil-attack move-existing /vstate /mnt/x
attack "umount the file system" umount "Operation not permitted" -- umount /scratch
attack "umount -l the tmpfs" umount "Operation not permitted" -- umount -l /vstate
check "config still visible at its path" grep -q 'mode = "enforce"' $CF

echo "== the agent process (pid $A)"
attack "kill -9 agent" signal "Operation not permitted" -- kill -9 $A
attack "kill -STOP agent" signal "Operation not permitted" -- kill -STOP $A
attack "strace -p agent (ptrace attach)" ptrace "Operation not permitted" -- timeout 10 strace -p $A
attack "PTRACE_ATTACH (gdb-style)" ptrace "ERR EPERM" -- vigil-attack ptrace-attach $A
attack "write /proc/PID/mem" ptrace "ERR EACCES" -- vigil-attack mem-write $A
attack "process_vm_writev" ptrace "ERR EPERM" -- vigil-attack vm-write $A
attack "pidfd_getfd of its fd 3" ptrace "ERR EPERM" -- vigil-attack pidfd-getfd $A 3
attack "prlimit --nofile" rlimit "Operation not permitted" -- prlimit --pid $A --nofile=16:16
attack "renice +19" sched "not permitted" -- renice -n 19 -p $A
attack "chrt (sched_setscheduler)" sched "Operation not permitted" -- chrt -o -p 0 $A
attack "ioprio_set idle" sched "ERR EPERM" -- vigil-attack ioprio $A
attack "ptrace PID 1 (to make init signal)" ptrace "ERR EPERM" -- vigil-attack ptrace-attach 1
check "agent alive" kill -0 $A

echo "== Vigil's BPF objects"
attack "bpftool map dump of a pinned map" bpf_object "Operation not permitted" -- bpftool map dump pinned $P/map_protected_inodes
attack "bpftool map update agents" bpf_object "Operation not permitted" -- bpftool map update pinned $P/map_agents key 1 0 0 0 value 0 0 0 0
attack "bpftool link detach (pinned)" bpf_object "Operation not permitted" -- bpftool link detach pinned $P/link_file_open
attack "BPF_LINK_DETACH on a pin's fd" bpf_object "ERR EPERM" -- vigil-attack link-detach $P/link_task_kill
before=$(events_of bpf_object)
out=$(vigil-attack prog-scan all)
echo "prog-scan: $out"
check "an fd for each of Vigil's 30 programs by id is refused ($out)" sh -c "echo '$out' | grep -q 'refused=30 '"
sleep 1
echo "| BPF_PROG_GET_FD_BY_ID on every loaded program (bpftool prog show) | $out | \`bpf_object\` x$(( $(events_of bpf_object) - before )) |" >> $TABLE
agent_cmd holders
check "at first nobody else holds a descriptor for Vigil's objects" grep -q "^holders none" $OUT
vigil-attack hold-link $P/link_inode_unlink 20 > /tmp/hold.out &
holder=$!
usleep 500000
agent_cmd holders
wait_output "^holders pid $holder" 5
check "a link fd taken from its pin (no hook in 6.1) is found by the holder scan" grep -q "^holders pid $holder fd [0-9]*: link" $OUT
echo "| BPF_OBJ_GET on a link pin, fd kept (no LSM hook in 6.1) | allowed (detach refused: see above) | found by \`foreignHolders()\`: $(grep "^holders pid $holder" $OUT | tail -1 | cut -c9-) |" >> $TABLE
kill $holder 2>/dev/null
attack "rm a link pin" file_unlink "Operation not permitted" -- rm -f $P/link_file_open
attack "mount over the pin folder" mount "permission denied" -- mount -t tmpfs none $PIN
attack "umount the private bpffs" umount "Operation not permitted" -- umount $PIN

echo "== code in the agent"
before=$(events_of exec_mapping)
agent_cmd "dlopen $EVIL"
check "dlopen of an unsealed library refused" grep -q "dlopen $EVIL: refused" $OUT
if seen=$(wait_event exec_mapping "$before"); then ok "exec_mapping event after $seen"; else fail "no exec_mapping event"; fi
echo "| LD_PRELOAD-style dlopen of an unsealed library into the agent | refused (mmap PROT_EXEC: EPERM) | \`exec_mapping\` after ${seen%% ms*} ms |" >> $TABLE
before=$(events_of exec_mapping)
agent_cmd "anon-exec"
check "anonymous PROT_EXEC memory refused" grep -q "anon-exec: refused" $OUT
if seen=$(wait_event exec_mapping "$before"); then ok "exec_mapping event after $seen"; else fail "no exec_mapping event"; fi
echo "| anonymous PROT_EXEC mapping in the agent (shellcode) | refused (EPERM) | \`exec_mapping\` after ${seen%% ms*} ms |" >> $TABLE
attack "LD_PRELOAD'ed copy of the agent opens the pins" tainted "Operation not permitted" -- env LD_PRELOAD=$EVIL $AGENT verify --pin $PIN
attack "agent binary started under strace opens the pins" tainted "Operation not permitted" -- strace -f -o /dev/null $AGENT verify --pin $PIN
out=$($AGENT verify --pin $PIN 2>&1)
echo "$out"
check "a clean restart of the agent binary re-opens the pins (all hooks attached)" sh -c "echo '$out' | grep -q 'reopened=true' && echo '$out' | grep -q 'hooks=30/30'"
echo "| clean restart of the agent binary (candidate) re-opens the pins | allowed: reopened, 30/30 hooks | - |" >> $TABLE
agent_cmd status
grep "^status" $OUT | tail -2

echo "== the dead-man lease"
agent_cmd stop-lease
sleep $((LEASE + 1))
before=$(events_of agent_released)
out=$(vigil-attack ptrace-attach $A)
check "after the lease lapsed, ptrace attach works ($out)" test "$out" = OK
if seen=$(wait_event agent_released "$before"); then ok "the attached agent lost its rights: event after $seen"; else fail "no agent_released event"; fi
echo "| ptrace attach after the lease lapsed | allowed; the agent loses agency | \`agent_released\` after ${seen%% ms*} ms |" >> $TABLE
check "after the lease lapsed, kill -9 works" kill -9 $A
i=0; while kill -0 $A 2>/dev/null && [ $i -lt 40 ]; do usleep 50000; i=$((i + 1)); done
check "the agent is gone" sh -c "! kill -0 $A 2>/dev/null"
echo "| kill -9 after the lease lapsed | allowed: agent gone | - |" >> $TABLE
out=$(rm -f $CF 2>&1)
check "with no agent alive, file protection still holds (rm: $out)" test -f $CF
echo "| rm config with no agent alive | Operation not permitted (programs stay pinned) | (read by the next agent) |" >> $TABLE

echo "== restart, and PID 1"
check "a restarted agent re-opens the pins" start_agent
B=$agent
grep -q "reopened=true" $OUT || fail "the restarted agent loaded anew instead of re-opening"
attack "kill -9 the restarted agent" signal "Operation not permitted" -- kill -9 $B
echo "TERM $B" > /run/vigil-init-kill
i=0; while kill -0 $B 2>/dev/null && [ $i -lt 40 ]; do usleep 50000; i=$((i + 1)); done
check "PID 1 may signal the agent (SIGTERM from init ended it)" sh -c "! kill -0 $B 2>/dev/null"
echo "| SIGTERM from PID 1 (systemd stopping the service) | allowed: agent gone | - |" >> $TABLE
cat /run/vigil-init-kill.log

echo "== maintenance: release"
check "a third agent re-opens the pins" start_agent
C=$agent
agent_cmd release
wait_output "^released\|^release failed" 30
check "release detaches and unpins" grep -q "^released" $OUT
check "after release, files are writable again" sh -c "echo 'mode = \"audit\"' > $CF"
check "after release, the pin folder is unmounted" sh -c "! grep -q ' $PIN ' /proc/mounts"
agent_cmd exit
sleep 1
bench without
bench without

echo "== open latency (open + read 4 KiB + close; TCG: compare ratios only)"
cat /tmp/bench.txt
# Each run reports the median latency of each block of operations and the smallest of
# those medians: interference from the other builds sharing this host's 2 cores only ever
# adds time, so the minimum is the comparable figure; the median of the block medians is
# reported beside it.
for d in /scratch/bench /vstate-bench exec; do
    awk -v d=$d '$2 == d {
            for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
            if ($1 == "with") { if (!wmin || v["min_p50_ns"] < wmin) wmin = v["min_p50_ns"]; wmed += v["med_p50_ns"]; wn++ }
            else { if (!omin || v["min_p50_ns"] < omin) omin = v["min_p50_ns"]; omed += v["med_p50_ns"]; on++ } }
        END { printf "BENCH %s: without min %.0f ns, median %.0f ns; with min %.0f ns, median %.0f ns; ratio min %.3f, median %.3f\n",
              d, omin, omed/on, wmin, wmed/wn, wmin/omin, (wmed/wn)/(omed/on) }' /tmp/bench.txt
done

# The budget is 5 %; under TCG on a shared host, allow twice that before failing, so the
# check catches a hook that costs real time on the open path (an inode_permission program
# would) without failing on the noise; the figures above are what the report quotes.
for d in /scratch/bench /vstate-bench; do
    ratio=$(awk -v d=$d '$2 == d { for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
            if ($1 == "with") { if (!w || v["min_p50_ns"] < w) w = v["min_p50_ns"] } else if (!o || v["min_p50_ns"] < o) o = v["min_p50_ns"] }
            END { printf "%.3f", w / o }' /tmp/bench.txt)
    check "open latency on $d with Tier A: ${ratio}x of without (at most 1.10 under TCG)" awk -v r=$ratio 'BEGIN { exit !(r <= 1.10) }'
done

echo "== attack table"
echo "| attack | result in the guest | event |"
echo "|---|---|---|"
cat $TABLE
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
