#!/usr/bin/env bash
# vigil.service under real systemd as PID 1: the .deb installed into a Debian 12 root
# with systemd (scripts/debian-root.sh --systemd), on its own tmpfs, booted with
# `systemd-nspawn --boot --register=no` in a private mount namespace. The container's /
# is that tmpfs: Vigil's files and the guarded folders are one filesystem, as on a
# server, and every fanotify mark lands on it (never on a host mount). Inside, a oneshot
# unit runs Tests/Systemd/pid1-test.sh after vigil.service and powers the container off:
# READY through Type=notify, EICAR denied, kill -9 of watchdog and daemon in one call,
# SIGSTOP until WatchdogSec, a clean systemctl stop, the canary unit, OnFailure's alarm.
# Every step is bounded (the container by `timeout`, each step inside by its own).
#
# Usage: scripts/test-systemd.sh [DEB]   (root; builds the package unless given one)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != "--inside" ]; then
    [ "$(id -u)" -eq 0 ] || { echo "test-systemd.sh: needs root (mounts, nspawn)" >&2; exit 2; }
    scripts/deps.sh systemd-container
    tarball=$(bash scripts/debian-root.sh --systemd)
    deb=${1:-}
    if [ -z "$deb" ]; then
        echo "test-systemd: building the package"
        deb=$(timeout 1800 bash scripts/package.sh | tail -1)
    fi
    work=$(mktemp -d /tmp/vigil-systemd.XXXXXX)
    trap 'rm -rf "$work"' EXIT
    # --mount-proc: nspawn reads /proc/PID of the container it started, by its pid here.
    timeout 1200 unshare --mount --propagation private --pid --fork --kill-child --mount-proc \
        bash "$0" --inside "$tarball" "$work" "$(realpath "$deb")"
    exit $?
fi

tarball=$2 work=$3 deb=$4
R=$work/root
mkdir -p "$R"
mount -t tmpfs -o size=3g,mode=0755 tmpfs "$R"
tar -C "$R" -xf "$tarball"
cp /etc/resolv.conf "$R/etc/resolv.conf"
cp "$deb" "$R/tmp/"

echo "test-systemd: installing $(basename "$deb") into the Debian 12 root (systemd not running: nothing starts yet)"
mount -t proc proc "$R/proc"
mount --bind /dev "$R/dev"
timeout 300 chroot "$R" apt-get -qq update >/dev/null 2>&1 || true
if ! timeout 600 chroot "$R" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/$(basename "$deb")" > "$work/apt.log" 2>&1; then
    echo "test-systemd: FAIL: apt-get install: $(tail -20 "$work/apt.log")"
    exit 1
fi
umount "$R/dev" "$R/proc"
# What a fresh install on a booted system does (postinst enables it when systemd runs).
timeout 60 chroot "$R" systemctl enable vigil.service vigil-canary.service >/dev/null 2>&1
# Enforce mode (the package installs audit mode), before the first start seals the config.
# The guarded folder is /srv alone, on a tmpfs of its own that nspawn mounts for the
# container (--tmpfs=/srv): the filesystem mark lands there and nowhere else, and PID 1's
# own opens (unit files, the journal) never wait on a stopped daemon.
sed -i -e 's/^mode = "audit"/mode = "enforce"/' \
    -e 's|^paths = \["/home", "/srv", "/tmp", "/var/tmp"\]|paths = ["/srv"]|' \
    -e 's|^canary_paths = \[[^]]*\]|canary_paths = ["/srv/.vigil-canary"]|' "$R/etc/vigil/vigil.toml"
grep -q '^paths = \["/srv"\]' "$R/etc/vigil/vigil.toml" && grep -q '^canary_paths = \["/srv/.vigil-canary"\]' "$R/etc/vigil/vigil.toml" ||
    { echo "test-systemd: FAIL: could not set [guard] paths / canary_paths in the installed vigil.toml"; grep -nE '^(paths|canary_paths) ' "$R/etc/vigil/vigil.toml"; exit 1; }
