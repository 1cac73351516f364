#!/bin/sh
# Tier B with the kernel's own refusals, in a QEMU guest booted without BPF LSM
# (lsm=lockdown,capability,landlock,yama: what Ubuntu- and RHEL-like hosts have): `vigil
# install` as guest-daemon.sh does, then `vigil daemon`, attacked as root twice.
#   1. Control, [protection] lock_ptrace and kernel_lockdown off: every attack works (so
#      this test can fail), and Tier B's detection fires where it has one (traced,
#      blinded). After them the daemon stops within 15 s of SIGTERM, twice (and once more
#      after phase 2), in this boot (issue 12: the stop used to wait on the daemon's own
#      permission group until SIGKILL).
#   2. The options on (set through a maintenance window, as an admin would; the daemon
#      restarted): the daemon sets Yama ptrace_scope 3 and lockdown integrity at start;
#      every module, kexec, /dev/mem and ioport attack is refused with EPERM and the
#      kernel's own log line ("Lockdown: ...: ... is restricted"), lockdown cannot be
#      lowered, and the daemon keeps scanning (EICAR denied). Under Yama 3 the tamper
#      guard cannot read an opener's intent (/proc/TID/syscall) and still answers:
#      `vigil status`, exec of the installed binary and `cat` of the config work (the
#      files are immutable, so the VFS refused every write open before the guard was
#      asked); a write open of a protected file on a ramfs (no inode flags) is refused by
#      the guard with a tamper-blocked event. Every ptrace-family attack (PTRACE_SEIZE,
#      strace -p, pidfd_getfd of the fanotify fds, /proc/PID/mem, process_vm_writev) is
#      refused with Yama's log line and is a kernel-refused event naming the attacker
#      (strace -p too), and the guard's marks still work afterwards. The -i /
#      open(O_WRONLY) / +i race on the config (vigil-attack immutable-race) never gets a
#      writable descriptor, each refusal a tamper-blocked event saying why.
# Every daemon is watched: one that dies on its own prints a FINDING with its decoded exit
# status, its output and the kernel's fatal-signal line (issue 12). VIGIL_PHASE2_REPEAT=N
# starts N more phase 2 daemons in the same boot.
# Ends with "N passed, N failed" and the table; exits 0 only if nothing failed.
# Run by scripts/test-kernel-refusals.sh.
export PATH=/vigil/bin:/usr/local/bin:$PATH
LOG=/var/log/vigil/events.json
CF=/etc/vigil/vigil.toml
OUT=/tmp/daemon.out
TABLE=/tmp/table.txt
MODULE=/vigil/lib/loop-unsigned.ko
KERNEL=/vigil/lib/vmlinuz-badsig
: > $TABLE

WHERE=" in the daemon's log"
. "$(dirname "$0")/guest-lib.sh"
events_of() { grep -c "\"action\":\"$1\"" $LOG 2>/dev/null; }
kmsg_count() { dmesg | grep -c "$1"; }

