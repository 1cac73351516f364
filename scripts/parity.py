#!/usr/bin/env python3
"""Exactly yara's answers: the real `yara` beside `vigil scan --json` on the same files.

Owns: building the corpus (this machine's files plus crafted ones), compiling every rule
file with `yarac` and with `vigil rules check --each`, running both scanners, comparing
the sets of (file, rule) pairs and printing the parity table. Must not: install anything
(scripts/test-parity.sh does) or change the rule sets.

Usage: parity.py VIGIL_BINARY RULES_DIR WORK_DIR [--quick]
Exit 0 when every difference is a documented limit, 1 otherwise.
"""
import concurrent.futures
import hashlib
import json
import os
import pwd
import re
import shutil
import stat
import subprocess
import sys
import time

EXTERNALS = ["filename", "filepath", "extension", "filetype", "owner", "md5"]
EXTERNAL_WORD = re.compile(r"\b(" + "|".join(EXTERNALS) + r")\b")
YARAC_ERROR = re.compile(r"^(.*?)\((\d+)\): error: (.*)$", re.M)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, errors="replace", **kw)


def rule_files(root):
    out = []
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        out += [os.path.join(d, f) for f in sorted(files) if f.endswith((".yar", ".yara")) and not f.startswith(".")]
    return sorted(out)


def externals_args(values=None):
    args = []
    for name in EXTERNALS:
        args += ["-d", f"{name}={(values or {}).get(name, '')}"]
    return args


def yarac(files, declare=True, out=os.devnull):
    return run(["yarac"] + (externals_args() if declare else []) + files + [out])


# ---------------------------------------------------------------- compile parity

def compile_table(vigil, rules):
    files = rule_files(rules)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        yara_ok = dict(zip(files, pool.map(lambda f: yarac([f]).returncode == 0, files)))
        # Only a file that names an external can need one: the rest compile without.
        mentions = [f for f in files if EXTERNAL_WORD.search(open(f, errors="replace").read())]
        plain_ok = {f: True for f in files}
        plain_ok.update(zip(mentions, pool.map(lambda f: yarac([f], declare=False).returncode == 0, mentions)))
    each = run([vigil, "rules", "check", "--each", rules])
    vigil_ok, vigil_rules = {}, {}
    for line in each.stdout.splitlines():
        if line.startswith("OK "):
            _, count, path = line.split(" ", 2)
            vigil_ok[path] = True
            vigil_rules[path] = int(count)
        elif line.startswith("ERROR "):
            m = re.match(r"ERROR (.*?):(\d+:)? ", line)
            if m:
                vigil_ok[m.group(1)] = False
    declared = {}
    return files, yara_ok, plain_ok, vigil_ok, vigil_rules, declared


def yara_rule_count(files, declare):
    """Rules libyara compiled, as yara itself counts them (yara -S: number of rules)."""
    r = run(["yara", "-S"] + (externals_args() if declare else []) + files + [os.devnull])
    m = re.search(r"number of rules\s*:\s*(\d+)", r.stdout)
    return int(m.group(1)) if m else 0


def union(files, declare):
    """The largest set yarac compiles together: files whose rules clash with earlier ones
    (duplicated identifiers across files) are left out, as yara -r would refuse them."""
    kept = list(files)
    dropped = []
    for _ in range(len(files)):
        r = yarac(kept, declare=declare)
        if r.returncode == 0:
            return kept, dropped
        bad = {m.group(1) for m in YARAC_ERROR.finditer(r.stderr)}
        bad &= set(kept)
        if not bad:
            raise SystemExit(f"parity: yarac fails on the union without naming a file: {r.stderr[:500]}")
        for b in bad:
            kept.remove(b)
            dropped.append((b, next((m.group(3) for m in YARAC_ERROR.finditer(r.stderr) if m.group(1) == b), "")))
    raise SystemExit("parity: could not build a union yarac compiles")


