#!/usr/bin/env bash
# What an opener waits for a denial: fresh copies of EICAR (a new inode each, so no cached
# verdict) opened one after another under a running daemon, with the scanning sandbox on
# (the default) and off; p50, p90 and max of open() in µs, per build, builds interleaved.
#
#   bash bench/denies.sh                              # this tree's release build
#   BINS="/tmp/old/vigil /tmp/new/vigil" ROUNDS=5 bash bench/denies.sh
#
# Root only: everything runs in a private mount namespace on its own tmpfs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh gcc
if [ -z "${BINS:-}" ]; then
    swift build -c release --product vigil >/dev/null
    BINS=$(swift build -c release --show-bin-path)/vigil
fi
rounds=${ROUNDS:-3}; files=${FILES:-60}
work=$(mktemp -d /tmp/vigil-bench-denies-XXXXXX)
trap 'rm -rf "$work"' EXIT
# The probe: open() of each listed path, timed alone (a denied open returns EPERM at once).
cat > "$work/probe.c" <<'EOF'
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e6 + t.tv_nsec / 1e3; }
int main(int argc, char **argv) {
    FILE *l = fopen(argv[1], "r"); char p[4096];
    while (fgets(p, sizeof p, l)) {
        p[strcspn(p, "\n")] = 0;
        double t = now(); int fd = open(p, O_RDONLY); double d = now() - t;
        if (fd >= 0) { close(fd); fprintf(stderr, "allowed: %s\n", p); }
        printf("%.1f\n", d);
    }
    return 0;
}
EOF
gcc -O2 -o "$work/probe" "$work/probe.c"
eicar='X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'
run() {   # run BIN SANDBOX
    unshare --mount --propagation private --pid --fork --kill-child --mount-proc bash -s "$1" "$2" "$work" "$files" "$eicar" <<'EOS'
set -eu
bin=$1 sandbox=$2 work=$3 files=$4 eicar=$5
mnt=$work/mnt; mkdir -p "$mnt"; mount -t tmpfs bench "$mnt"; mkdir -p "$mnt/g" "$mnt/rules"
echo 'rule bench_eicar { strings: $a = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE" condition: $a }' > "$mnt/rules/eicar.yar"
printf '[scanning]\nsandbox = %s\n' "$sandbox" > "$mnt/vigil.toml"
for i in $(seq "$files"); do printf '%s' "$eicar" > "$mnt/g/eicar-$i.com"; done
ls "$mnt"/g/eicar-* > "$mnt/list"
"$bin" daemon --config "$mnt/vigil.toml" --mount "$mnt/g" --rules "$mnt/rules" --socket "$mnt/ctl.sock" \
    --log-file "$mnt/events.json" > "$mnt/daemon.log" 2>&1 &
for _ in $(seq 300); do [ -S "$mnt/ctl.sock" ] && break; sleep 0.1; done
[ -S "$mnt/ctl.sock" ] || { echo "daemon did not start: $(tail -3 "$mnt/daemon.log")" >&2; exit 1; }
sleep 1
timeout 120 "$work/probe" "$mnt/list" | sort -n | awk '{a[NR]=$1} END {printf "p50 %.0f  p90 %.0f  max %.0f", a[int(NR*0.5)], a[int(NR*0.9)], a[NR]}'
EOS
}
printf '%-40s %-8s %s\n' build sandbox "open() of a denied file, µs ($files files)"
for r in $(seq "$rounds"); do
    for b in $BINS; do
        for s in true false; do printf '%-40s %-8s %s\n' "$b" "$s" "$(run "$b" "$s")"; done
    done
done
