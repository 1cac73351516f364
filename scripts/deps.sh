#!/usr/bin/env bash
# Installs the Debian packages Vigil builds, runs and tests with. Idempotent, and
# silent when everything is already there. Usage: scripts/deps.sh [extra packages...]
set -euo pipefail
# libhyperscan-dev: Intel's Hyperscan 5.4.0 for the literal prefilter. Bookworm also has
# libvectorscan-dev (the portable fork, 5.4.9), but it misses matches on AVX-512 machines
# (`-\w+\t` in a 100-byte buffer: no match); the two conflict, so Vectorscan is removed.
# libbpf-dev: the Tier A loader (the BPF skeletons are committed: no clang to build).
# libseccomp-dev: the scan workers' system-call filter.
# yara (the CLI): tests compare Vigil's matches and warnings with it.
packages=(pkg-config libyara-dev libhyperscan-dev libarchive-dev libmagic-dev libmagic-mgc libssl-dev libsqlite3-dev sqlite3 libcurl4-openssl-dev zlib1g-dev libbpf-dev libseccomp-dev util-linux e2fsprogs yara "$@")
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "vigil: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
if dpkg-query -W -f='${Status}' libvectorscan5 2>/dev/null | grep -q "install ok installed"; then
    $sudo apt-get remove -y -qq libvectorscan-dev libvectorscan5 >/dev/null
fi
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
