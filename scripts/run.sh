#!/usr/bin/env bash
# Quick start: install what is missing, build Vigil (release), and run it on the
# bundled defaults. With no arguments: a one-filesystem scan of the usual places
# malware lands, with the bundled Signatures. Any arguments are passed to `vigil`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build -c release --product vigil 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]|^Building|^Build|^Compiling|^Write|^\[0/' >&2 || true
bin=$(swift build -c release --show-bin-path)/vigil
[ -x "$bin" ] || { echo "vigil: build failed" >&2; exit 2; }
if [ $# -eq 0 ]; then
    targets=()
    for d in /home /root /srv /opt /tmp /var/tmp /var/www /usr/local/bin; do [ -d "$d" ] && targets+=("$d"); done
    set -- scan --one-file-system --infected-only "${targets[@]}"
fi
exec "$bin" "$@"