# A daemon that dies on its own must name its cause (issue 12: in one CI run the phase 2
# daemon died about a second after its first status, and nothing said why). The kernel
# logs each death by a core-dump signal (a Swift trap is SIGILL or SIGTRAP) with its
# registers (print-fatal-signals): its RIP, with the image base saved from the daemon's
# maps at its start, is symbolicated on the host with the unstripped binary
# (scripts/symbolicate-crash.py). A trap with a message ("Fatal error: Index out of
# range", file:line) prints it into the daemon's output. The exit status is decoded; and
# a watcher that notices the death within a second, and from then on the first failing
# check (any of them), print the report.
# The Swift runtime's own crash handler (the backtracer) is off for every vigil here: it
# suspends the crashed process's threads, then execs /vigil/bin/swift-backtrace on the
# root filesystem, which the daemon guards: that exec, and the opens of the images it
# reads, would wait for the crashed daemon's suspended event thread (a deadlock holding
# every opener instead of a death; not tried). backtracer_proof shows what it prints for
# a vigil that guards nothing (a record, not a check).
echo 1 > /proc/sys/kernel/print-fatal-signals
export SWIFT_BACKTRACE=enable=no
BT_ON="enable=yes,interactive=no,color=no,threads=all,images=mentioned,registers=none,symbolicate=fast,output-to=stderr,swift-backtrace=/vigil/bin/swift-backtrace"
backtracer_proof() {   # backtracer_proof WHEN: a vigil process sent SIGSEGV prints its stack (60 s at most)
    [ -x /vigil/bin/swift-backtrace ] || return 0
    rm -f /tmp/bt.fifo; mkfifo /tmp/bt.fifo
    t0=$(now_ms)
    # (busybox timeout execs vigil in its own pid.) A SIGSEGV sent by kill faults nothing:
    # once the handler has printed, the process goes on waiting in open(), so it is killed.
    SWIFT_BACKTRACE=$BT_ON timeout -s KILL 60 vigil log verify /tmp/bt.fifo > /tmp/bt.out 2>&1 &
    bt=$!
    usleep 3000000; kill -SEGV $bt
    i=0
    while ! grep -q "Backtrace took" /tmp/bt.out && kill -0 $bt 2>/dev/null && [ $i -lt 60 ]; do usleep 1000000; i=$((i + 1)); done
    echo "  backtracer ($1): a vigil process sent SIGSEGV printed its stack in $(( $(now_ms) - t0 - 3000 )) ms:"
    kill -9 $bt 2>/dev/null; wait $bt
    head -24 /tmp/bt.out | sed 's/^/  | /'
    # And the path the daemons take (no backtracer): the kernel's line with the RIP.
    timeout -s KILL 60 vigil log verify /tmp/bt.fifo > /tmp/bt.out 2>&1 &
    bt=$!
    usleep 3000000; kill -ILL $bt; wait $bt; st=$?
    echo "  without it ($1): a vigil process sent SIGILL: $(decode_status $st); the kernel:"
    dmesg | grep -A3 "fatal signal 4" | grep -E "fatal signal|RIP" | tail -2 | sed 's/^/  K /'
}
decode_status() {   # decode_status N: what a shell's $? of a child says about how it ended
    case $1 in
        0) echo "exit 0 (a clean stop: it received SIGTERM or SIGINT)" ;;
        13[2-9]|1[4-5][0-9]) sig=$(( $1 - 128 ))
            case $sig in
                4) why="SIGILL: a Swift trap (precondition, force unwrap, overflow, index out of range)" ;;
                5) why="SIGTRAP: a Swift trap (brk/int3)" ;;
                6) why="SIGABRT: abort() (a runtime error, e.g. an exclusivity violation, or the backtracer's re-raise)" ;;
                7) why="SIGBUS" ;;
                8) why="SIGFPE" ;;
                9) why="SIGKILL: killed (the OOM killer? see dmesg), not by the test" ;;
                11) why="SIGSEGV" ;;
                13) why="SIGPIPE" ;;
                15) why="SIGTERM before the signal thread took it" ;;
                31) why="SIGSYS: a seccomp filter killed it" ;;
                *) why="signal $sig" ;;
            esac
            echo "$1 = killed by signal $sig, $why" ;;
        129|130|131) echo "$1 = killed by signal $(( $1 - 128 ))" ;;
        *) echo "exit $1 (an error it reported: see its output)" ;;
    esac
}
dead_reported=""
daemon_dead_report() {   # daemon_dead_report WHERE: once, for a daemon that died on its own
    [ -n "$dead_reported" ] && return 0
    kill -0 $daemon 2>/dev/null && return 0
    dead_reported=1
    wait $daemon; st=$?
    echo "FINDING - the daemon (pid $daemon) died on its own (noticed $1): $(decode_status $st)"
    [ -s /tmp/death.txt ] && cat /tmp/death.txt
    echo "  vigil image base 0x$(cat /tmp/daemon.base 2>/dev/null) (for the RIP below: scripts/symbolicate-crash.py)"
    echo "  its output (last 60 lines; a Swift trap with a message prints its 'Fatal error' line there):"
    tail -60 $OUT | sed 's/^/  | /'
    grep -n "Fatal error\|Crash\|crashed\|panic\|backtrace" $OUT | head -20 | sed 's/^/  ! /'
    echo "  the kernel's last lines, and any about a fatal signal, a trap, seccomp or the OOM killer:"
    dmesg | tail -25 | sed 's/^/  k /'
    dmesg | grep -E "fatal signal|traps:|segfault|general protection|audit.*(seccomp|SECCOMP)|Out of memory|Killed process|oom" | tail -20 | sed 's/^/  K /'
    echo "  its events after phase 2 started:"
    tail -n +$((since + 1)) $LOG | tail -12 | cut -c1-400 | sed 's/^/  e /'
}
# While a daemon is watched (from its first status to its stop), any failing check first
# reports it if it died.
fail() { failed=$((failed + 1)); echo "FAIL - $*"; [ -n "$watching" ] && daemon_dead_report "at the failing check: $*"; }
watch_daemon() {   # watch_daemon PID: a watcher (shell builtins only) that says when PID died
    : > /tmp/death.txt
    # Where its code is, for a RIP in the kernel's fatal-signal lines (symbolicated on the host).
    while read -r range _ off _ _ path; do
        case $path in */vigil) echo "${range%%-*}" > /tmp/daemon.base; break ;; esac
    done < /proc/$1/maps
    [ -p /dev/shm/tick-w ] || mkfifo /dev/shm/tick-w
    (
        p=$1
        read -r up0 _ < /proc/uptime
        while read -r st 2>/dev/null < /proc/$p/stat; do
            set -- $st
            [ "$3" = Z ] && break
            read -t 1 _ <> /dev/shm/tick-w
        done
        read -r up _ < /proc/uptime
        echo "  watcher: the daemon $p was gone (or a zombie) at uptime ${up} s; watched since ${up0} s" > /tmp/death.txt
        echo "FINDING - watcher: the daemon $p died on its own; gone at uptime ${up} s (watched since ${up0} s)"
    ) &
    watcher=$!
    watching=1
    dead_reported=""
}
unwatch_daemon() { watching=""; kill $watcher 2>/dev/null; wait $watcher 2>/dev/null; }

