#!/usr/bin/env bash
# Benchmarks Vigil side by side with the anchors in ../shared/bench (no listener, the
# minimal C fanotify responders, clamonacc/clamd, clamscan, yara -p N) in one run, on
# the same tmpfs corpus, and prints the tables (results in $RESULTS).
#
#   bash bench/run.sh                 # full: ~20 min on 2 cores
#   PROFILE=quick REPS=1 SCAN_REPS=1 bash bench/run.sh    # smoke run
#   bash bench/run.sh onaccess report # steps of ../shared/bench/run-anchors.sh
#
# Root only: it mounts a tmpfs at $BENCH_MNT (default /tmp/benchfs) and marks only that.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
anchors=${ANCHORS:-$here/../shared/bench}
[ -x "$anchors/run-anchors.sh" ] || { echo "bench: $anchors/run-anchors.sh not found (set ANCHORS)" >&2; exit 2; }
scripts/deps.sh yara clamav clamav-daemon clamdscan clamav-testfiles gcc time python3
# VIGIL_BIN: measure another build (an older release, for before/after rows in one
# results dir); PRODUCT_NAME names its rows.
if [ -n "${VIGIL_BIN:-}" ]; then
    bin=$VIGIL_BIN
else
    swift build -c release --product vigil >/dev/null
    bin=$(swift build -c release --show-bin-path)/vigil
fi
# The harness runs the product under bash -c from its own folder: give it a stable path.
# VIGIL_BENCH_DIR: where the measured binary is copied (another bench may be running).
vb=${VIGIL_BENCH_DIR:-/tmp/vigil-bench}
mkdir -p "$vb" && cp "$bin" "$vb/vigil"

export PRODUCT_NAME=${PRODUCT_NAME:-vigil}
# GUARD_SUBFOLDER=1: guard only an empty folder of the bench tmpfs, so every corpus open
# is outside the guarded folders on a marked filesystem (a file server guarding /srv on
# the root filesystem); set PRODUCT_EXPECT_DENY=0 with it. PRODUCT_ENV: environment for
# the daemon (VIGIL_QUICK_PATH=0: every scan in the pool, for an A/B of one build).
if [ "${GUARD_SUBFOLDER:-0}" = 1 ]; then guard='"$BENCH_MNT/guarded-subfolder"'; prep='mkdir -p "$BENCH_MNT/guarded-subfolder" && '; else guard='"$BENCH_MNT"'; prep=''; fi
# VIGIL_BENCH_SOCKET: the daemon's control socket (another bench may be running).
sock=${VIGIL_BENCH_SOCKET:-/run/vigil/ctl.sock}
# YARA_ONLY=1: the daemon gets the bench's .yar files only, not its hash lists (the
# fan_yara floor's exact rules: a sha256sum-style list has no sizes, so with it Vigil
# hashes every file it reads, which the floor does not).
rules='"$BENCH_RULES"'
if [ "${YARA_ONLY:-0}" = 1 ]; then
    prep="${prep}"'rm -rf "$BENCH_WORK/yara-only" && mkdir -p "$BENCH_WORK/yara-only" && cp "$BENCH_RULES"/*.yar "$BENCH_WORK/yara-only/" && '
    rules='"$BENCH_WORK/yara-only"'
fi
# VIGIL_DAEMON_ARGS: more `vigil daemon` flags (--config FILE: a vigil.toml for one row,
# e.g. [scanning] sandbox = "full" beside the default in the same results dir).
export PRODUCT_DAEMON_START="${prep}exec env ${PRODUCT_ENV:-} $vb/vigil daemon --mount $guard --rules $rules"' --log-file "$BENCH_WORK/vigil-events.json"'" --socket $sock ${VIGIL_DAEMON_ARGS:-}"
export PRODUCT_DAEMON_READY="test -S $sock"
# SCAN_ARGS: extra `vigil scan` flags (--scan-archive=no: the same work as yara, which
# does not unpack archives; the default unpacks them, as clamscan does).
export PRODUCT_SCAN="$vb"'/vigil scan --threads "$BENCH_THREADS" --rules "$BENCH_RULES" --no-summary --infected-only '"${SCAN_ARGS:-}"' "$BENCH_TARGET"'
export SCENARIOS=${SCENARIOS:-"baseline fan_allow fan_read fan_yara fan_ignore clamonacc clamonacc_nolimit product"}
export SCANNERS=${SCANNERS:-"cat openssl_sha256 yara_p1 yara_p2 clamscan product"}
export RESULTS=${RESULTS:-/tmp/bench-results/vigil-$(date +%Y%m%d-%H%M%S)}
exec "$anchors/run-anchors.sh" "${@:-all}"
