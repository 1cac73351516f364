#!/usr/bin/env bash
# Runs a command as root inside a throw-away QEMU guest that boots Debian 12's own
# Linux 6.1 kernel (linux-image-6.1.0-*-amd64), where BPF LSM programs load. For tests
# that the host kernel refuses (ours lists `bpf` in its LSMs but answers EPERM to every
# BPF LSM load).
#
#   scripts/qemu-guest.sh [options] -- COMMAND [ARG...]
#
#   --mem SIZE            guest memory (default 1G)
#   --timeout SECONDS     hard limit on the whole guest run, boot included (default 240)
#   --add HOST[:GUEST]    copy a file or directory into the guest (default GUEST: the
#                         host's absolute path; a GUEST ending in / is a directory to put
#                         it in). ELF files bring the shared libraries ldd names for them.
#                         Repeatable. /vigil/bin is first on the guest's PATH.
#   --scratch-size SIZE   size of the ext4 scratch disk mounted at /scratch (default 512M)
#   --append ARGS         extra kernel command line (e.g. "lsm=...")
#   --verbose             show the kernel's boot log
#   --prepare             only download/build the cached kernel and base image, print
#                         VIGIL_GUEST_* facts (kernel release, BTF file) and exit
#
# COMMAND runs in / with stdin from /dev/null, as root (pid 1 is the harness's init,
# which sends a signal on request: `echo "TERM $pid" > /run/vigil-init-kill`)
# with these mounted: /proc, /sys, devtmpfs /dev (+ /dev/pts, /dev/shm), tmpfs /tmp,
# securityfs /sys/kernel/security, bpffs /sys/fs/bpf, debugfs /sys/kernel/debug,
# tracefs /sys/kernel/tracing, cgroup2 /sys/fs/cgroup, and a fresh ext4 disk at
# /scratch (/dev/vda). The rest of the root is an initramfs (rootfs): busybox, the
# --add'ed files and their libraries. The guest's console streams to stdout; the
# script exits with COMMAND's exit status (124 if the guest hit --timeout, 125 if it
# died without reporting one, e.g. a kernel panic).
#
# Everything is plain TCG emulation (-accel tcg -cpu max -smp 2; no KVM here). The
# first run downloads the kernel package with `apt-get download` and unpacks it with
# dpkg-deb -x into /var/cache/vigil-test (VIGIL_TEST_CACHE), never into the host's
# /boot; later runs reuse it and do not touch the network. VIGIL_GUEST_KERNEL=PACKAGE
# picks another linux-image package. Measured on the 2-core CI machine with
# linux-image-6.1.0-56-amd64 (6.1.192-2): see README "Tests in a QEMU guest".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${VIGIL_TEST_CACHE:-/var/cache/vigil-test}

mem=1G timeout_s=240 scratch_size=512M append="" verbose=0 prepare_only=0
adds=()
die() { echo "qemu-guest: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case $1 in
        --mem) mem=${2:?}; shift 2 ;;
        --timeout) timeout_s=${2:?}; shift 2 ;;
        --add) adds+=("${2:?}"); shift 2 ;;
        --scratch-size) scratch_size=${2:?}; shift 2 ;;
        --append) append="$append ${2:?}"; shift 2 ;;
        --verbose) verbose=1; shift ;;
        --prepare) prepare_only=1; shift ;;
        --) shift; break ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option $1 (the command goes after --)" ;;
    esac