start_daemon() {   # start_daemon: in the background; waits until status answers (90 s at most)
    launch_daemon 600 5 || { wait $daemon; echo "vigil daemon exited: $(decode_status $?)"; cat $OUT; dmesg | tail -15; return 1; }
    if ! grep -q '"tier"' /tmp/status.json; then
        echo "no status after 60 s; daemon output:"; tail -30 $OUT
        for t in /proc/$daemon/task/*; do echo "  thread $(cat $t/comm): $(cat $t/wchan) $(cut -d' ' -f3 $t/stat)"; done
        dmesg | tail -5
        return 1
    fi
    grep -o '"tier":"[^"]*"' /tmp/status.json
    grep -o '"kernel_refusals":{[^}]*}' /tmp/status.json
    watch_daemon $daemon
}

stop_daemon() {   # stop_daemon PID: SIGTERM (tier B refuses no signal), 30 s at most, then SIGKILL
    daemon_pid_for_stop=$1
    kill -TERM "$1"
    i=0
    while kill -0 "$1" 2>/dev/null && [ $i -lt 300 ]; do
        usleep 100000; i=$((i + 1))
        # A stop still running after 5 s shows where each thread waits (the daemon's
        # own "stopping X took" line only comes once the step ends), and what its
        # fanotify groups hold. Shell builtins only: a wedged daemon still holds its
        # permission groups, and an exec of any program on a filesystem they mark
        # would wait with it.
        if [ $i -eq 50 ]; then
            echo "  still running 5 s after SIGTERM; its threads:"
            for t in /proc/$1/task/*; do
                read -r comm < $t/comm; read -r st < $t/stat; read -r wchan < $t/wchan
                set -- $st; echo "  thread $comm state $3 wchan $wchan"; set -- "$daemon_pid_for_stop"
                n=0; while read -r line && [ $n -lt 8 ]; do echo "      $line"; n=$((n + 1)); done < $t/stack
            done
            for f in /proc/$1/fdinfo/*; do
                while read -r line; do case $line in fanotify*) echo "  fd ${f##*/}: $line" ;; esac; done < $f
            done
        fi
    done
    kill -0 "$1" 2>/dev/null || return 0
    echo "  still running after 30 s: SIGKILL"; kill -9 "$1"; usleep 500000
    return 1
}

# stopped_within LABEL: SIGTERM to $D, which must be gone within 15 s. Issue 12: after the
# control attacks (traced; blinded, the marks put back) the stop used to wait on the
# daemon's own permission group for good, until SIGKILL at 30 s. Under TCG on a loaded
# 2-core host a sound stop took 0.7 to 6.8 s (each daemon start 30 to 85 s), so the bound is
# 15 s: far above those, far below the 30 s after which the old wedge was SIGKILLed.
# The daemon's own slow-stop lines ("stopping X took") follow, for the record.
stopped_within() {
    unwatch_daemon
    t0=$(now_ms)
    if stop_daemon $D; then took=$(( $(now_ms) - t0 )); else took=-1; fi
    if [ $took -ge 0 ] && [ $took -le 15000 ]; then ok "$1: the daemon stopped $took ms after SIGTERM"
    else fail "$1: the daemon did not stop within 15 s of SIGTERM ($([ $took -ge 0 ] && echo "$took ms" || echo SIGKILL))"; fi
    grep "stopping .* took" $OUT | sed 's/^/  /'
}

eicar_denied() {   # the guard still judges opens: the EICAR test file is refused (shown when not)
    out=$(timeout 20 cat /srv/eicar.com 2>&1) && { echo "  allowed: $(echo "$out" | head -c 80)"; od -c /srv/eicar.com | head -3; vigil status 2>&1 | head -30; return 1; }
    echo "  $out"
}

