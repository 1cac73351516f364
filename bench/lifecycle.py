#!/usr/bin/env python3
"""Signature lifecycle costs with a large generated set: load time and memory, and the
time of `vigil rules update` (over a real loopback HTTP server) and `vigil rules rollback`.

Usage: bench/lifecycle.py VIGIL_BIN [--hashes N] [--bodies N] [--reps N]

Steps: generate the set (bench/gen-clamdb.py: one .cvd with N hashes and N body
signatures) next to eicar.yar; `vigil rules check` on it under /usr/bin/time (wall time,
the load time the check reports, peak RSS); sign a small bundle (version 1) and the large
set (version 2) with a fresh key; serve both with Tests/Fixtures/bundle_server.py on
127.0.0.1; then per repetition, on a fresh store: update to 1, update to 2 (every step's
duration from the --json events), rollback to 1. Prints one JSON object. Uses only its
own temporary folder; no daemon is involved (reload cost: bench/reload.py).
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("vigil")
ap.add_argument("--hashes", type=int, default=1_000_000)
ap.add_argument("--bodies", type=int, default=50_000)
ap.add_argument("--reps", type=int, default=3)
a = ap.parse_args()
here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)
work = tempfile.mkdtemp(prefix="vigil-lifecycle-")
server = None


def run(args, **kw):
    t = time.monotonic()
    r = subprocess.run(args, capture_output=True, text=True, **kw)
    return r, time.monotonic() - t


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else None


try:
    big = os.path.join(work, "big")
    small = os.path.join(work, "small")
    subprocess.run([sys.executable, os.path.join(here, "gen-clamdb.py"), big, "--hashes", str(a.hashes), "--bodies", str(a.bodies)],
                   check=True, stdout=subprocess.DEVNULL)
    os.makedirs(small)
    for f in ["eicar.yar", "eicar.hdb"]:
        shutil.copy(os.path.join(repo, "Signatures", f), small)
    shutil.copy(os.path.join(repo, "Signatures", "eicar.yar"), big)
    cvd_bytes = os.path.getsize(os.path.join(big, "big.cvd"))

    # Load: one process that loads the whole set and exits.
    loads = []
    for _ in range(a.reps):
        r, wall = run(["/usr/bin/time", "-f", "MAXRSS_KB %M", a.vigil, "rules", "check", big])
        if r.returncode not in (0, 1):
            sys.exit("rules check failed: " + r.stderr)
        ms = re.search(r"loaded in ([0-9.]+) ms", r.stdout)
        rss = re.search(r"MAXRSS_KB (\d+)", r.stderr)
        loads.append({"wall_s": round(wall, 2), "load_ms": float(ms.group(1)) if ms else None,
                      "max_rss_mib": int(rss.group(1)) // 1024 if rss else None})
    check_line = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
    skipped = [l for l in r.stderr.splitlines() if l.startswith("skipped:")]

    key = os.path.join(work, "k")
    subprocess.run([a.vigil, "rules", "keygen", key], check=True, stdout=subprocess.DEVNULL)
    web = os.path.join(work, "web")
    os.makedirs(web)
    _, sign_small = run([a.vigil, "rules", "sign", "--key", key, "--version", "1", small, os.path.join(web, "b1")], check=True)
    _, sign_big = run([a.vigil, "rules", "sign", "--key", key, "--version", "2", big, os.path.join(web, "b2")], check=True)

    server = subprocess.Popen([sys.executable, os.path.join(repo, "Tests", "Fixtures", "bundle_server.py"), web],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(server.stdout.readline().split()[1])
    url = "http://127.0.0.1:%d" % port

    def steps(stdout):
        out = {}
        for line in stdout.splitlines():
            e = json.loads(line)
            d = e.get("event", {}).get("duration")
            if d is not None:
                out[e["vigil"]["step"]] = round(d / 1e9, 3)
        return out

    reps = []
    for i in range(a.reps):
        store = os.path.join(work, "store%d" % i)
        base = [a.vigil, "rules", "update", "--key", key + ".pub", "--store", store, "--no-reload", "--json"]
        r1, t1 = run(base + ["--source", url + "/b1"])
        r2, t2 = run(base + ["--source", url + "/b2"])
        rb, tb = run([a.vigil, "rules", "rollback", "--store", store, "--key", key + ".pub", "--no-reload", "--json"])
        if r1.returncode or r2.returncode or rb.returncode:
            sys.exit("update/rollback failed:\n%s\n%s\n%s" % (r1.stderr, r2.stderr, rb.stderr))
        reps.append({"update_small_s": round(t1, 2), "update_large_s": round(t2, 2), "rollback_s": round(tb, 2),
                     "update_large_steps_s": steps(r2.stdout), "rollback_steps_s": steps(rb.stdout)})

    print(json.dumps({
        "hashes": a.hashes, "bodies": a.bodies, "cvd_bytes": cvd_bytes,
        "rules_check": check_line, "skipped": skipped,
        "load_runs": loads,
        "load_ms_median": median([l["load_ms"] for l in loads if l["load_ms"] is not None]),
        "load_max_rss_mib_median": median([l["max_rss_mib"] for l in loads if l["max_rss_mib"] is not None]),
        "sign_small_s": round(sign_small, 2), "sign_large_s": round(sign_big, 2),
        "reps": reps,
        "update_small_s_median": median([x["update_small_s"] for x in reps]),
        "update_large_s_median": median([x["update_large_s"] for x in reps]),
        "rollback_s_median": median([x["rollback_s"] for x in reps]),
    }, indent=1))
finally:
    if server and server.poll() is None:
        server.kill()
        server.wait()
    shutil.rmtree(work, ignore_errors=True)
