#!/usr/bin/env bash
# On-demand throughput, interleaved: `yara -r -p N` and `vigil scan --threads N` take
# turns on the same corpus, so drift in a shared VM's CPU speed hits both alike.
#   bash bench/scan-vs-yara.sh [CORPUS] [RULES_DIR] [ROUNDS]
# Defaults: the corpus run-anchors.sh left mounted (KEEP=1), the bench rules, 7 rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-/tmp/benchfs/corpus}
rules=${2:-$(pwd)/../shared/bench/rules}
rounds=${3:-7}
threads=$(nproc)
swift build -c release --product vigil >/dev/null
vigil=$(swift build -c release --show-bin-path)/vigil
yars=$(ls "$rules"/*.yar)
clamrules=$(mktemp -d)
cp "$rules"/*.yar "$rules"/*.hsb "$rules"/*.hdb "$clamrules"/
trap 'rm -rf "$clamrules"' EXIT
declare -A wall user rss
for r in $(seq "$rounds"); do
    for tool in yara vigil vigil_sized; do
        case $tool in
            yara) cmd=(yara -r -p "$threads" $yars "$corpus") ;;
            vigil) cmd=("$vigil" scan --threads "$threads" --rules "$rules" --no-summary --infected-only "$corpus") ;;
            vigil_sized) cmd=("$vigil" scan --threads "$threads" --rules "$clamrules" --no-summary --infected-only "$corpus") ;;
        esac
        /usr/bin/time -o "$clamrules/time.out" -f "%e %U %M" "${cmd[@]}" >/dev/null 2>&1 || true
        read -r w u m < <(tail -1 "$clamrules/time.out")
        wall[$tool]+="$w "; user[$tool]+="$u "; rss[$tool]+="$m "
    done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
files=$(find "$corpus" -type f | wc -l); mib=$(du -sm --apparent-size "$corpus" | cut -f1)
echo "| tool | wall s (median of $rounds, interleaved) | user s | files/s | MiB/s | peak RSS MiB |"
echo "|---|---|---|---|---|---|"
for tool in yara vigil vigil_sized; do
    w=$(median <<<"${wall[$tool]}"); u=$(median <<<"${user[$tool]}"); m=$(median <<<"${rss[$tool]}")
    label=$tool
    [ "$tool" = yara ] && label="yara -r -p $threads (YARA rules only)"
    [ "$tool" = vigil ] && label="vigil scan (YARA + .hdb/.hsb + sha256sum list: SHA-256 of every byte)"
    [ "$tool" = vigil_sized ] && label="vigil scan (YARA + .hdb/.hsb: hashing only for listed sizes)"
    awk -v l="$label" -v w="$w" -v u="$u" -v m="$m" -v f="$files" -v s="$mib" 'BEGIN{printf "| %s | %.2f | %.2f | %.0f | %.0f | %.0f |\n", l, w, u, f/w, s/w, m/1024}'
done