# allowed NAME EXPECT DETECTION -- COMMAND...: the control run. COMMAND's output must hold
# EXPECT (OK, or an errno that shows the permission check passed); DETECTION, when not
# "-", is the Tier B event that must follow within 2 s.
allowed() {
    name=$1 expect=$2 detection=$3
    shift 4
    before=$(events_of "$detection")
    out=$("$@" 2>&1 | tr '\n' ' ' | cut -c1-120)
    case $out in
        *"$expect"*) ;;
        *) fail "control: $name: expected '$expect', got: $out"; echo "| $name | control: $out (expected $expect) | | |" >> $TABLE; return ;;
    esac
    if [ "$detection" = - ]; then
        ok "control: $name: allowed ($expect); Tier B has no detection for it"
        echo "| $name | allowed ($expect) | none (documented limit) |" >> ${ATABLE:-$TABLE.control}
    elif seen=$(wait_event "$detection" "$before"); then
        ok "control: $name: allowed ($expect); \`$detection\`$WHERE after $seen"
        echo "| $name | allowed ($expect) | \`$detection\` after ${seen%% ms*} ms |" >> ${ATABLE:-$TABLE.control}
    else
        fail "control: $name: allowed ($expect) but no $detection event within 2 s"
        echo "| $name | allowed ($expect) | none within 2 s |" >> ${ATABLE:-$TABLE.control}
    fi
}

# refused NAME EXPECT KMSG -- COMMAND...: COMMAND must fail with EXPECT, and the kernel's
# log must gain a line containing KMSG (the refusal was the LSM's, not some other error).
refused() {
    name=$1 expect=$2 kmsg=$3
    shift 4
    before=$(kmsg_count "$kmsg")
    out=$("$@" 2>&1 | tr '\n' ' ' | cut -c1-120)
    case $out in
        *"$expect"*) ;;
        *) fail "$name: expected '$expect', got: $out"; echo "| $name | $out (expected $expect) | - |" >> $TABLE; return ;;
    esac
    i=0
    while [ "$(kmsg_count "$kmsg")" -le "$before" ] && [ $i -lt 20 ]; do usleep 50000; i=$((i + 1)); done
    line=$(dmesg | grep "$kmsg" | tail -1 | sed 's/^\[[^]]*\] //' | cut -c1-110)
    if [ "$(kmsg_count "$kmsg")" -gt "$before" ]; then
        ok "$name: refused ($expect); kernel: $line"
        echo "| $name | refused: $expect | \`$line\` |" >> $TABLE
    else
        fail "$name: refused ($expect) but no kernel line '$kmsg'"
        echo "| $name | $expect, no kernel line | - |" >> $TABLE
    fi
}

echo "kernel $(uname -r), active LSMs: $(cat /sys/kernel/security/lsm)"
echo "at boot: Yama ptrace_scope $(cat /proc/sys/kernel/yama/ptrace_scope 2>&1), lockdown $(cat /sys/kernel/security/lockdown 2>&1)"
check "the guest has Yama" test -f /proc/sys/kernel/yama/ptrace_scope
check "the guest has the lockdown LSM, at none" grep -q '\[none\]' /sys/kernel/security/lockdown
check "the guest has no BPF LSM (tier B)" sh -c "! grep -q bpf /sys/kernel/security/lsm"

backtracer_proof "Yama 0, no lockdown"
echo "== install, as an admin would"
install_as_admin
check "vigil install puts Vigil in place" test -x /usr/local/bin/vigil -a -f $CF
check "the installed config has both options, off" sh -c "grep -q '^lock_ptrace = false' $CF && grep -q '^kernel_lockdown = \"off\"' $CF"
plant_eicar /srv/eicar.com

