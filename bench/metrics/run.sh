#!/usr/bin/env bash
# Cost of recording a metric sample (the permission path's share of metrics), release
# build: VigilMetrics.swift (the series the permission path records into) and main.swift
# in a scratch package beside swift-prometheus, as the daemon links them.
#
#   bash bench/metrics/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/Sources/VigilMetricsBench"
cp Sources/VigilMetrics/VigilMetrics.swift bench/metrics/main.swift "$out/Sources/VigilMetricsBench/"
version=$(sed -n 's|.*swift-server/swift-prometheus", from: "\([0-9.]*\)".*|\1|p' Package.swift)
cat > "$out/Package.swift" <<PKG
// swift-tools-version:6.0
import PackageDescription
let package = Package(name: "VigilMetricsBench",
    dependencies: [.package(url: "https://github.com/swift-server/swift-prometheus", from: "$version")],
    targets: [.executableTarget(name: "VigilMetricsBench", dependencies: [.product(name: "Prometheus", package: "swift-prometheus")])],
    // main.swift shares its globals with C thread entry points, as the original swiftc -O bench did.
    swiftLanguageModes: [.v5])
PKG
swift build -c release --package-path "$out" >/dev/null
"$out/.build/release/VigilMetricsBench"
