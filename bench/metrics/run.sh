#!/usr/bin/env bash
# Cost of recording a metric sample (the permission path's share of metrics), -O build.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
swiftc -O -wmo -module-name VigilMetricsBench Sources/VigilMetrics/Primitives.swift Sources/VigilMetrics/VigilMetrics.swift \
    Sources/VigilMetrics/Exposition.swift bench/metrics/main.swift -o "$out/bench"
"$out/bench"
