#!/usr/bin/env bash
# Builds the BPF LSM probe (Tests/BPF) and proves it in a QEMU guest running Debian's
# 6.1 kernel: unlink of a protected inode fails with EPERM there, other files go.
# Also runs the probe on the host and prints what happens (our hosts refuse BPF LSM
# loads with EPERM; that is reported, not failed). Exit 0 if the guest test passed.
#   scripts/test-bpf-lsm.sh [qemu-guest.sh options, e.g. --timeout 300 --verbose]
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s%N)
scripts/deps.sh clang llvm libbpf-dev bpftool gcc libc6-dev

# The guest kernel's release and BTF (downloaded and cached on the first run).
eval "$(scripts/qemu-guest.sh --prepare | grep '^VIGIL_GUEST_[A-Z_]*=[^ ]*$')"
out=.build-bpf/$VIGIL_GUEST_KERNEL_RELEASE
mkdir -p "$out"

# vmlinux.h from the guest kernel's BTF, generated once per kernel into its cache
# directory (2.3 MB; never in git).
vmlinux_h=$(dirname "$VIGIL_GUEST_BTF")/vmlinux.h
if [ ! -s "$vmlinux_h" ]; then
    bpftool btf dump file "$VIGIL_GUEST_BTF" format c > "$vmlinux_h.tmp"
    mv "$vmlinux_h.tmp" "$vmlinux_h"
fi

# Debian's clang (not the Swift toolchain's) for the BPF object; bpftool makes the
# skeleton the loader embeds the object with.
/usr/bin/clang -target bpf -D__TARGET_ARCH_x86 -g -O2 -Wall -I"$(dirname "$vmlinux_h")" \
    -c Tests/BPF/probe.bpf.c -o "$out/probe.bpf.o"
bpftool gen skeleton "$out/probe.bpf.o" name probe_bpf > "$out/probe.skel.h"
cc -O2 -g -Wall -Wextra -I"$out" Tests/BPF/probe.c -lbpf -o "$out/vigil-bpf-lsm-probe"
build_ms=$(( ($(date +%s%N) - start) / 1000000 ))

# On the host, in a private mount namespace so that securityfs (for the LSM list) is
# mounted there only. Informational: our hosts answer EPERM.
echo "== host ($(uname -r)):"
unshare --mount --propagation private sh -c \
    'mountpoint -q /sys/kernel/security || mount -t securityfs securityfs /sys/kernel/security; exec "$0"' \
    "$out/vigil-bpf-lsm-probe" || true

echo "== guest ($VIGIL_GUEST_KERNEL_PACKAGE $VIGIL_GUEST_KERNEL_VERSION):"
guest_start=$(date +%s%N)
rc=0
scripts/qemu-guest.sh "$@" \
    --add "$out/vigil-bpf-lsm-probe:/vigil/bin/" --add Tests/BPF/guest-test.sh:/vigil/ \
    -- sh /vigil/guest-test.sh || rc=$?
now=$(date +%s%N)
printf 'test-bpf-lsm: build %d.%ds, guest run %d.%ds, total %d.%ds, exit %d\n' \
    $((build_ms / 1000)) $((build_ms % 1000 / 100)) \
    $(( (now - guest_start) / 1000000000 )) $(( (now - guest_start) / 100000000 % 10 )) \
    $(( (now - start) / 1000000000 )) $(( (now - start) / 100000000 % 10 )) "$rc"
exit "$rc"