echo "== 1. control: options off"
t0=$(now_ms)
check "vigil daemon starts (tier B)" start_daemon || { echo "kernel refusals: cannot go on"; exit 1; }
echo "daemon start to status: $(( $(now_ms) - t0 )) ms"
D=$daemon
check "tier B: no BPF LSM" grep -q '"tier":"B: detection only' /tmp/status.json
check "status: ptrace attacks detected only" grep -q '"ptrace":"detected only (Yama scope' /tmp/status.json
t0=$(now_ms); timeout 20 /usr/local/bin/vigil status > /dev/null 2>&1
echo "  Yama 0: exec + vigil status round trip: $(( $(now_ms) - t0 )) ms (for comparison with phase 2)"
usleep 1000000
allowed "PTRACE_SEIZE the daemon, held 1.5 s" "OK" traced -- vigil-attack ptrace-hold $D 1500
allowed "open /proc/PID/mem for writing" "OK" - -- vigil-attack mem-write $D
allowed "process_vm_writev into the daemon" "ERR EFAULT" - -- vigil-attack vm-write $D
allowed "finit_module of an unsigned module" "ERR EEXIST" - -- vigil-attack finit-module $MODULE
allowed "kexec_load (no segments)" "OK" - -- vigil-attack kexec-load
allowed "kexec_file_load of a kernel whose signature fails" "OK" - -- vigil-attack kexec-file $KERNEL
allowed "open /dev/mem for writing" "OK" - -- vigil-attack devmem-write
allowed "iopl(3)" "OK" - -- vigil-attack iopl
# Last: it blinds the guard (the self-audit puts the marks back).
allowed "pidfd_getfd of the fanotify fds, FAN_MARK_FLUSH" "OK" blinded -- vigil-attack pidfd-flush $D
# The stop after these attacks (issue 12's wedged stop): this daemon's, then a second
# one's, traced and blinded the same way, after the maintenance window below.
stopped_within "stop 1 after the control attacks"
check "vigil daemon starts again" start_daemon || { echo "kernel refusals: cannot go on"; exit 1; }
D=$daemon
usleep 1000000
ATABLE=/tmp/table.again allowed "PTRACE_SEIZE the daemon, held 1.5 s (again)" "OK" traced -- vigil-attack ptrace-hold $D 1500
ATABLE=/tmp/table.again allowed "pidfd_getfd of the fanotify fds, FAN_MARK_FLUSH (again)" "OK" blinded -- vigil-attack pidfd-flush $D
check "the control run left Yama and lockdown as they were" sh -c "! grep -q '^3' /proc/sys/kernel/yama/ptrace_scope && grep -q '\[none\]' /sys/kernel/security/lockdown"

echo "== switch both options on (maintenance window), restart the daemon"
check "maintenance begin" sh -c "vigil maintenance begin --reason 'kernel refusals test' > /tmp/m.out 2>&1 || { cat /tmp/m.out; false; }"
# (and enforce mode, so that EICAR is denied, not only audited, in phase 2)
sed -i 's/^lock_ptrace = false/lock_ptrace = true/; s/^kernel_lockdown = "off"/kernel_lockdown = "integrity"/; s/^mode = "audit"/mode = "enforce"/' $CF
check "the config now asks for both" sh -c "grep -q '^lock_ptrace = true' $CF && grep -q '^kernel_lockdown = \"integrity\"' $CF"
# One more protected file, on a ramfs (no inode flags, so no immutable flag): under Yama 3
# the guard refuses every open of it whose intent it cannot read, and logs it.
RAMFILE=/opt/ram/policy.txt
mkdir -p /opt/ram && mount -t ramfs -o mode=0755 ramfs /opt/ram && echo "policy" > $RAMFILE
sed -i "s|^paths = \[\]\$|paths = [\"$RAMFILE\"]|" $CF
check "[protection] paths now lists the ramfs file" grep -q "^paths = \[\"$RAMFILE\"\]" $CF
check "maintenance end (re-seals the config)" sh -c "vigil maintenance end > /tmp/m.out 2>&1 || { cat /tmp/m.out; false; }"
stopped_within "stop 2 after the control attacks (and a maintenance window)"
check "the daemon is gone before phase 2" sh -c "! kill -0 $D 2>/dev/null"
# Phase 2's lines only (the log is append-only: it is not moved away).
since=$(wc -l < $LOG)

