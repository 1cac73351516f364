#!/usr/bin/env bash
# Prints Vigil's module graph as Package.swift declares it (the compiler refuses any
# import not declared there), and fails when it breaks the house rules:
#   - no cycle;
#   - every arrow points down the layers below (a module may use its own layer's
#     siblings, never a module above it);
#   - VigilOnAccess and VigilProtection never reach each other (the daemon composes them);
#   - VigilOnAccess never reaches VigilBPF (Tier A belongs to self-protection).
#
#   bash scripts/module-graph.sh          # the graph, then "ok" or what is wrong
#   bash scripts/module-graph.sh --dot    # Graphviz dot
set -euo pipefail
cd "$(dirname "$0")/.."
swift package dump-package 2>/dev/null | python3 -c '
import json, sys
dot = "--dot" in sys.argv[1:]
layers = {"CLinux": 0, "CSeccomp": 0, "CYara": 0, "CMagic": 0, "CCrypto": 0, "CArchive": 0, "CCurl": 0, "CZlib": 0,
          "CHyperscan": 0, "CPrefilter": 0, "CVigilBPF": 0,
          "VigilArchive": 1, "VigilSystem": 1, "VigilMetrics": 1, "VigilHTTP": 1, "VigilPrefilter": 1, "VigilClamDB": 1, "VigilBPF": 1,
          "VigilShipping": 2, "VigilNotify": 2, "VigilEvents": 2, "VigilConfig": 2, "VigilEngine": 3, "VigilInsight": 3,
          "VigilQuarantine": 4, "VigilScan": 4, "VigilUpdate": 4, "VigilOnAccess": 5, "VigilProtection": 5,
          "VigilDaemon": 6, "vigil": 7}
never = [("VigilOnAccess", "VigilProtection"), ("VigilProtection", "VigilOnAccess"),
         # BPF LSM enforcement is self-protection: the permission path never loads programs.
         ("VigilOnAccess", "VigilBPF")]
pkg = json.load(sys.stdin)
graph = {}
for t in pkg["targets"]:
    if t["type"] not in ("regular", "executable", "system") or t["name"] not in layers:
        continue
    deps = []
    for d in t["dependencies"]:
        for kind in ("byName", "target"):
            if kind in d and d[kind][0] in layers:
                deps.append(d[kind][0])
    graph[t["name"]] = deps
order = sorted(graph, key=lambda n: (-layers[n], n))
if dot:
    print("digraph vigil {\n  rankdir=BT;")
    for n in order:
        for d in graph[n]:
            print("  %s -> %s;" % (n, d))
    print("}")
    sys.exit(0)
for n in order:
    arrows = ", ".join(graph[n]) or "-"
    print(f"{n:16} -> {arrows}")
problems = []
for n, deps in graph.items():
    for d in deps:
        if layers[d] > layers[n]:
            problems.append(f"{n} -> {d} points up the layers")
def reaches(a, b, seen=()):
    return any(d == b or (d not in seen and reaches(d, b, seen + (d,))) for d in graph.get(a, []))
for a, b in never:
    if reaches(a, b):
        problems.append(f"{a} reaches {b}")
for n in graph:
    if reaches(n, n):
        problems.append(f"{n} is on a cycle")
missing = [n for n in layers if n not in graph]
if missing:
    problems.append("not in Package.swift: " + ", ".join(missing))
if problems:
    print("\n".join("module graph: " + p for p in problems), file=sys.stderr)
    sys.exit(1)
print("ok: no cycle, every arrow points down, VigilOnAccess and VigilProtection do not reach each other, VigilOnAccess does not reach VigilBPF")
' "$@"
