#!/bin/sh
# Runs inside the QEMU guest (scripts/test-bpf-lsm.sh puts it there): loads the probe's
# BPF LSM program, shows that unlink of the protected inodes fails with EPERM on ext4
# (/scratch) and tmpfs (/tmp) while other files go, and that they go once the program
# is detached. Ends with "N passed, N failed"; exit 0 only if nothing failed.
probe=/vigil/bin/vigil-bpf-lsm-probe
results=/tmp/bpf-lsm-results

check() {   # check NAME COMMAND...: one test line, recorded in $results
    name=$1
    shift
    if "$@"; then echo "ok - $name"; echo ok >> $results; else echo "FAIL - $name"; echo fail >> $results; fi
}
refused() {   # rm PATH must fail with EPERM and leave the file
    out=$(rm "$1" 2>&1) && { echo "  rm $1 succeeded"; return 1; }
    echo "  rm $1: $out"
    case $out in *"Operation not permitted"*) ;; *) return 1 ;; esac
    [ -e "$1" ]
}
removed() { rm "$1" && [ ! -e "$1" ]; }

if [ "${1:-}" = attached ]; then   # the probe runs this while its program is attached
    for d in /scratch /tmp; do
        check "$d/protected: unlink refused (EPERM)" refused $d/protected
        check "$d/other: unlink allowed" removed $d/other
    done
    check "/scratch/alias (hard link to the protected inode): unlink refused" refused /scratch/alias
    check "/scratch/protected: still there" test -f /scratch/protected
    exit 0
fi

echo "kernel $(uname -r), active LSMs: $(cat /sys/kernel/security/lsm)"
: > $results
check "bpf is an active LSM" grep -qw bpf /sys/kernel/security/lsm
check "probe loads and attaches" $probe
for d in /scratch /tmp; do
    echo keep > $d/protected
    echo drop > $d/other
done
ln /scratch/protected /scratch/alias
$probe --deny-unlink /scratch/protected --deny-unlink /tmp/protected -- sh "$0" attached > /tmp/probe.out 2>&1
rc=$?
cat /tmp/probe.out
check "probe ran the command while attached (exit $rc)" test $rc -eq 0 -a "$(grep -c '^ok - ' /tmp/probe.out)" -eq 6
check "program counted 3 refusals" grep -qx 'bpf-lsm: refused 3 unlink(s)' /tmp/probe.out
for f in /scratch/protected /scratch/alias /tmp/protected; do
    check "$f: removable after detach" removed $f
done
passed=$(grep -c '^ok$' $results)
failed=$(grep -c '^fail$' $results)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