done
[ "$(id -u)" -eq 0 ] || die "must run as root (apt, the cache in $cache)"
[ $prepare_only -eq 1 ] || [ $# -gt 0 ] || die "no command given: $0 [options] -- COMMAND..."
[[ $timeout_s =~ ^[0-9]+$ ]] || die "--timeout takes whole seconds"

# Host tools: qemu, a static busybox for the guest, cpio, kmod (depmod/modprobe to
# resolve module dependencies), xz (the kernel image), binutils (objcopy for BTF),
# e2fsprogs (the scratch disk). Quiet and idempotent.
"$here/deps.sh" qemu-system-x86 busybox-static cpio kmod xz-utils binutils e2fsprogs util-linux

mkdir -p "$cache"
exec 9>"$cache/.lock"
timeout 900 flock 9 || die "could not lock $cache/.lock"

# ---- the kernel -------------------------------------------------------------------
# Which package: VIGIL_GUEST_KERNEL, else the one this cache already has, else what
# Debian 12's linux-image-amd64 depends on (the newest 6.1 ABI in the archive).
apt_ready() { apt-cache show "$1" >/dev/null 2>&1; }
pick_kernel() {
    if [ -n "${VIGIL_GUEST_KERNEL:-}" ]; then echo "$VIGIL_GUEST_KERNEL"; return; fi
    if [ -s "$cache/kernel-package" ]; then cat "$cache/kernel-package"; return; fi
    apt_ready linux-image-amd64 || timeout 600 apt-get update -qq >/dev/null
    local p
    p=$(apt-cache depends linux-image-amd64 2>/dev/null |
        sed -n 's/^ *Depends: \(linux-image-6\.1\.0-[0-9]*-amd64\)$/\1/p' | head -1)
    [ -n "$p" ] || p=$(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-amd64$' |
        cut -d' ' -f1 | sort -V | tail -1)
    [ -n "$p" ] || die "no linux-image-6.1.0-*-amd64 package in the apt lists"
    echo "$p"
}
kpkg=$(pick_kernel)
kdir=$cache/$kpkg
# Modules the guest needs from the package (everything else it uses is built in):
# virtio disk + ext4 for /scratch, loop for tests that make their own file systems.
modules=(virtio_pci virtio_blk crc32c_generic ext4 loop)
if [ ! -s "$kdir/ready" ]; then
    echo "qemu-guest: preparing $kpkg in $kdir (first run only)" >&2
    apt_ready "$kpkg" || timeout 600 apt-get update -qq >/dev/null
    tmp=$(mktemp -d "$cache/.prep.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && timeout 900 apt-get download -qq -o APT::Sandbox::User=root "$kpkg") >/dev/null ||
        die "apt-get download $kpkg failed"
    deb=$(ls "$tmp"/*.deb)
    dpkg-deb -x "$deb" "$tmp/root"
    kver=$(ls "$tmp/root/lib/modules")
    mkdir "$tmp/k" "$tmp/k/modules"
    cp "$tmp/root/boot/vmlinuz-$kver" "$tmp/k/vmlinuz"
    cp "$tmp/root/boot/config-$kver" "$tmp/k/config"
    echo "$kver" > "$tmp/k/release"
    dpkg-deb -f "$deb" Version > "$tmp/k/version"
    # Module load order, dependencies and soft dependencies (ext4 needs crc32c) first.
    depmod -b "$tmp/root" "$kver"
    for m in "${modules[@]}"; do
        modprobe -d "$tmp/root" -S "$kver" --show-depends "$m"
    done | awk '$1 == "insmod" && !seen[$2]++ { print $2 }' | while read -r ko; do
        cp "$ko" "$tmp/k/modules/"
        basename "$ko" >> "$tmp/k/modules/load-order"
    done
    # The kernel's BTF (for vmlinux.h / CO-RE): unpack the ELF vmlinux from the bzImage
    # (like the kernel's scripts/extract-vmlinux: try each xz stream start) and keep
    # only its .BTF section; `bpftool btf dump file vmlinux.btf format c` reads it.
    for off in $(LC_ALL=C grep -abo $'\xfd7zXZ' "$tmp/k/vmlinuz" | cut -d: -f1); do
        tail -c +$((off + 1)) "$tmp/k/vmlinuz" | xz -dcq > "$tmp/vmlinux" 2>/dev/null || true
        objcopy -O binary --only-section=.BTF "$tmp/vmlinux" "$tmp/k/vmlinux.btf" 2>/dev/null &&
            [ -s "$tmp/k/vmlinux.btf" ] && break
    done
    [ -s "$tmp/k/vmlinux.btf" ] || die "no .BTF section found in $kpkg's vmlinuz"
    echo ok > "$tmp/k/ready"
    rm -rf "$kdir"
    mv "$tmp/k" "$kdir"
    rm -rf "$tmp"
    trap - EXIT
    echo "$kpkg" > "$cache/kernel-package.new" && mv "$cache/kernel-package.new" "$cache/kernel-package"
fi
kver=$(cat "$kdir/release")

# ---- the base initramfs: busybox, modules, /init ----------------------------------
# One uncompressed newc archive (TCG is slow at decompressing); each run appends a
# second archive with its own files, and the kernel unpacks both.
init_script=$(cat <<'EOF'
#!/bin/sh
export PATH=/vigil/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t securityfs securityfs /sys/kernel/security
mount -t bpf bpf /sys/fs/bpf
mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing
mount -t cgroup2 cgroup2 /sys/fs/cgroup
while read -r ko; do
    insmod "/lib/modules/vigil/$ko" 2>/dev/null || case $ko in
        crc32c-intel.ko) ;;   # needs SSE4.2; crc32c_generic is the fallback
        *) echo "vigil-init: insmod $ko failed" ;;
    esac
done < /lib/modules/vigil/load-order
i=0
while [ ! -b /dev/vda ] && [ $i -lt 100 ]; do usleep 50000; i=$((i + 1)); done
mount -t ext4 -o noinit_itable /dev/vda /scratch || echo "vigil-init: no /scratch"
hostname vigil-guest
cd /
read -r up _ < /proc/uptime
echo "VIGIL-GUEST-START kernel=$(uname -r) uptime=${up}s"
# The command runs in the background while PID 1 serves one request: a line "SIGNAL PID"
# written to /run/vigil-init-kill makes PID 1 itself send that signal (tests of what only
# init may do) and log "SIGNAL PID STATUS" to /run/vigil-init-kill.log.
mkdir -p /run
mkfifo /run/vigil-init-kill
{ sh /vigil/cmd < /dev/null; echo "exit $?" > /run/vigil-init-kill; } &
while true; do
    read -r sig pid < /run/vigil-init-kill || continue
    [ "$sig" = exit ] && { rc=$pid; break; }
    kill -"$sig" "$pid" 2>> /run/vigil-init-kill.log
    echo "$sig $pid $?" >> /run/vigil-init-kill.log
done
sync
umount /scratch 2>/dev/null
echo "VIGIL-GUEST-EXIT=$rc"
poweroff -f
EOF
)
bb=$(command -v busybox)
base_key=$( { echo "$kpkg $(cat "$kdir/version")"; dpkg-query -W busybox-static; echo "$init_script"; } |
    sha256sum | cut -c1-16)
base=$cache/base-$base_key.cpio
if [ ! -s "$base" ]; then
    tmp=$(mktemp -d "$cache/.base.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    r=$tmp/root
    mkdir -p "$r"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,root,scratch,etc,vigil/bin,lib/modules/vigil}
    cp "$bb" "$r/bin/busybox"
    "$bb" --list-full | while read -r app; do
        [ -e "$r/$app" ] || ln -s /bin/busybox "$r/$app"
    done
    cp "$kdir/modules/"* "$r/lib/modules/vigil/"
    printf '%s\n' "$init_script" > "$r/init"
    chmod 755 "$r/init"
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$r/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' > "$r/etc/group"
    printf '127.0.0.1 localhost vigil-guest\n' > "$r/etc/hosts"
    mknod -m 600 "$r/dev/console" c 5 1
    mknod -m 666 "$r/dev/null" c 1 3
    (cd "$r" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) > "$tmp/base.cpio"
    rm -f "$cache"/base-*.cpio
    mv "$tmp/base.cpio" "$base"
    rm -rf "$tmp"
    trap - EXIT
fi
if [ $prepare_only -eq 1 ]; then
    echo "VIGIL_GUEST_KERNEL_PACKAGE=$kpkg"
    echo "VIGIL_GUEST_KERNEL_VERSION=$(cat "$kdir/version")"
    echo "VIGIL_GUEST_KERNEL_RELEASE=$kver"
    echo "VIGIL_GUEST_VMLINUZ=$kdir/vmlinuz"
    echo "VIGIL_GUEST_CONFIG=$kdir/config"
    echo "VIGIL_GUEST_BTF=$kdir/vmlinux.btf"
    echo "VIGIL_GUEST_BASE=$base"
    exit 0
fi

# ---- this run: its files, the command, a scratch disk --------------------------------
run=$(mktemp -d "${TMPDIR:-/tmp}/vigil-qemu.XXXXXX")
trap 'rm -rf "$run"' EXIT
stage=$run/stage
mkdir -p "$stage/vigil"

is_elf() { [ -f "$1" ] && [ "$(head -c 4 "$1" 2>/dev/null | od -An -c | tr -d ' ')" = "177ELF" ]; }
add_libs() {   # the libraries (and loader) ldd names for one ELF file, at their host paths
    local lib
    for lib in $(ldd "$1" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
        [ -e "$stage$lib" ] && continue
        mkdir -p "$stage$(dirname "$lib")"
        cp -L "$lib" "$stage$lib"
    done
}
for spec in "${adds[@]}"; do
    src=${spec%%:*}
    dst=${spec#*:}
    [ "$dst" != "$spec" ] || dst=""
    [ -e "$src" ] || die "--add $src: no such file or directory"
    src=$(realpath "$src")
    [ -n "$dst" ] || dst=$src
    case $dst in /*) ;; *) die "--add $spec: the guest path must be absolute" ;; esac
    case $dst in */) dst=$dst$(basename "$src") ;; esac
    mkdir -p "$stage$(dirname "$dst")"
    cp -a -L "$src" "$stage$dst"   # directories whole; symlinks followed
    while IFS= read -r -d '' f; do
        is_elf "$f" && add_libs "$f"
    done < <(find "$stage$dst" -type f -perm -u+x -print0; find "$stage$dst" -type f -name '*.so*' -print0)
done
# The command, quoted for sh one word at a time.
{
    for a in "$@"; do printf "'%s' " "${a//\'/\'\\\'\'}"; done
    echo
} > "$stage/vigil/cmd"
(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) > "$run/run.cpio"
cat "$base" "$run/run.cpio" > "$run/initrd"
exec 9>&-   # done with the cache (a concurrent run may now replace an outdated base)
truncate -s "$scratch_size" "$run/scratch.img"
mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 -L scratch "$run/scratch.img"

# Kernel command line. Debian's CONFIG_LSM already lists bpf (after apparmor), so BPF
# LSM is active without lsm=; --append can change that. mitigations=off and tsc=reliable
# save seconds under TCG; panic=-1 plus -no-reboot make a panic end qemu at once.
cmdline="console=ttyS0 rdinit=/init panic=-1 mitigations=off tsc=reliable 8250.nr_uarts=1"
[ $verbose -eq 1 ] || cmdline="$cmdline quiet loglevel=4"
cmdline="$cmdline$append"

log=$run/console.log
start=$(date +%s%N)
set +e
timeout -k 10 "$timeout_s" qemu-system-x86_64 \
    -accel tcg -cpu max -smp 2 -m "$mem" \
    -nodefaults -no-reboot -display none -monitor none \
    -chardev stdio,id=con,signal=off -serial chardev:con \
    -kernel "$kdir/vmlinuz" -initrd "$run/initrd" -append "$cmdline" \
    -drive file="$run/scratch.img",if=virtio,format=raw,cache=unsafe \
    < /dev/null 2>&1 | sed -u 's/\r$//' | tee "$log"
qemu_rc=${PIPESTATUS[0]}
set -e
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
boot=$(sed -n 's/^VIGIL-GUEST-START .*uptime=\([0-9.]*\)s$/\1/p' "$log" | tail -1)
rc=$(sed -n 's/^VIGIL-GUEST-EXIT=\([0-9]*\)$/\1/p' "$log" | tail -1)
if [ -n "$rc" ]; then
    printf 'qemu-guest: %s, booted in %ss (guest uptime), command exit %s, %d.%01ds in all\n' \
        "$kver" "${boot:-?}" "$rc" $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100)) >&2
    exit "$rc"
fi
if [ "$qemu_rc" -eq 124 ] || [ "$qemu_rc" -eq 137 ]; then
    echo "qemu-guest: the guest did not finish within ${timeout_s}s: killed" >&2
    exit 124
fi
echo "qemu-guest: the guest ended without reporting an exit status (qemu exit $qemu_rc)" >&2
exit 125
