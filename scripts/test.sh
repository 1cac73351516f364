#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite against the real
# kernel and libraries. Must run as root (fanotify, mounts, chattr). The suite runs in
# a private mount namespace, so every tmpfs a test mounts vanishes with it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build --build-tests 2>&1 | grep -E 'error|warning: unre|Build complete' || true
swift build --build-tests >/dev/null   # fail here, loudly, if the build failed
if [ "$(id -u)" -eq 0 ] && unshare --mount --propagation private true 2>/dev/null; then
    exec unshare --mount --propagation private -- swift test --skip-build "$@"
fi
echo "vigil: not root or no mount namespaces: kernel tests will be skipped" >&2
exec swift test --skip-build "$@"
