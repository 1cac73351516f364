#!/usr/bin/env bash
# Archive scanning, measured: unpack-and-scan throughput per format (MiB of members per
# second, bundled rules), and what archive support costs scans of non-archives (the same
# corpus with --scan-archive yes and no; a few byte compares per file are all it adds).
#
#   bash bench/archives.sh            # release build, 3 runs each, best run kept
#   VIGIL_BIN=/path/to/vigil bash bench/archives.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh python3 p7zip-full zstd
if [ -n "${VIGIL_BIN:-}" ]; then bin=$VIGIL_BIN; else
    swift build -c release --product vigil >/dev/null
    bin=$(swift build -c release --show-bin-path)/vigil
fi
reps=${REPS:-3}
work=$(mktemp -d /tmp/vigil-bench-archives-XXXXXX)
trap 'rm -rf "$work"' EXIT
export VIGIL_SIGNATURES=$PWD/Signatures

# Non-archives: executables, libraries and Python sources (no archive among them).
mkdir -p "$work/plain"
cp -r /usr/bin "$work/plain/bin"
cp -r /usr/lib/python3/dist-packages "$work/plain/py" 2>/dev/null || true
find "$work/plain" -type l -delete
# Archives of one payload: Python sources and docs (text), executables (binary).
mkdir -p "$work/payload" "$work/arch"
cp -r /usr/lib/python3/dist-packages "$work/payload/py" 2>/dev/null || true
cp -r /usr/share/doc "$work/payload/doc"
cp -r /usr/sbin "$work/payload/sbin"
find "$work/payload" -type l -delete
find "$work/payload" -name '*.gz' -delete   # members, not nested archives, for the per-format rate
(cd "$work/payload" && tar -cf "$work/arch/p.tar" . \
  && gzip -k -6 "$work/arch/p.tar" && bzip2 -k -9 "$work/arch/p.tar" && xz -k -T2 -6 "$work/arch/p.tar" \
  && zstd -q -k -3 "$work/arch/p.tar" -o "$work/arch/p.tar.zst" \
  && python3 -c "import zipfile,os,sys
z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)
for d,_,fs in os.walk('.'):
    for f in fs: z.write(os.path.join(d,f))" "$work/arch/p.zip" \
  && 7z a -bd -t7z -mx=5 "$work/arch/p.7z" . >/dev/null)
payload=$(du -sb "$work/payload" | cut -f1)

best() { # best wall time of $reps runs of: vigil scan ARGS
    local t best=""
    for _ in $(seq "$reps"); do
        local s=$(date +%s.%N)
        "$bin" scan --json --threads 2 "$@" > "$work/out.json" || true
        t=$(echo "$(date +%s.%N) - $s" | bc)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    done
    echo "$best"
}

echo "payload: $((payload / 1048576)) MiB in $(find "$work/payload" -type f | wc -l) files"
printf '%-10s %10s %10s %12s %10s\n' format size_MiB seconds members MiB/s
for f in "$work"/arch/p.*; do
    t=$(best --max-file-size 0 "$f")
    members=$(tail -1 "$work/out.json" | python3 -c "import json,sys; s=json.load(sys.stdin)['vigil']['scan']; print(s['archive_members'], s['archive_bytes'])")
    set -- $members
    printf '%-10s %10.1f %10.2f %12s %10.1f\n' "${f##*/p.}" "$(echo "$(stat -c %s "$f") / 1048576" | bc -l)" "$t" "$1" \
        "$(echo "$2 / 1048576 / $t" | bc -l)"
done
t_loose=$(best --max-file-size 0 "$work/payload")
printf '%-10s %10s %10.2f %12s %10.1f\n' "(files)" "-" "$t_loose" "-" "$(echo "$payload / 1048576 / $t_loose" | bc -l)"

plain=$(du -sb "$work/plain" | cut -f1)
t_no=$(best --scan-archive no "$work/plain")
t_yes=$(best --scan-archive yes "$work/plain")
echo "non-archives: $((plain / 1048576)) MiB in $(find "$work/plain" -type f | wc -l) files:" \
     "--scan-archive no ${t_no} s, yes ${t_yes} s ($(echo "($t_yes - $t_no) * 100 / $t_no" | bc -l | xargs printf '%+.1f') %)"