# ---------------------------------------------------------------- corpus

def pick(paths, every, limit_bytes=20 << 20):
    out = []
    for i, p in enumerate(sorted(paths)):
        if i % every:
            continue
        try:
            st = os.lstat(p)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode) and 0 < st.st_size <= limit_bytes and os.access(p, os.R_OK):
            out.append(p)
    return out


def walk(root, pred=lambda p: True):
    for d, dirs, files in os.walk(root):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(d, f)
            if pred(p):
                yield p


def build_corpus(work, rules, quick):
    corpus = os.path.join(work, "corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    os.makedirs(corpus)
    k = 3 if quick else 1
    sources = []
    sources += pick(walk("/usr/bin"), 6 * k)
    sources += pick(walk("/usr/lib/x86_64-linux-gnu", lambda p: ".so" in os.path.basename(p)), 25 * k)
    sources += pick(walk("/usr/share/doc"), 12 * k)
    sources += pick(walk("/usr/lib/python3", lambda p: p.endswith(".pyc")), 20 * k)
    sources += pick(walk("/etc"), 8 * k)
    sources += pick(walk("/usr/share/clamav-testfiles"), 1)
    # Rule files are text full of the strings rules look for: files matching hundreds of rules.
    sources += pick(rule_files(rules), 10 * k, 2 << 20)
    names = set()
    for i, src in enumerate(sources):
        base = re.sub(r"[^A-Za-z0-9._-]", "_", os.path.basename(src))[:80]
        name = f"{i:05d}-{base}"
        names.add(name)
        try:
            shutil.copyfile(src, os.path.join(corpus, name))
        except OSError:
            pass
    crafted(corpus, rules)
    return corpus


def crafted(corpus, rules):
    # 2.5 MB of one byte: the crafted many-matches rule passes libyara's 1,000,000-match
    # limit (yara warns, Vigil reports too-many-matches), still matching.
    with open(os.path.join(corpus, "crafted-many-matches.bin"), "wb") as f:
        f.write(b"A" * (2_500_000))
    # A big file (over Vigil's 16 MiB in-memory limit: streamed, libyara maps it) with the
    # strings of a rule file at its end.
    tail = open(sorted(rule_files(rules))[0], "rb").read()
    with open(os.path.join(corpus, "crafted-big.bin"), "wb") as f:
        f.write(b"MZ" + os.urandom(1 << 20))
        f.seek(150 << 20)
        f.write(tail)
    # A regex libyara gives up on (error 46): yara drops the whole file, Vigil only the rule.
    with open(os.path.join(corpus, "crafted-re-fibers.txt"), "wb") as f:
        f.write(b"#!/bin/sh\n" + b"socket.socket(" * 40 + b"\n")
    open(os.path.join(corpus, "crafted-empty"), "wb").close()


# ---------------------------------------------------------------- scanning

def yara_pairs(files, corpus, declare):
    r = run(["yara", "-r", "-p", "2"] + (externals_args() if declare else []) + files + [corpus])
    pairs = set()
    for line in r.stdout.splitlines():
        rule, _, path = line.partition(" ")
        if path:
            pairs.add((os.path.relpath(path, corpus), rule))
    errors = [l for l in r.stderr.splitlines() if l.strip()]
    return pairs, errors


def vigil_pairs(vigil, files, targets, corpus, prefilter=True):
    args = [vigil, "scan", "--json", "--no-summary", "--scan-archive", "no", "--max-file-size", "0", "--yara-timeout", "0",
            "--threads", "2"] + ([] if prefilter else ["--no-prefilter"])
    for f in files:
        args += ["--rules", f]
    r = run(args + targets)
    pairs, problems = set(), []
    for line in r.stdout.splitlines():
        o = json.loads(line)
        path = o.get("file", {}).get("path", "")
        rule = o.get("rule", {}).get("name")
        if rule and o.get("rule", {}).get("ruleset") == "yara":
            pairs.add((os.path.relpath(path, corpus), rule))
        for p in o.get("vigil", {}).get("problems", []):
            problems.append((os.path.relpath(path, corpus), p.get("type"), p.get("rule")))
    if r.returncode not in (0, 1):
        problems.append(("", "exit", str(r.returncode) + " " + r.stderr[:300]))
    return pairs, problems


# ---------------------------------------------------------------- LOKI externals, per file

LOKI_TYPES = [  # signature-base misc/file-type-signatures.txt, LOKI's order (an independent copy)
    ("1F8B08", "GZIP"), ("25504446", "PDF"), ("300000004C664C65", "EVT"), ("504B030414000600", "Office"),
    ("504B030414000800", "JAR"), ("504B537058", "PKSFX"), ("377ABCAF271C", "7Zip"), ("46756E6374696F6E", "VBS"),
    ("425A68", "BZip2"), ("5F27A889", "JAR"), ("FFD8FF", "JPEG"), ("504B0506", "PKZIP"), ("526172211A07", "RAR"),
    ("57696E5A6970", "WinZIP"), ("72656766", "Registry Hive"), ("7B5C72746631", "RTF"), ("7573746172", "TAR"),
    ("D4C3B2A1", "WINPCAP"), ("A1B2C3D4", "LIBPCAP"), ("A1B2CD34", "LIBPCAP"), ("CAFEBABE", "Class"),
    ("FF4B455942202020", "SYS Keyboard Driver"), ("FFFE3C003F0078006D006C", "Windows At Job"), ("3C3F706870", "PHP"),
    ("0D444F43", "DOC"), ("23204469736B2044", "VMDK"), ("456C6646696C", "EVTX"), ("414553", "AESCrypt"),
    ("434F5744", "VMDK"), ("3C3F786D", "XML"), ("3C3F584D", "XML"), ("435753", "CWS"), ("5A5753", "ZWS"),
    ("474946", "GIF"), ("46494C45", "NTFS MFT"), ("4A4152435300", "JARCS"), ("4B444D", "VMDK"),
    ("4C0000000114020000", "LNK"), ("4D534346", "CAB"), ("504B0304", "ZIP"), ("FFFE3C00250040", "JSP"),
    ("5F434153455F", "Encase File"), ("636F6E6563746978", "VHD"), ("D0CF11E0A1B11AE1", "OLE"), ("FFFFFFFF", "SYS"),
    ("23212F", "UNIX SCRIPT"), ("4D444D50", "MDMP"), ("465753", "FWS (Flash)"), ("7F45", "ELF"), ("2321", "Script"),
    ("60EA", "ARJ"), ("1F9D", "TARZ"), ("1FA0", "TARZ"), ("3C25", "JSP"), ("4D5A", "EXE"), ("FFFE", "Windows Registry File"),
    ("E8", "SYS"), ("E9", "SYS"), ("EB", "SYS"),
]


def loki_values(path):
    head = open(path, "rb").read(64)
    ftype = next((name for magic, name in LOKI_TYPES if head.startswith(bytes.fromhex(magic))), "UNKNOWN")
    name = os.path.basename(path)
    ext = os.path.splitext(name)[1].lower()
    st = os.stat(path)
    try:
        owner = pwd.getpwuid(st.st_uid).pw_name
    except KeyError:
        owner = str(st.st_uid)
    return {"filename": name, "filepath": os.path.dirname(path), "extension": ext, "filetype": ftype,
            "owner": owner, "md5": hashlib.md5(open(path, "rb").read()).hexdigest()}


def externals_parity(vigil, files, corpus, work):
    """Rules that read externals: yara gets each file's LOKI values (-d per file, compiled
    rules loaded with -C), Vigil computes them itself in the folder's LOKI mode."""
    compiled = os.path.join(work, "externals.yarc")
    r = yarac(files, out=compiled)
    if r.returncode != 0:
        return None
    targets = sorted(os.path.join(corpus, f) for f in os.listdir(corpus))[::7]
    # Names the external rules look at.
    for name, data in [("invoice.pdf.exe", b"MZ\x90\x00" + b"\x00" * 200), ("shell.php", b"<?php echo 1; ?>\n"),
                       ("a.jsp", b"<%@ page import=\"java.io.*\" %>\n"), ("x.gif", b"GIF89a<?php eval($_POST[1]); ?>")]:
        p = os.path.join(corpus, "ext-" + name)
        open(p, "wb").write(data)
        targets.append(p)
    yp = set()
    for t in targets:
        out = run(["yara", "-C"] + externals_args(loki_values(t)) + [compiled, t])
        for line in out.stdout.splitlines():
            rule, _, path = line.partition(" ")
            yp.add((os.path.relpath(path, corpus), rule))
    vp, _ = vigil_pairs(vigil, files, targets, corpus)
    vp_off, _ = vigil_pairs(vigil, files, targets, corpus, prefilter=False)
    return yp, vp, len(targets), vp_off


# ---------------------------------------------------------------- main

# Differences with a reason (documented in README "Parity with yara"): file -> why.
DOCUMENTED = {
    "crafted-re-fibers.txt": "libyara error 46 (too many regex fibers): yara drops the whole file; "
                             "Vigil leaves out the failing rule and judges the file by every other rule",
}


def main():
    vigil, rules, work = sys.argv[1], sys.argv[2], sys.argv[3]
    quick = "--quick" in sys.argv
    os.makedirs(work, exist_ok=True)
    t0 = time.time()
    files, yara_ok, plain_ok, vigil_ok, vigil_rules, declared = compile_table(vigil, rules)
    both = [f for f in files if yara_ok[f] and vigil_ok.get(f)]
    only_yara = [f for f in files if yara_ok[f] and not vigil_ok.get(f)]
    only_vigil = [f for f in files if vigil_ok.get(f) and not yara_ok[f]]
    no_ext = [f for f in both if plain_ok[f]]
    with_ext = [f for f in both if not plain_ok[f]]

    corpus = build_corpus(work, rules, quick)
    n_corpus = len(os.listdir(corpus))
    set_a, dropped = union(no_ext, declare=False)
    yp, yerr = yara_pairs(set_a, corpus, declare=False)
    vp, vprob = vigil_pairs(vigil, set_a, [corpus], corpus)
    # The literal prefilter (on by default) must change nothing: the same scan with it off.
    vp_off, vprob_off = vigil_pairs(vigil, set_a, [corpus], corpus, prefilter=False)

    def split(pairs):
        doc = {p for p in pairs if p[0] in DOCUMENTED}
        return pairs - doc, doc

    both_pairs = yp & vp
    oy, oy_doc = split(yp - vp)
    ov, ov_doc = split(vp - yp)

    ext = None
    set_b = []
    if with_ext:
        set_b, dropped_b = union(with_ext, declare=True)
        ext = externals_parity(vigil, set_b, corpus, work)
        dropped += dropped_b

    # yara's own count over the unions, and file by file for any left out of them.
    rules_yara = yara_rule_count(set_a, False) + (yara_rule_count(set_b, True) if with_ext else 0)
    rules_yara += sum(yara_rule_count([f], True) for f, _ in dropped)
    rules_vigil = sum(vigil_rules.get(f, 0) for f in files if vigil_ok.get(f))
    lines = [
        "| | yara 4.2 (Debian) | Vigil |",
        "|---|---|---|",
        f"| rule files ({len(files)} in {rules}) | {sum(yara_ok.values())} compile | {sum(1 for f in files if vigil_ok.get(f))} compile |",
        f"| rules in them | {rules_yara} compiled (yara -S) | {rules_vigil} compiled |",
        f"| rule files compiled by only one | {len(only_yara)} | {len(only_vigil)} |",
        "",
        f"Match parity: {len(set_a)} rule files compiled together (no externals read; {len(dropped)} left out: "
        f"duplicate rule names across files), {n_corpus} files (this machine's /usr/bin, libraries, docs, .pyc, /etc, "
        f"ClamAV test files, rule files; a 150 MiB file, a 2.5 MB many-matches file, an error-46 file, an empty file).",
        "",
        "| (file, rule) pairs | count |",
        "|---|---|",
        f"| both | {len(both_pairs)} |",
        f"| only yara | {len(oy)} |",
        f"| only Vigil | {len(ov)} |",
        f"| differences with a documented reason | {len(oy_doc) + len(ov_doc)} |",
        f"| Vigil with the prefilter off: pairs not found with it on / found only with it on | "
        f"{len(vp_off - vp)} / {len(vp - vp_off)} |",
    ]
    if ext:
        eyp, evp, nt, evp_off = ext
        lines += ["", f"Externals (LOKI mode, per-file values; {len(with_ext)} rule files, {nt} files): "
                      f"both {len(eyp & evp)}, only yara {len(eyp - evp)}, only Vigil {len(evp - eyp)}; "
                      f"prefilter off: {'identical' if evp_off == evp else 'DIFFERENT'}"]
    warnings = [e for e in yerr if "too many matches" in e]
    vig_many = [p for p in vprob if p[1] == "too-many-matches"]
    lines += ["", f"Warnings: yara {len(warnings)} too-many-matches, Vigil {len(vig_many)}; yara errors: "
                  f"{len([e for e in yerr if 'error' in e])}; Vigil problems: {len([p for p in vprob if p[1] != 'too-many-matches'])}",
              f"Time: {time.time() - t0:.0f} s"]
    table = "\n".join(lines)
    print(table)
    open(os.path.join(work, "parity.md"), "w").write(table + "\n")
    bad = False
    for label, pairs in [("only yara", oy), ("only Vigil", ov)]:
        for p in sorted(pairs)[:20]:
            print(f"parity: {label}: {p[0]}: {p[1]}", file=sys.stderr)
            bad = True
    if only_yara or only_vigil:
        bad = True
        for f in only_yara[:10]:
            print(f"parity: only yara compiles {f}", file=sys.stderr)
        for f in only_vigil[:10]:
            print(f"parity: only Vigil compiles {f}", file=sys.stderr)
    if ext and (ext[0] != ext[1]):
        bad = True
        for p in sorted(ext[0] ^ ext[1])[:20]:
            print(f"parity: externals differ: {p}", file=sys.stderr)
    prefilter_diffs = [("only with the prefilter off", vp_off - vp), ("only with the prefilter on", vp - vp_off)]
    if ext:
        prefilter_diffs.append(("externals, prefilter on and off differ", ext[1] ^ ext[3]))
    for label, pairs in prefilter_diffs:
        for p in sorted(pairs)[:20]:
            print(f"parity: {label}: {p[0]}: {p[1]}", file=sys.stderr)
            bad = True
    for p in sorted(set(vprob) ^ set(vprob_off))[:20]:
        # Not a failure: a rule the prefilter proves cannot match is not run, so a run-time
        # error it would have raised on this file is not raised (its verdict is the same).
        print(f"parity: problem {'only with the prefilter on' if p in vprob else 'only with it off'}: {p}", file=sys.stderr)
    for p in sorted(oy_doc | ov_doc):
        print(f"parity: documented: {p[0]}: {p[1]} ({DOCUMENTED[p[0]]})", file=sys.stderr)
    if len(both_pairs) < 100:
        print("parity: too few matches to mean anything", file=sys.stderr)
        bad = True
    if not warnings or not vig_many:
        print("parity: the many-matches file raised no warning", file=sys.stderr)
        bad = True
    print(f"parity: {'FAILED' if bad else 'OK'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