echo "== 2. options on"
# A monitor made of shell builtins only (nothing to exec, no file on a guarded
# filesystem): a process left waiting on the guard's answer during start-up is shown.
mkfifo /dev/shm/tick
(
    n=0
    while [ $n -lt 30 ]; do
        read -t 10 _ <> /dev/shm/tick
        n=$((n + 1))
        for p in /proc/[0-9]*; do
            read -r w < $p/wchan 2>/dev/null
            read -r c < $p/comm 2>/dev/null
            case "$w" in *fanotify*) echo "  waiting on the guard ($((n * 10)) s): ${p#/proc/} $c: $w" ;; esac
        done
    done
) &
monitor=$!
t0=$(now_ms)
check "vigil daemon starts with lock_ptrace and kernel_lockdown" start_daemon || { echo "kernel refusals: cannot go on"; exit 1; }
kill $monitor 2>/dev/null
echo "daemon start to status: $(( $(now_ms) - t0 )) ms"
[ $(( $(now_ms) - t0 )) -gt 30000 ] && { echo "  (slow: the daemon's output)"; tail -12 $OUT; }
D=$daemon
echo "now: Yama ptrace_scope $(cat /proc/sys/kernel/yama/ptrace_scope), lockdown $(cat /sys/kernel/security/lockdown)"
check "tier B: no BPF LSM" grep -q '"tier":"B: detection only' /tmp/status.json
check "the daemon set Yama ptrace_scope 3 under tier B" grep -q '^3' /proc/sys/kernel/yama/ptrace_scope
check "the daemon set lockdown integrity" grep -q '\[integrity\]' /sys/kernel/security/lockdown
check "status: ptrace attacks refused by Yama scope 3" grep -q '"ptrace":"refused by Yama scope 3' /tmp/status.json
check "status: modules and kexec refused by lockdown integrity" grep -q '"modules_kexec":"refused by lockdown integrity' /tmp/status.json
check "status has no lock_ptrace or kernel_lockdown warning" sh -c "! grep -qE 'lock_ptrace = |kernel_lockdown = ' /tmp/status.json"
vigil status > /tmp/status.txt 2>&1
grep -E "^(tier|kernel|ptrace attacks|modules, kexec) " /tmp/status.txt
daemon_dead_report "after the phase 2 start"
check "vigil status says it in words" grep -q "^modules, kexec *refused by lockdown integrity" /tmp/status.txt
check "the start-up kernel-refusals event names Yama 3 and lockdown integrity" sh -c "tail -n +$((since + 1)) $LOG | grep '\"action\":\"kernel-refusals\"' | grep '\"yama_ptrace_scope\":\"3\"' | grep -q '\"lockdown\":\"integrity\"'"
check "no kernel-refusal-unavailable event" sh -c "! tail -n +$((since + 1)) $LOG | grep -q '\"action\":\"kernel-refusal-unavailable\"'"
check "EICAR is denied" eicar_denied
# The tamper guard under Yama 3: /proc/TID/syscall is closed to it, so it cannot read an
# opener's intent. Vigil's own files are immutable: the VFS refused every write open
# before the guard was asked, and the guard allows the rest. (Without that, every open
# of them was refused: `vigil status` and the exec of vigil hung in an earlier run.)
guard_checks() {   # guard_checks WHEN: the guard's answers under Yama 3
    t0=$(now_ms)
    # (exit 1: it answered with a warning, here the ramfs file's missing immutable flag)
    check "$1: vigil status (the installed binary) answers under Yama 3" \
        sh -c "timeout 20 /usr/local/bin/vigil status > /tmp/status.txt 2>&1; [ \$? -le 1 ] && grep -q '^tier ' /tmp/status.txt || { tail -5 /tmp/status.txt; false; }"
    echo "  $1: exec + vigil status round trip: $(( $(now_ms) - t0 )) ms"
    check "$1: exec of the installed vigil binary works" sh -c "timeout 20 /usr/local/bin/vigil --version > /dev/null 2>&1"
    check "$1: a root cat of the config works" sh -c "timeout 20 cat $CF > /dev/null"
    out=$(timeout 20 sh -c "echo '# planted' >> $CF" 2>&1) && fail "$1: a root append to the config was allowed" \
        || ok "$1: a root write open of the (immutable) config is refused by the VFS: $out"
    check "$1: the config is unchanged" sh -c "! grep -q planted $CF"
    before=$(events_of tamper-blocked)
    out=$(timeout 20 sh -c "echo planted >> $RAMFILE" 2>&1) && fail "$1: a root append to the ramfs protected file was allowed" \
        || ok "$1: a root write open of the ramfs protected file (no inode flags) is refused: $out"
    if seen=$(wait_event tamper-blocked "$before"); then ok "$1: tamper-blocked$WHERE after $seen"
    else fail "$1: no tamper-blocked event within 2 s"; fi
    out=$(timeout 20 cat $RAMFILE 2>&1) && fail "$1: a read of the ramfs protected file was allowed (intent unknown, no flags)" \
        || ok "$1: a read of the ramfs protected file is refused too (documented limit: no inode flags): $out"
}
guard_checks "before the attacks"
usleep 1000000
refused "finit_module of an unsigned module" "ERR EPERM" "unsigned module loading is restricted" -- vigil-attack finit-module $MODULE
refused "kexec_load (no segments)" "ERR EPERM" "kexec of unsigned images is restricted" -- vigil-attack kexec-load
refused "kexec_file_load of a kernel whose signature fails" "ERR EPERM" "kexec of unsigned images is restricted" -- vigil-attack kexec-file $KERNEL
refused "open /dev/mem for writing" "ERR EPERM" "/dev/mem,kmem,port is restricted" -- vigil-attack devmem-write
refused "iopl(3)" "ERR EPERM" "raw io port access is restricted" -- vigil-attack iopl
# Each refusal above is an event too (issue 12, the kernel log): kernel-refused naming the
# actor's comm (lockdown lines carry no pid; vigil-attack has exited, so none is named).
kernel_refused() {
    tail -n +$((since + 1)) $LOG | grep '"action":"kernel-refused"' | grep "\"refused\":\"$1\"" | grep -q '"name":"vigil-attack"'
}
for what in "unsigned module loading" "kexec of unsigned images" "/dev/mem,kmem,port" "raw io port access"; do
    i=0
    while ! kernel_refused "$what" && [ $i -lt 20 ]; do usleep 100000; i=$((i + 1)); done
    check "a kernel-refused event (lockdown: $what, process.name vigil-attack)" kernel_refused "$what"
