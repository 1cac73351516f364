#!/usr/bin/env python3
# On-demand side by side (README "With the scanning sandbox"): yara -p 2 vs vigil scan (sandbox no/yes), one small file and the
# bench corpus (archives off/on). Interleaved rounds; medians of wall, CPU (all processes),
# peak RSS and PSS summed over the process tree (sampled every 10 ms).
import os, sys, time, subprocess, statistics, random, resource, glob
# Usage: python3 bench/ondemand-compare.py VIGIL_BINARY [ROUNDS] (root; the corpus is the one
# bench/run.sh makes on its tmpfs: BENCH_CORPUS, default /tmp/benchfs/corpus).
V = sys.argv[1]; rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
here = os.path.dirname(os.path.abspath(__file__))
rules = os.environ.get("BENCH_RULES", os.path.join(here, "..", "..", "shared", "bench", "rules")); yars = sorted(glob.glob(rules + "/*.yar"))
corpus = os.environ.get("BENCH_CORPUS", "/tmp/benchfs/corpus")
small = "/tmp/vigil-ondemand-one-file"
with open(small, "w") as f: f.write("hi\n")
def tree(pid):
    out, todo = [], [pid]
    while todo:
        p = todo.pop(); out.append(p)
        try:
            for t in os.listdir(f"/proc/{p}/task"):
                try: todo += [int(x) for x in open(f"/proc/{p}/task/{t}/children").read().split()]
                except OSError: pass
        except OSError: pass
    return out
def mem(p):
    r = s = 0
    try:
        for l in open(f"/proc/{p}/smaps_rollup"):
            if l.startswith("Rss:"): r = int(l.split()[1])
            elif l.startswith("Pss:"): s = int(l.split()[1])
    except OSError: pass
    return r, s
def run(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic(); p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pr = ps = 0
    while p.poll() is None:
        r = s = 0
        for q in tree(p.pid):
            a, b = mem(q); r += a; s += b
        pr, ps = max(pr, r), max(ps, s); time.sleep(0.01)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, pr / 1024, ps / 1024
cases = {
  "one file: yara": ["yara"] + yars + [small],
  "one file: vigil --sandbox=no": [V, "scan", "--sandbox=no", "--rules", rules, "--no-summary", small],
  "one file: vigil (sandbox, default as root)": [V, "scan", "--rules", rules, "--no-summary", small],
  "corpus: yara -r -p 2": ["yara", "-r", "-p", "2"] + yars + [corpus],
  "corpus, --scan-archive=no: vigil --sandbox=no": [V, "scan", "--threads", "2", "--rules", rules, "--no-summary", "-i", "--scan-archive=no", "--sandbox=no", corpus],
  "corpus, --scan-archive=no: vigil (sandbox)": [V, "scan", "--threads", "2", "--rules", rules, "--no-summary", "-i", "--scan-archive=no", corpus],
  "corpus, archives: vigil --sandbox=no": [V, "scan", "--threads", "2", "--rules", rules, "--no-summary", "-i", "--sandbox=no", corpus],
  "corpus, archives: vigil (sandbox)": [V, "scan", "--threads", "2", "--rules", rules, "--no-summary", "-i", corpus],
}
res = {k: [] for k in cases}
for r in range(rounds):
    ks = list(cases); random.shuffle(ks)
    for k in ks: res[k].append(run(cases[k]))
load = open("/proc/loadavg").read().split()[:3]
print(f"{rounds} interleaved rounds, medians; load average at the end {' '.join(load)}")
print("| run | wall ms | CPU ms (all processes) | peak RSS MiB (sum) | peak PSS MiB (sum) |")
print("|---|---|---|---|---|")
for k in cases:
    m = [statistics.median(x[i] for x in res[k]) for i in range(4)]
    print(f"| {k} | {m[0]*1000:.0f} | {m[1]*1000:.0f} | {m[2]:.0f} | {m[3]:.0f} |")
