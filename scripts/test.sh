#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite against the real
# kernel and libraries, then the package test (scripts/test-package.sh). Must run as
# root (fanotify, mounts, chattr). The suite runs in a private mount namespace, so every
# tmpfs a test mounts vanishes with it.
set -euo pipefail
cd "$(dirname "$0")/.."
# clamav: hash lists are checked against clamscan; p7zip-full, zstd, genisoimage, cpio
# build the archive fixtures at test time (nothing binary is checked in); curl,
# prometheus (prometheus + promtool) and libcurl's headers: metrics, exporter, notifications.
# systemd-container: the workload test runs a real systemd-nspawn container.
scripts/deps.sh gcc libc6-dev python3 strace clamav p7zip-full zstd genisoimage cpio curl prometheus libcurl4-openssl-dev systemd-container
swift build --build-tests 2>&1 | grep -E 'error|warning: unre|Build complete' || true
swift build --build-tests >/dev/null   # fail here, loudly, if the build failed
# The module graph keeps its arrows: no cycle, nothing points up, OnAccess and
# Protection apart (the compiler enforces imports; this keeps Package.swift honest).
bash scripts/module-graph.sh >/dev/null
# A test that crashes cannot stop the daemons it started (they guard only the test's own
# tmpfs, but would live on): whatever the outcome, stop every daemon the suite started.
# Only this run's: they live in the suite's mount namespace (another engineer's run on the
# same host has its own, and its daemons are not ours to stop).
SUITE_NS_FILE=$(mktemp /tmp/vigil-suite-ns.XXXXXX)
cleanup() {
    local ns pids p
    ns=$(cat "$SUITE_NS_FILE" 2>/dev/null || true)
    rm -f "$SUITE_NS_FILE"
    [ -n "$ns" ] || return 0
    for sig in TERM KILL; do
        pids=""
        for p in $(pgrep -f "vigil (daemon|watchdog) --config /tmp/vigil-" 2>/dev/null || true); do
            [ "$(readlink "/proc/$p/ns/mnt" 2>/dev/null)" = "$ns" ] && pids="$pids $p"
        done
        [ -n "$pids" ] || return 0
        kill -"$sig" $pids 2>/dev/null || true
        [ "$sig" = KILL ] || sleep 1
    done
}
trap cleanup EXIT
if [ "$(id -u)" -eq 0 ] && unshare --mount --propagation private true 2>/dev/null; then
    # The Debian 12 root (cached tarball) the workload test boots a container on and the
    # package test installs into: required for a full run, best effort for a filtered one.
    if [ $# -eq 0 ]; then
        VIGIL_TEST_DEBIAN_ROOT=$(bash scripts/debian-root.sh)
    else
        VIGIL_TEST_DEBIAN_ROOT=$(bash scripts/debian-root.sh 2>/dev/null) || VIGIL_TEST_DEBIAN_ROOT=""
    fi
    export VIGIL_TEST_DEBIAN_ROOT
    unshare --mount --propagation private -- bash -c 'readlink /proc/self/ns/mnt >"$0"; exec swift test --skip-build "$@"' "$SUITE_NS_FILE" "$@"
    # Tier A (BPF LSM) in a QEMU guest with Debian's 6.1 kernel (our hosts refuse BPF LSM
    # loads): the library's attack list, then `vigil install` + `vigil daemon` attacked
    # the same way (about 4 minutes; VIGIL_SKIP_BPF_TEST=1 skips it while iterating).
    if [ $# -eq 0 ] && [ -z "${VIGIL_SKIP_BPF_TEST:-}" ]; then
        bash scripts/test-bpf-enforcement.sh
        # Tier B with the kernel's own refusals in a guest without BPF LSM: the attacks
        # work with [protection] lock_ptrace/kernel_lockdown off and lockdown refuses its
        # share with them on (about 2 minutes).
        bash scripts/test-kernel-refusals.sh
    fi
    # The package as an admin installs it: a .deb in a bare Debian 12 chroot on one
    # filesystem (VIGIL_SKIP_PACKAGE_TEST=1 skips it while iterating on the Swift suite).
    if [ $# -eq 0 ] && [ -z "${VIGIL_SKIP_PACKAGE_TEST:-}" ]; then
        bash scripts/test-package.sh
        built_deb=dist/vigil_$(sed -n 's/.*current = "\(.*\)".*/\1/p' Sources/VigilEvents/Version.swift)_$(dpkg --print-architecture).deb
    fi
    # The installed package's units under real systemd as PID 1 (systemd-nspawn --boot):
    # READY=1, kill -9 of both processes, SIGSTOP until WatchdogSec, a clean stop, the
    # canary unit, OnFailure's alarm (under a minute once its Debian root is cached; VIGIL_SKIP_SYSTEMD_TEST=1 skips it).
    # It reuses the package the package test just built, else builds one.
    if [ $# -eq 0 ] && [ -z "${VIGIL_SKIP_SYSTEMD_TEST:-}" ]; then
        if [ -n "${built_deb:-}" ] && [ -s "$built_deb" ]; then
            bash scripts/test-systemd.sh "$built_deb"
        else
            bash scripts/test-systemd.sh
        fi
    fi
    # yara beside Vigil on thousands of public rules (VIGIL_SKIP_PARITY=1 skips it).
    if [ $# -eq 0 ] && [ -z "${VIGIL_SKIP_PARITY:-}" ]; then
        bash scripts/test-parity.sh
    fi
    exit 0
fi
echo "vigil: not root or no mount namespaces: kernel and package tests will be skipped" >&2
swift test --skip-build "$@"
