#!/usr/bin/env bash
# The bare Debian 12 root the package test installs into and the workload test runs a
# systemd-nspawn container on: made once by mmdebstrap (network, up to 15 minutes) and
# cached as a tarball in /var/cache/vigil-test. Prints the tarball's path. Root only.
# --systemd: a second root with systemd as its init (scripts/test-systemd.sh boots it).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "debian-root.sh: needs root" >&2; exit 2; }
scripts/deps.sh mmdebstrap >&2
cache=/var/cache/vigil-test
tarball=$cache/bookworm-apt-logrotate.tar
include=logrotate
if [ "${1:-}" = --systemd ]; then
    tarball=$cache/bookworm-apt-systemd.tar
    include=systemd,systemd-sysv,dbus,procps,e2fsprogs
fi
mkdir -p "$cache"
# One maker at a time: a second caller waits for the first one's tarball.
exec 9>"$tarball.lock"
flock 9
if [ ! -s "$tarball" ]; then
    echo "debian-root: making the Debian 12 root tarball (once; cached in $tarball)" >&2
    timeout 900 mmdebstrap --quiet --format=tar --variant=apt --include=$include --skip=cleanup/apt/lists \
        bookworm "$tarball.tmp" http://deb.debian.org/debian >&2
    mv "$tarball.tmp" "$tarball"
fi
echo "$tarball"
