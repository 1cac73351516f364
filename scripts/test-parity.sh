#!/usr/bin/env bash
# Exactly yara's answers: compiles every rule file of Tests/Parity/rules (public sets,
# see SOURCES.md there) with yarac and with Vigil, then runs the real `yara -r` beside
# `vigil scan --json` over a corpus built from this machine's files and crafted ones, and
# compares the (file, rule) pairs (scripts/parity.py). Prints the parity table; fails on
# any difference that is not a documented limit. Usage: scripts/test-parity.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
# clamav-testfiles: real PE, .NET and archive samples for the corpus.
scripts/deps.sh python3 yara clamav-testfiles
bin=$(swift build --show-bin-path)
[ -x "$bin/vigil" ] || swift build --product vigil >/dev/null
work=$(mktemp -d /tmp/vigil-parity-XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 scripts/parity.py "$bin/vigil" Tests/Parity/rules "$work" "$@"
