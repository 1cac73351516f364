#!/usr/bin/env python3
"""Generates a large ClamAV database set for load-time and memory measurements.

Usage: gen-clamdb.py OUT_DIR [--hashes N] [--bodies N] [--seed S]

Writes OUT_DIR/big.cvd: a real ClamAV container (512-byte header with the MD5 of the
gzipped tar, as sigtool makes it) holding big.hdb (MD5 hashes), big.hsb (SHA-256 hashes,
a quarter of N), big.ndb (body signatures of every translatable shape: wildcards, nibbles,
jumps, alternatives, offsets, target types), big.ldb (logical signatures Vigil skips and
counts), big.fp (an allowlist) and big.info (sizes and SHA-256 of the others).
Deterministic for a seed, so runs compare.
"""
import argparse, gzip, hashlib, io, os, random, tarfile, time

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--hashes", type=int, default=1_000_000)
    ap.add_argument("--bodies", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=15)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    n_sha = a.hashes // 4
    n_md5 = a.hashes - n_sha
    hdb = io.StringIO()
    for i in range(n_md5):
        hdb.write("%032x:%d:Vigil.Test.Gen.MD5-%d\n" % (rnd.getrandbits(128), rnd.randint(1, 5_000_000), i))
    hsb = io.StringIO()
    for i in range(n_sha):
        hsb.write("%064x:%d:Vigil.Test.Gen.SHA256-%d\n" % (rnd.getrandbits(256), rnd.randint(1, 5_000_000), i))
    ndb = io.StringIO()
    shapes = 0
    def hx(n):
        return "".join("%02x" % rnd.getrandbits(8) for _ in range(n))
    for i in range(a.bodies):
        k = i % 10
        if k == 0:   sig, tgt, off = hx(8) + "??" + hx(6), 0, "*"
        elif k == 1: sig, tgt, off = hx(6) + "{4-12}" + hx(6), 1, "EP+0,64"
        elif k == 2: sig, tgt, off = hx(5) + "(%s|%s)" % (hx(2), hx(3)) + hx(5), 0, "*"
        elif k == 3: sig, tgt, off = hx(6) + "*" + hx(6), 6, "*"
        elif k == 4: sig, tgt, off = hx(4) + "a?" + hx(4) + "?b" + hx(4), 0, "0"
        elif k == 5: sig, tgt, off = hx(10), 1, "S1+0,256"
        elif k == 6: sig, tgt, off = hx(6) + "{-20}" + hx(6), 0, "EOF-512,512"
        elif k == 7: sig, tgt, off = hx(12), 10, "*"
        elif k == 8: sig, tgt, off = hx(7) + "[2-4]" + hx(5), 0, "100,400"
        else:        sig, tgt, off = hx(8), 3, "*"      # HTML: rejected and counted
        ndb.write("Vigil.Test.Gen.Body-%d:%d:%s:%s\n" % (i, tgt, off, sig))
    ldb = io.StringIO()
    for i in range(max(1, a.bodies // 10)):
        ldb.write("Vigil.Test.Gen.Logical-%d;Engine:51-255,Target:0;0&1;%s;%s\n" % (i, hx(6), hx(6)))
    fp = "%032x:%d:Vigil.Test.Gen.FalsePositive-0\n" % (rnd.getrandbits(128), 1234)
    files = {"big.hdb": hdb.getvalue().encode(), "big.hsb": hsb.getvalue().encode(),
             "big.ndb": ndb.getvalue().encode(), "big.ldb": ldb.getvalue().encode(), "big.fp": fp.encode()}
    info = "ClamAV-VDB:26 Nov 2025 10-00 +0000:1:%d:90:X:X:gen:0\n" % (a.hashes + a.bodies)
    for name, data in files.items():
        info += "%s:%d:%s\n" % (name, len(data), hashlib.sha256(data).hexdigest())
    files["big.info"] = info.encode()
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in files.items():
            ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = 0; ti.mode = 0o644
            t.addfile(ti, io.BytesIO(data))
    gz = gzip.compress(raw.getvalue(), compresslevel=6, mtime=0)
    head = "ClamAV-VDB:26 Nov 2025 10-00 +0000:1:%d:90:%s:X:gen:%d" % (a.hashes + a.bodies, hashlib.md5(gz).hexdigest(), int(time.time()))
    head = head.ljust(512).encode()
    with open(os.path.join(a.out, "big.cvd"), "wb") as f:
        f.write(head + gz)
    print("%s: %d MD5 + %d SHA-256 hashes, %d body signatures, %d logical; %d bytes"
          % (os.path.join(a.out, "big.cvd"), n_md5, n_sha, a.bodies, max(1, a.bodies // 10), len(head) + len(gz)))

main()