done
out=$(sh -c 'echo none > /sys/kernel/security/lockdown' 2>&1)
check "lockdown cannot be lowered ($out)" grep -q '\[integrity\]' /sys/kernel/security/lockdown
echo "| echo none > /sys/kernel/security/lockdown | refused: ${out:-no error} | stays integrity |" >> $TABLE
check "no false alarm from lockdown (traced, blinded, code-injected) before the ptrace attacks" \
    sh -c "! tail -n +$((since + 1)) $LOG | grep -E '\"action\":\"(blinded|traced|code-injected)\"'"
# Yama scope 3 under tier B: every ptrace-family attack is refused, with Yama's line.
YAMA='ptrace attach of "/usr/local/bin/vigil daemon"'
refused "PTRACE_SEIZE the daemon" "ERR EPERM" "$YAMA" -- vigil-attack ptrace-hold $D 1500
refused "strace -p the daemon" "Operation not permitted" "$YAMA" -- timeout 10 strace -p $D -e trace=none
refused "pidfd_getfd of its fanotify fds (to FAN_MARK_FLUSH them)" "ERR EPERM" "$YAMA" -- vigil-attack pidfd-flush $D
refused "open /proc/PID/mem for writing" "ERR EACCES" "$YAMA" -- vigil-attack mem-write $D
refused "process_vm_writev into the daemon" "ERR EPERM" "$YAMA" -- vigil-attack vm-write $D
# Each Yama refusal is a kernel-refused event too, with the actor's pid as the kernel's
# line gives it and the daemon as the target.
yama_refused() {
    tail -n +$((since + 1)) $LOG | grep '"action":"kernel-refused"' | grep '"source":"yama"' | grep '"pid_source":"kernel"' \
        | grep "\"target_pid\":$D[,}]" | grep -q "\"name\":\"$1\""
}
for who in vigil-attack strace; do
    i=0
    while ! yama_refused $who && [ $i -lt 20 ]; do usleep 100000; i=$((i + 1)); done
    check "a kernel-refused event (Yama: ptrace attach of the daemon by $who, pid from the kernel's line)" yama_refused $who
done
# What the checks above read, for the record: Yama's lines as /dev/kmsg gives them
# (sequence numbers: a gap is a lost record), and the daemon's kernel-refused events.
echo "  Yama's lines (kmsg priority,sequence,time;text):"
timeout 2 cat /dev/kmsg 2>/dev/null | grep "ptrace attach\|report_access" | cut -c1-200 | sed 's/^/  k /'
echo "  kernel-refused (yama) events in phase 2:"
tail -n +$((since + 1)) $LOG | grep '"action":"kernel-refused"' | grep '"source":"yama"' \
    | sed 's/.*"process":{\([^}]*\)}.*"kernel_sequence":\([0-9]*\).*/  process {\1} sequence \2/' | cut -c1-220
usleep 1000000
check "the daemon is alive" kill -0 $D
check "no traced or blinded event: the attacks never got in" sh -c "! tail -n +$((since + 1)) $LOG | grep -E '\"action\":\"(blinded|traced)\"'"
check "EICAR is still denied (the marks still work)" eicar_denied
guard_checks "after the attacks"

