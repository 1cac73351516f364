#!/usr/bin/env python3
"""Symbolicates the addresses a crashed vigil printed in a QEMU guest, with the host's
unstripped binary (the guest's copy is stripped, so neither the Swift backtracer nor the
kernel can name its functions there).

    scripts/symbolicate-crash.py CONSOLE_LOG UNSTRIPPED_VIGIL [GUEST_PATH]

Reads two kinds of lines from the guest's console:
  - the Swift runtime backtracer's frames ("12 0x000055d4c0a1b2c3 in vigil ...") with its
    image list ("0x000055d4c0000000-0x000055d4c2000000 ... /usr/local/bin/vigil");
  - the kernel's trap line ("traps: ... ip:... in vigil[START+SIZE]");
  - the kernel's registers of a fatal signal (print-fatal-signals: "RIP: 0033:0x...")
    with the image base the guest script saved ("vigil image base 0x...").
Prints each address with its function, file and line (addr2line, then swift demangle).
Prints nothing when there is nothing to symbolicate. Exit 0 either way.
"""
import re
import shutil
import subprocess
import sys


def symbolicate(binary, vaddrs):
    if not vaddrs:
        return {}
    cmd = ["addr2line", "-f", "-i", "-a", "-e", binary] + ["0x%x" % a for a in vaddrs]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()
    demangle = shutil.which("swift-demangle") or shutil.which("swift")
    result, current = {}, None
    i = 0
    while i < len(out):
        line = out[i]
        if line.startswith("0x") and (i + 1 < len(out)):
            current = int(line, 16)
            result[current] = []
            i += 1
            continue
        if current is not None and i + 1 < len(out):
            fn, loc = line, out[i + 1]
            result[current].append((fn, loc))
            i += 2
            continue
        i += 1
    if demangle:
        names = sorted({fn for frames in result.values() for fn, _ in frames})
        args = [demangle] + ([] if demangle.endswith("swift-demangle") else ["demangle"]) + ["--simplified"]
        d = subprocess.run(args, input="\n".join(names), capture_output=True, text=True).stdout.splitlines()
        table = dict(zip(names, d)) if len(d) == len(names) else {}
        result = {a: [(table.get(fn, fn), loc) for fn, loc in frames] for a, frames in result.items()}
    return result


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    log, binary = sys.argv[1], sys.argv[2]
    guest = sys.argv[3] if len(sys.argv) > 3 else "/usr/local/bin/vigil"
    text = open(log, errors="replace").read()
    wanted = []   # (label, vaddr)
    # The backtracer: image ranges for the guest path, then every frame address inside one.
    images = [(int(a, 16), int(b, 16)) for a, b in
              re.findall(r"0x([0-9a-f]+)\s*[\u2013-]\s*0x([0-9a-f]+)[^\n]*" + re.escape(guest), text)]
    for m in re.finditer(r"^\s*\|?\s*(\d+)\s+(?:\[\w+\]\s+)?0x([0-9a-f]{8,16})\b([^\n]*)", text, re.M):
        addr = int(m.group(2), 16)
        for start, end in images:
            if start <= addr < end:
                # A return address points after the call: look one byte back for the line.
                back = 1 if "[ra]" in m.group(0) else 0
                wanted.append(("frame %s 0x%x" % (m.group(1), addr), addr - start - back))
                break
    # The kernel's trap line ("traps: vigil-audit[516] trap invalid opcode ip:5601d7b5cb60
    # ... in vigil[5601d711c000+fb9000]"): the mapping that holds ip. Vigil's executable
    # segment is its first PT_LOAD, at file offset 0 and vaddr 0, so that mapping's start
    # is the image base (checked against the binary).
    text_at_zero = re.search(r"^\s*LOAD\s+0x0+\s+0x0+\s+\S+\s+\S+\s+\S+\s+R E",
                             subprocess.run(["readelf", "-lW", binary], capture_output=True, text=True).stdout, re.M)
    for m in re.finditer(r"traps: (\S+) trap [^\n]*?ip:([0-9a-f]+)[^\n]*? in vigil\[([0-9a-f]+)\+", text):
        if text_at_zero:
            wanted.append(("kernel: %s trapped at ip 0x%s" % (m.group(1), m.group(2)), int(m.group(2), 16) - int(m.group(3), 16)))
    # The kernel's fatal-signal registers (print-fatal-signals) against the image base
    # the guest script saved from /proc/PID/maps at the daemon's start.
    base = re.search(r"vigil image base 0x([0-9a-f]+)", text)
    if base:
        b = int(base.group(1), 16)
        for m in re.finditer(r"RIP: 0033:(?:0x)?([0-9a-f]+)", text):
            ip = int(m.group(1), 16)
            if ip >= b:
                wanted.append(("kernel: fatal signal at RIP 0x%x" % ip, ip - b))
    if not wanted:
        return 0
    syms = symbolicate(binary, [v for _, v in wanted])
    print("symbolicated with %s:" % binary)
    for label, v in wanted:
        frames = syms.get(v) or [("??", "??")]
        print("  %s -> 0x%x: %s" % (label, v, " / ".join("%s at %s" % (fn, loc) for fn, loc in frames)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
