#!/usr/bin/env bash
# Tier A, end to end: checks that the committed BPF skeletons are what their sources
# generate (scripts/bpf-generate.sh --check), builds the test agent (VigilBPFAgent) and the
# attack helper, shows the host's answer to the load test (ours: unavailable, EPERM),
# then runs Tests/BPF/enforcement/guest-enforcement.sh in a QEMU guest with Debian's 6.1
# kernel: every attack refused with its event, the lease, restart, PID 1, release, and
# open latency with and without the programs. Exit 0 only if everything passed.
#   scripts/test-bpf-enforcement.sh [qemu-guest.sh options, e.g. --timeout 600 --verbose]
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
# The guest's attack tools: chattr (e2fsprogs), prlimit/chrt (util-linux), strace, bpftool.
scripts/deps.sh gcc libc6-dev libbpf-dev bpftool strace e2fsprogs util-linux

bash scripts/bpf-generate.sh --check

swift build --product VigilBPFAgent 2>&1 | grep -E 'error|warning: unre' || true
swift build --product VigilBPFAgent >/dev/null
agent=$(swift build --product VigilBPFAgent --show-bin-path)/VigilBPFAgent
out=.build-bpf/enforcement
mkdir -p "$out"
cc -O2 -Wall -Wextra -Werror Tests/BPF/enforcement/attack.c -lbpf -o "$out/vigil-attack"
cc -O2 -Wall -shared -fPIC Tests/BPF/enforcement/evil.c -o "$out/evil.so"

echo "== host ($(uname -r)): the load test"
unshare --mount --propagation private sh -c \
    'mountpoint -q /sys/kernel/security || mount -t securityfs securityfs /sys/kernel/security; exec "$0" probe' \
    "$agent" || true

echo "== guest"
rc=0
timeout 900 scripts/qemu-guest.sh --timeout 600 --mem 1G "$@" \
    --add "$agent:/vigil/bin/" --add "$out/vigil-attack:/vigil/bin/" --add "$out/evil.so:/vigil/lib/" \
    --add /usr/sbin/bpftool:/vigil/bin/ --add /usr/bin/strace:/vigil/bin/ --add /usr/bin/chattr:/vigil/bin/ \
    --add /usr/bin/prlimit:/vigil/bin/ --add /usr/bin/chrt:/vigil/bin/ \
    --add Tests/BPF/enforcement/guest-enforcement.sh:/vigil/ \
    -- sh /vigil/guest-enforcement.sh || rc=$?
echo "test-bpf-enforcement: $(( $(date +%s) - start )) s in all, exit $rc"
exit "$rc"
