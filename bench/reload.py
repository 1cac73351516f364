#!/usr/bin/env python3
"""Reload cost with a large signature set: the daemon's memory and open latency while
`vigil reload` replaces a set of 1 million hashes and 50,000 body signatures.

Usage (root): bench/reload.py VIGIL_BIN [--hashes N] [--bodies N] [--files N] [--deadline-ms MS]

Steps: generate the set (bench/gen-clamdb.py), create N small files on a private tmpfs
(before the daemon marks it, so each first open is a cold scan), start `vigil daemon`
guarding only that tmpfs, sample its VmRSS every 20 ms, open files one after another
and time each open, and after a warm-up send `reload` on the control socket. Prints RSS
before, at peak, and 1, 3 and 10 s after the reload answered; open latency (p50, p99,
max) before and during the reload; and how many opens took longer than the deadline.
Stops the daemon and unmounts the tmpfs whatever happens.
"""
import argparse, json, os, socket, subprocess, sys, tempfile, threading, time

ap = argparse.ArgumentParser()
ap.add_argument("vigil")
ap.add_argument("--hashes", type=int, default=1_000_000)
ap.add_argument("--bodies", type=int, default=50_000)
ap.add_argument("--files", type=int, default=40_000)
ap.add_argument("--deadline-ms", type=int, default=2000)
a = ap.parse_args()
here = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp(prefix="vigil-reload-")
sigs = os.path.join(work, "sigs")
mnt = os.path.join(work, "guarded")
os.makedirs(mnt)
subprocess.run([sys.executable, os.path.join(here, "gen-clamdb.py"), sigs, "--hashes", str(a.hashes), "--bodies", str(a.bodies)], check=True)
subprocess.run(["cp", os.path.join(here, "..", "Signatures", "eicar.yar"), sigs], check=True)
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512m", "tmpfs", mnt], check=True)
daemon = None
try:
    for i in range(a.files):
        with open(os.path.join(mnt, "f%06d.txt" % i), "wb") as f:
            f.write(os.urandom(2048) + b"line %d\n" % i)
    sock = os.path.join(work, "ctl.sock")
    cfg = os.path.join(work, "vigil.toml")
    with open(cfg, "w") as f:
        f.write(f"""[daemon]
control_socket = "{sock}"
state_dir = "{work}/state"
threads = 2
[guard]
paths = ["{mnt}"]
[limits]
deadline_ms = {a.deadline_ms}
[signatures]
paths = ["{sigs}"]
[log]
file = "{work}/events.json"
stdout = false
""")
    t0 = time.monotonic()
    daemon = subprocess.Popen([a.vigil, "daemon", "--config", cfg], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def control(cmd, timeout=900):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(timeout)
        s.connect(sock)
        s.sendall(cmd.encode() + b"\n")
        out = b""
        while True:
            b = s.recv(65536)
            if not b:
                break
            out += b
        s.close()
        return json.loads(out)

    while True:
        if daemon.poll() is not None:
            sys.exit("daemon exited with %s" % daemon.returncode)
        try:
            control("ping", 2)
            break
        except OSError:
            time.sleep(0.05)
    start_s = time.monotonic() - t0

    def rss():
        with open("/proc/%d/status" % daemon.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
        return 0

    samples = []   # (t, MiB)
    stop = threading.Event()
    def sampler():
        while not stop.is_set():
            try:
                samples.append((time.monotonic(), rss()))
            except OSError:
                return
            time.sleep(0.02)
    threading.Thread(target=sampler, daemon=True).start()

    lat = []       # (t, seconds)
    def opener():
        i = 0
        while not stop.is_set() and i < a.files:
            p = os.path.join(mnt, "f%06d.txt" % i)
            t = time.monotonic()
            fd = os.open(p, os.O_RDONLY)
            os.read(fd, 16)
            os.close(fd)
            lat.append((t, time.monotonic() - t))
            i += 1
            time.sleep(0.002)
    ot = threading.Thread(target=opener, daemon=True)
    ot.start()
    time.sleep(3)
    rss_before = rss()
    r0 = time.monotonic()
    reply = control("reload")
    r1 = time.monotonic()
    time.sleep(10.5)
    stop.set()
    ot.join(5)

    def q(xs, p):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(p * len(xs)))] if xs else 0
    before = [d for t, d in lat if t < r0]
    during = [d for t, d in lat if r0 <= t <= r1]
    after = [d for t, d in lat if t > r1]
    peak = max((m for t, m in samples if r0 <= t <= r1 + 1), default=0)
    def at(sec):
        xs = [m for t, m in samples if t >= r1 + sec]
        return xs[0] if xs else None
    over = sum(1 for t, d in lat if d * 1000 > a.deadline_ms)
    print(json.dumps({"reload_ok": reply.get("ok"), "rules": reply.get("rules"), "hash_entries": reply.get("hash_entries"),
                      "daemon_start_s": round(start_s, 2), "reload_s": round(r1 - r0, 2),
                      "rss_mib_before": rss_before, "rss_mib_peak_during_reload": peak,
                      "rss_mib_1s_after": at(1), "rss_mib_3s_after": at(3), "rss_mib_10s_after": at(10),
                      "opens_before": len(before), "opens_during": len(during), "opens_after": len(after),
                      "open_ms_before_p50_p99_max": [round(q(before, .5) * 1e3, 2), round(q(before, .99) * 1e3, 2), round(max(before, default=0) * 1e3, 2)],
                      "open_ms_during_p50_p99_max": [round(q(during, .5) * 1e3, 2), round(q(during, .99) * 1e3, 2), round(max(during, default=0) * 1e3, 2)],
                      "open_ms_after_p50_p99_max": [round(q(after, .5) * 1e3, 2), round(q(after, .99) * 1e3, 2), round(max(after, default=0) * 1e3, 2)],
                      "opens_over_deadline": over, "deadline_ms": a.deadline_ms}, indent=1))
finally:
    if daemon and daemon.poll() is None:
        daemon.terminate()
        try:
            daemon.wait(20)
        except subprocess.TimeoutExpired:
            daemon.kill()
    subprocess.run(["umount", "-l", mnt])
    subprocess.run(["rm", "-rf", work])
