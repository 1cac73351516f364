#!/usr/bin/env bash
# Tier A, end to end: checks that the committed BPF skeletons are what their sources
# generate (scripts/bpf-generate.sh --check), builds the test agent (VigilBPFAgent) and the
# attack helper, shows the host's answer to the load test (ours: unavailable, EPERM),
# then runs Tests/BPF/enforcement/guest-enforcement.sh in a QEMU guest with Debian's 6.1
# kernel: every attack refused with its event, the lease, restart, PID 1, release, and
# open latency with and without the programs; then Tests/BPF/enforcement/guest-daemon.sh:
# `vigil install` and `vigil daemon` in the same guest, attacked with ordinary tools, each
# refusal in the daemon's own event log; then Tests/BPF/enforcement/guest-hardened-boot.sh
# in two boots of their own (lockdown=integrity, lockdown=confidentiality on the kernel
# command line, Yama 3 before Vigil's first start). Exit 0 only if everything passed.
#   scripts/test-bpf-enforcement.sh [qemu-guest.sh options, e.g. --timeout 600 --verbose]
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
# The guest's attack tools: chattr (e2fsprogs), prlimit/chrt (util-linux), strace, bpftool.
scripts/deps.sh gcc libc6-dev libbpf-dev bpftool strace e2fsprogs util-linux

bash scripts/bpf-generate.sh --check

for product in VigilBPFAgent vigil; do
    swift build --product $product 2>&1 | grep -E 'error|warning: unre' || true
    swift build --product $product >/dev/null
done
bin=$(swift build --product VigilBPFAgent --show-bin-path)
agent=$bin/VigilBPFAgent
out=.build-bpf/enforcement
mkdir -p "$out"
# The daemon as the guest installs it, without its debug info (the initramfs lives in
# the guest's memory).
strip -o "$out/vigil" "$bin/vigil"
cc -O2 -Wall -Wextra -Werror Tests/BPF/enforcement/attack.c -lbpf -o "$out/vigil-attack"
cc -O2 -Wall -shared -fPIC Tests/BPF/enforcement/evil.c -o "$out/evil.so"

echo "== host ($(uname -r)): the load test"
unshare --mount --propagation private sh -c \
    'mountpoint -q /sys/kernel/security || mount -t securityfs securityfs /sys/kernel/security; exec "$0" probe' \
    "$agent" || true

echo "== guest"
rc=0
timeout 900 scripts/qemu-guest.sh --timeout 600 --mem 2G "$@" \
    --add "$agent:/vigil/bin/" --add "$out/vigil-attack:/vigil/bin/" --add "$out/evil.so:/vigil/lib/" \
    --add /usr/sbin/bpftool:/vigil/bin/ --add /usr/bin/strace:/vigil/bin/ --add /usr/bin/chattr:/vigil/bin/ \
    --add /usr/bin/prlimit:/vigil/bin/ --add /usr/bin/chrt:/vigil/bin/ \
    --add "$out/vigil:/vigil/bin/" --add Signatures:/vigil/Signatures --add Systemd:/vigil/Systemd \
    --add /usr/lib/file/magic.mgc:/usr/share/misc/ \
    --add Tests/BPF/enforcement/guest-lib.sh:/vigil/ --add Tests/BPF/enforcement/guest-enforcement.sh:/vigil/ --add Tests/BPF/enforcement/guest-daemon.sh:/vigil/ \
    -- sh -c 'sh /vigil/guest-enforcement.sh; a=$?; sh /vigil/guest-daemon.sh; b=$?; [ $a -eq 0 ] && [ $b -eq 0 ]' || rc=$?

# A host hardened before Vigil's first start: lockdown on the kernel command line, Yama 3
# set before `vigil install` (as sysctl.d does), then the first daemon loads the whole BPF
# object fresh (no pins). One boot per lockdown level: integrity (tier A must load and
# enforce) and confidentiality (higher than the config's integrity: never lowered; tier A
# must load or the daemon must say which refusal stopped it and run tier B).
for level in integrity confidentiality; do
    echo "== guest, hardened at boot: lockdown=$level"
    t=$(date +%s)
    hrc=0
    timeout 600 scripts/qemu-guest.sh --timeout 420 --mem 2G "$@" --append "lockdown=$level" \
        --add "$out/vigil:/vigil/bin/" --add "$out/vigil-attack:/vigil/bin/" --add /usr/sbin/bpftool:/vigil/bin/ \
        --add Signatures:/vigil/Signatures --add Systemd:/vigil/Systemd --add /usr/lib/file/magic.mgc:/usr/share/misc/ \
        --add Tests/BPF/enforcement/guest-lib.sh:/vigil/ --add Tests/BPF/enforcement/guest-hardened-boot.sh:/vigil/ \
        -- sh /vigil/guest-hardened-boot.sh || hrc=$?
    echo "hardened boot (lockdown=$level): exit $hrc, $(( $(date +%s) - t )) s"
    [ $hrc -eq 0 ] || rc=$hrc
done
echo "test-bpf-enforcement: $(( $(date +%s) - start )) s in all, exit $rc"
exit "$rc"
