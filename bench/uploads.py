#!/usr/bin/env python3
"""Upload-folder benchmark: time from the writer's close() to Vigil's verdict, and
sustained uploads per second. Root only; everything happens on a private tmpfs.

    python3 bench/uploads.py [--vigil PATH] [--rules DIR]

The verdict time is the daemon's own wall clock when it has judged the file
(`vigil_upload.verdict_unix_ns` in its event log); the close time is taken by the
writer right after close(2). Both are CLOCK_REALTIME on the same machine.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, threading, time

def pct(values, p):
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * p / 100.0
    f = int(k)
    c = min(f + 1, len(v) - 1)
    return v[f] + (v[c] - v[f]) * (k - f)

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--vigil", default="/tmp/vigil-bench/vigil")
    ap.add_argument("--rules", default=os.path.join(here, "..", "..", "shared", "bench", "rules"))
    ap.add_argument("--count", type=int, default=200, help="uploads per size")
    ap.add_argument("--sustained", type=int, default=2000, help="uploads in the throughput run")
    a = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("uploads.py: run as root (fanotify)")
    work = tempfile.mkdtemp(prefix="vigil-upbench-")
    mnt = os.path.join(work, "fs")
    os.makedirs(mnt)
    subprocess.check_call(["mount", "-t", "tmpfs", "-o", "size=2g", "tmpfs", mnt])
    up = os.path.join(mnt, "uploads")
    os.makedirs(up)
    log = os.path.join(work, "events.json")
    sock = os.path.join(work, "ctl.sock")
    cfg = os.path.join(work, "vigil.toml")
    with open(cfg, "w") as f:
        f.write(f'''[daemon]
control_socket = "{sock}"
[guard]
paths = ["{mnt}"]
[signatures]
paths = ["{os.path.abspath(a.rules)}"]
[log]
file = "{log}"
stdout = false
rate_limit_seconds = 0
[[uploads]]
folder = "{up}"
action = "quarantine"
''')
    d = subprocess.Popen([a.vigil, "daemon", "--config", cfg], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            if os.path.exists(sock):
                break
            time.sleep(0.05)
        else:
            sys.exit("daemon did not start")
        closes = {}

        def upload(path, data):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.write(fd, data)
            os.close(fd)
            closes[path] = time.time_ns()

        def verdicts(expected, timeout=120):
            deadline = time.time() + timeout
            seen = {}
            while time.time() < deadline:
                with open(log) as f:
                    for line in f:
                        try:
                            o = json.loads(line)
                        except ValueError:
                            continue
                        u = o.get("vigil_upload")
                        if u:
                            seen[o["file"]["path"]] = u["verdict_unix_ns"]
                if all(p in seen for p in expected):
                    return seen
                time.sleep(0.05)
            return seen

        sizes = [("1 KiB", 1 << 10), ("64 KiB", 64 << 10), ("1 MiB", 1 << 20), ("10 MiB", 10 << 20)]
        rows = []
        for label, size in sizes:
            n = a.count if size <= (1 << 20) else max(20, a.count // 5)
            blob = os.urandom(size)
            paths = []
            for i in range(n):
                p = os.path.join(up, f"lat-{size}-{i}.bin")
                upload(p, blob[:-8] + i.to_bytes(8, "little"))
                paths.append(p)
                time.sleep(0.002)  # one at a time: latency, not queueing
            seen = verdicts(paths)
            lat = [(seen[p] - closes[p]) / 1000.0 for p in paths if p in seen]
            rows.append((label, len(lat), pct(lat, 50), pct(lat, 99), max(lat) if lat else float("nan")))

        blob = os.urandom(4096)
        paths = [os.path.join(up, f"sus-{i}.bin") for i in range(a.sustained)]
        start = time.time_ns()
        def writer(k):
            for i in range(k, a.sustained, 4):
                upload(paths[i], blob[:-8] + i.to_bytes(8, "little"))
        ts = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
        for t in ts: t.start()
        for t in ts: t.join()
        seen = verdicts(paths)
        end = max(seen[p] for p in paths if p in seen)
        rate = len([p for p in paths if p in seen]) / ((end - start) / 1e9)

        print("| upload size | uploads | close→verdict p50 µs | p99 µs | max µs |")
        print("|---|---|---|---|---|")
        for label, n, p50, p99, mx in rows:
            print(f"| {label} | {n} | {p50:,.0f} | {p99:,.0f} | {mx:,.0f} |")
        print()
        print(f"Sustained: {len([p for p in paths if p in seen])} uploads of 4 KiB from 4 writers in {(end-start)/1e9:.2f} s = **{rate:,.0f} uploads/s** (every one scanned, hashed and typed).")
    finally:
        d.terminate()
        d.wait(timeout=30)
        subprocess.call(["umount", "-l", mnt])
        subprocess.call(["rm", "-rf", work])

if __name__ == "__main__":
    main()
