#!/usr/bin/env bash
# Tier B with the kernel's own refusals (issue 12): a QEMU guest boots Debian's 6.1 kernel
# without BPF LSM (lsm=lockdown,capability,landlock,yama, as Ubuntu- and RHEL-like hosts
# run), installs Vigil, and Tests/BPF/enforcement/guest-kernel-refusals.sh attacks the
# daemon as root: with [protection] lock_ptrace and kernel_lockdown off every attack works
# (Tier B detection fires where it has one); with both on, every module, kexec, /dev/mem
# and ioport attack is refused by lockdown integrity and every ptrace-family attack by
# Yama scope 3, each with the kernel's own log line, while the tamper guard (which cannot
# read an opener's intent under Yama 3) keeps answering opens of Vigil's own files.
# Never touches the host's Yama or lockdown. Exit 0 only if everything passed.
#   scripts/test-kernel-refusals.sh [qemu-guest.sh options, e.g. --verbose]
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
# The guest's attack tools: strace, lsattr (is the config still +i after the race); gcc and libbpf for vigil-attack (shared with Tier A).
scripts/deps.sh gcc libc6-dev libbpf-dev strace

swift build --product vigil 2>&1 | grep -E 'error|warning: unre' || true
swift build --product vigil >/dev/null
bin=$(swift build --product vigil --show-bin-path)
out=.build-bpf/kernel-refusals
mkdir -p "$out"
strip -o "$out/vigil" "$bin/vigil"
cc -O2 -Wall -Wextra -Werror Tests/BPF/enforcement/attack.c -lbpf -o "$out/vigil-attack"

# The guest kernel's own files: an unsigned copy of a module it ships (loop.ko without its
# appended signature: [module][signature][12-byte struct module_signature, big-endian
# length last][the 28-byte marker]), and its bzImage with one byte of the PE signature's
# last 256 bytes flipped, so that signature verification fails.
eval "$(scripts/qemu-guest.sh --prepare | grep '^VIGIL_GUEST_')"
kdir=$(dirname "$VIGIL_GUEST_VMLINUZ")
ko=$kdir/modules/loop.ko
[ "$(tail -c 28 "$ko")" = "~Module signature appended~" ] || { echo "test-kernel-refusals: $ko carries no signature" >&2; exit 1; }
size=$(stat -c %s "$ko")
siglen=$(tail -c 32 "$ko" | head -c 4 | od -An -tu1 | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
head -c $((size - 28 - 12 - siglen)) "$ko" > "$out/loop-unsigned.ko"
python3 - "$VIGIL_GUEST_VMLINUZ" "$out/vmlinuz-badsig" <<'PY'
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
pe = struct.unpack_from("<I", data, 0x3C)[0]
magic = struct.unpack_from("<H", data, pe + 24)[0]
dirs = pe + 24 + (112 if magic == 0x20B else 96)
off, size = struct.unpack_from("<II", data, dirs + 4 * 8)   # data directory 4: the certificate table
assert off and size, "the kernel image carries no PE signature"
data[off + size - 64] ^= 0xFF
open(sys.argv[2], "wb").write(data)
PY

# The Swift runtime's backtracer, for the guest script's backtracer_proof (the daemons run
# without it, see there; a daemon's crash is named by the kernel's fatal-signal line,
# symbolicated below).
bt=$(dirname "$(readlink -f "$(command -v swift)")")/../libexec/swift/linux/swift-backtrace-static
backtracer=()
[ -x "$bt" ] && backtracer=(--add "$bt:/vigil/bin/swift-backtrace")

# VIGIL_PHASE2_REPEAT=N: N more phase 2 daemon starts in the same boot (issue 12's hunt
# for a phase 2 daemon that died on its own); about 2 minutes each under TCG.
repeat=${VIGIL_PHASE2_REPEAT:-0}
set +e
timeout $((780 + repeat * 180)) scripts/qemu-guest.sh --timeout $((600 + repeat * 180)) --mem 2G --append "lsm=lockdown,capability,landlock,yama" "$@" \
    --add "$out/vigil-attack:/vigil/bin/" --add /usr/bin/strace:/vigil/bin/ --add /usr/bin/lsattr:/vigil/bin/ \
    --add "$out/loop-unsigned.ko:/vigil/lib/" --add "$out/vmlinuz-badsig:/vigil/lib/" \
    --add "$out/vigil:/vigil/bin/" "${backtracer[@]}" --add Signatures:/vigil/Signatures --add Systemd:/vigil/Systemd \
    --add /usr/lib/file/magic.mgc:/usr/share/misc/ \
    --add Tests/BPF/enforcement/guest-lib.sh:/vigil/ --add Tests/BPF/enforcement/guest-kernel-refusals.sh:/vigil/ \
    -- env VIGIL_PHASE2_REPEAT="$repeat" sh /vigil/guest-kernel-refusals.sh 2>&1 | tee "$out/console.log"
rc=${PIPESTATUS[0]}
set -e
# A daemon that crashed in the guest printed addresses in a stripped binary: name them.
python3 scripts/symbolicate-crash.py "$out/console.log" "$bin/vigil" || true
echo "test-kernel-refusals: $(( $(date +%s) - start )) s in all, exit $rc"
exit "$rc"