# ---- the -i / open / +i race under Yama 3 (issue 12, part B) ----
# A root attacker clears the config's +i, opens it O_WRONLY (may_open() passes: no flag
# at that instant), and sets +i again before the guard reads the flag (vigil-attack
# immutable-race, 4 s). The guard cannot read the opener's intent under Yama 3; it must
# still refuse every such open (no writable descriptor) with a tamper-blocked event that
# says why (the file is open for writing, or its attributes changed since the guard last
# confirmed +i), and an honest `cat` must work again once the race stops.
immutable_race_checks() {
    before_race=$(wc -l < $LOG)
    sum_before=$(sha256sum < $CF)
    ( reads=0; fails=0; end=$(( $(now_ms) + 4000 ))
      while [ "$(now_ms)" -lt $end ]; do
          reads=$((reads + 1)); cat $CF > /dev/null 2>&1 || fails=$((fails + 1)); usleep 10000
      done
      echo "reads=$reads failed=$fails" > /tmp/race-reads ) &
    race_reader=$!
    out=$(timeout 60 vigil-attack immutable-race $CF 4 2>&1)
    rc=$?
    wait $race_reader
    echo "  the race: $out; an honest cat every 10 ms during it: $(cat /tmp/race-reads)"
    if [ $rc -eq 0 ] && echo "$out" | grep -q " writable=0 "; then
        ok "the -i / open(O_WRONLY) / +i race on the config for 4 s: no writable descriptor ($out)"
    else
        fail "the -i / open(O_WRONLY) / +i race on the config got a writable descriptor or failed (exit $rc): $out"
    fi
    echo "| -i / open O_WRONLY / +i race on the config, 4 s | $out | tamper-blocked |" >> $TABLE
    i=0
    while [ $i -lt 20 ]; do
        why=$(tail -n +$((before_race + 1)) $LOG | grep '"action":"tamper-blocked"' | grep -c 'that is open for writing\|attributes changed since the guard last confirmed')
        [ "$why" -gt 0 ] && break
        usleep 100000; i=$((i + 1))
    done
    if [ "$why" -gt 0 ]; then
        ok "the race's refused opens are tamper-blocked events saying why ($why: open for writing, or attributes changed since +i was confirmed)"
        echo "  e.g. $(tail -n +$((before_race + 1)) $LOG | grep '"action":"tamper-blocked"' | grep -m1 'that is open for writing' | grep -o '"message":"[^"]*"')"
    else
        fail "no tamper-blocked event for the race's opens within 2 s"
    fi
    t0=$(now_ms)
    i=0
    while ! timeout 20 cat $CF > /dev/null 2>&1 && [ $i -lt 100 ]; do usleep 10000; i=$((i + 1)); done
    echo "  after the race, the first honest cat of the config passed $(( $(now_ms) - t0 )) ms after the racer ended"
    check "after the race, 20 honest cats of the config in a row work" sh -c "for n in \$(seq 20); do timeout 20 cat $CF > /dev/null || exit 1; done"
    check "after the race, the config is unchanged" sh -c "[ \"\$(sha256sum < $CF)\" = '$sum_before' ]"
    check "after the race, the config is immutable" sh -c "lsattr $CF | cut -d' ' -f1 | grep -q i"
    check "after the race, the daemon is alive" kill -0 $D
}
immutable_race_checks
# The guard no longer tries /proc/TID/syscall under scope 3: each try was a Yama line
# naming the daemon as the one attaching (a false kernel-refused alert, and the kernel's
# rate limit spent on it).
check "no Yama line names the daemon as the one attaching" sh -c "! dmesg | grep -q 'was attempted by \"[^\"]*vigil daemon'"
stopped_within "the final stop, after phase 2's (refused) attacks"

# Issue 12's death hunt, when asked (VIGIL_PHASE2_REPEAT=N, from the outer script's
# environment): N more phase 2 daemons in this boot (Yama 3 and lockdown already on, so
# not the first start's switch), each watched for 10 s after its status, EICAR denied,
# strace -p refused with its event, then stopped.
r=0
while [ $r -lt "${VIGIL_PHASE2_REPEAT:-0}" ]; do
    r=$((r + 1))
    echo "== phase 2 again ($r of $VIGIL_PHASE2_REPEAT)"
    t0=$(now_ms)
    check "again $r: vigil daemon starts" start_daemon || break
    D=$daemon
    echo "  daemon start to status: $(( $(now_ms) - t0 )) ms"
    i=0
    while [ $i -lt 10 ] && kill -0 $D 2>/dev/null; do usleep 1000000; i=$((i + 1)); done
    check "again $r: the daemon is alive 10 s after its status" kill -0 $D
    check "again $r: EICAR is denied" eicar_denied
    TABLE=/tmp/table.again refused "again $r: strace -p the daemon" "Operation not permitted" "$YAMA" -- timeout 10 strace -p $D -e trace=none
    i=0
    while ! yama_refused strace && [ $i -lt 20 ]; do usleep 100000; i=$((i + 1)); done
    check "again $r: a kernel-refused event for strace -p (pid from the kernel's line)" yama_refused strace
    stopped_within "again $r: the stop"
done

# The diagnostics themselves, under Yama 3 and lockdown integrity (a record, not a check:
# it tests the tooling, not Vigil).
backtracer_proof "Yama 3, lockdown integrity"

echo "== control run (options off)"
echo "| attack | result | Tier B event |"
echo "|---|---|---|"
cat $TABLE.control
echo "== with lock_ptrace = true and kernel_lockdown = \"integrity\" (tier B)"
echo "| attack | result | kernel log |"
echo "|---|---|---|"
cat $TABLE
echo "kernel refusals: $passed passed, $failed failed"
[ $failed -eq 0 ]