# A short WatchdogSec for the SIGSTOP step (the shipped 30 s would only make it slower).
mkdir -p "$R/etc/systemd/system/vigil.service.d"
printf '[Service]\nWatchdogSec=6s\n' > "$R/etc/systemd/system/vigil.service.d/test-watchdog.conf"
install -m 0755 Tests/Systemd/pid1-test.sh "$R/usr/local/sbin/vigil-pid1-test"
cat > "$R/etc/systemd/system/vigil-pid1-test.service" <<'UNIT'
[Unit]
Description=Vigil under systemd as PID 1: the test, then power off
After=vigil.service
[Service]
Type=oneshot
# Bounded: past this systemd stops it, and ExecStopPost powers off all the same.
TimeoutStartSec=300
ExecStart=/bin/sh -c 'exec /usr/local/sbin/vigil-pid1-test > /root/pid1-test.out 2>&1'
ExecStopPost=/bin/systemctl poweroff --no-block
StandardOutput=journal+console
[Install]
WantedBy=multi-user.target
UNIT
timeout 60 chroot "$R" systemctl enable vigil-pid1-test.service >/dev/null 2>&1
# The container has no network and no getty to wait for.
timeout 60 chroot "$R" systemctl mask console-getty.service getty@.service systemd-networkd-wait-online.service >/dev/null 2>&1 || true

# The scope machined would make (no systemd runs as this host's PID 1, so no machined):
# nspawn --keep-unit runs the container in the cgroup it was started in, which must look
# like a unit, in the cgroup2 hierarchy and in name=systemd's (hybrid hosts).
scope=machine.slice/machine-vigilpid1-$$.scope
cgroups=$(awk '$3 == "cgroup2" || ($3 == "cgroup" && $4 ~ /name=systemd/) {print $2}' /proc/mounts)
for h in $cgroups; do
    mkdir -p "$h/$scope"
    echo $$ > "$h/$scope/cgroup.procs"
done

# nspawn keeps CAP_SYS_ADMIN in the container but its seccomp allowlist refuses (EPERM)
# the system calls an on-access scanner is made of: fanotify_init and fanotify_mark
# ("fanotify needs root" at start), the file handles of the tamper guard's events, and
# Landlock (the scan workers refuse to run unconfined). Added to the allowlist, nothing
# else: the rest of nspawn's filter stays as a container on a server would have it.
daemon_syscalls="fanotify_init fanotify_mark name_to_handle_at open_by_handle_at landlock_create_ruleset landlock_add_rule landlock_restrict_self"

# The kernel log as on a host (nspawn gives a container no CAP_SYSLOG, and no /dev/kmsg of
# its own): the unit lets the daemon read the kernel's refusals there (ProtectKernelLogs=no).
echo "test-systemd: booting it (systemd-nspawn --boot --register=no --keep-unit, 420 s at most)"
start=$(date +%s)
rc=0
timeout --signal=KILL 420 systemd-nspawn --quiet --boot --register=no --keep-unit --directory="$R" \
    --tmpfs=/srv:mode=0755 "--system-call-filter=$daemon_syscalls" --capability=CAP_SYSLOG --bind-ro=/dev/kmsg --console=pipe < /dev/null > "$work/console.log" 2>&1 || rc=$?
for h in $cgroups; do
    echo $$ > "$h/cgroup.procs"
    find "$h/$scope" -depth -type d -exec rmdir {} + 2>/dev/null || true
done
echo "test-systemd: the container ran $(( $(date +%s) - start )) s, exit $rc"
result=$R/root/pid1-result.txt
if [ ! -s "$result" ]; then
    echo "test-systemd: FAIL: the test inside left no result; the console's end:"
    tail -40 "$work/console.log"
    tail -60 "$R/root/pid1-test.out" 2>/dev/null || true
    exit 1
fi
cat "$R/root/pid1-test.out" 2>/dev/null || cat "$result"
passed=$(grep -c '^ok - ' "$result" || true)
failed=$(grep -c '^FAIL - ' "$result" || true)
done_line=$(grep -c '^done$' "$result" || true)
echo "test-systemd: $passed passed, $failed failed"
if [ "$failed" -ne 0 ] || [ "$done_line" -ne 1 ]; then
    exit 1
fi
