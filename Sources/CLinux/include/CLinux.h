// Linux interfaces whose macros, variadic calls or missing glibc wrappers Swift
// cannot import directly. Each function is a one-line translation; policy lives in Swift.
#ifndef VIGIL_CLINUX_H
#define VIGIL_CLINUX_H

#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/fanotify.h>
#include <sys/statfs.h>
#include <linux/magic.h>
#include <linux/fs.h>
#include <sys/signalfd.h>
#include <sys/eventfd.h>
#include <poll.h>

// ---- fanotify -------------------------------------------------------------
int vigil_fanotify_init(unsigned int flags, unsigned int event_f_flags);
int vigil_fanotify_mark(int fd, unsigned int flags, uint64_t mask, int dirfd, const char *path);

int vigil_fanotify_respond(int fanotify_fd, int32_t event_fd, uint32_t response);

/// O_LARGEFILE as the kernel spells it (glibc hides it on 64-bit); fanotify wants it in event_f_flags.
#define VIGIL_O_LARGEFILE 0100000

/// memfd_create(name, MFD_CLOEXEC): an anonymous file (the start-up self-test scans one).
int vigil_memfd(const char *name);

/// renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE): fails with EEXIST instead of replacing.
int vigil_rename_noreplace(const char *from, const char *to);

// ---- descriptor-relative file operations ------------------------------------
/// openat2(2) (no glibc wrapper on Debian 12): `resolve` is a mask of VIGIL_RESOLVE_*.
int vigil_openat2(int dirfd, const char *path, uint64_t flags, uint64_t mode, uint64_t resolve);
#define VIGIL_RESOLVE_NO_XDEV 0x01
#define VIGIL_RESOLVE_NO_MAGICLINKS 0x02
#define VIGIL_RESOLVE_NO_SYMLINKS 0x04
#define VIGIL_RESOLVE_BENEATH 0x08
/// renameat2(2) with RENAME_* flags.
int vigil_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
#define VIGIL_RENAME_NOREPLACE 1
/// linkat(fd, "", newdirfd, newpath, AT_EMPTY_PATH): gives an open (O_TMPFILE) file a name.
int vigil_link_fd(int fd, int newdirfd, const char *newpath);
/// O_TMPFILE and AT_EMPTY_PATH, hidden by glibc without _GNU_SOURCE.
#define VIGIL_O_TMPFILE 020200000
#define VIGIL_AT_EMPTY_PATH 0x1000

// ---- sockets ----------------------------------------------------------------
/// accept4(fd, NULL, NULL, SOCK_CLOEXEC).
int vigil_accept_cloexec(int fd);
/// The uid of the peer of a unix socket (SO_PEERCRED), or -1.
int vigil_peer_uid(int fd, uint32_t *uid, int32_t *pid);

// ---- inode flags (chattr) -------------------------------------------------
int vigil_get_inode_flags(int fd, unsigned int *flags);
int vigil_set_inode_flags(int fd, unsigned int flags);
unsigned int vigil_fs_immutable_fl(void);

// ---- Landlock ---------------------------------------------------------------
int vigil_landlock_abi_version(void);
/// landlock_create_ruleset(2) handling `handled_access_fs` (no network, no scopes).
int vigil_landlock_create_ruleset(uint64_t handled_access_fs);
/// landlock_add_rule(2) with a LANDLOCK_RULE_PATH_BENEATH rule for the inode behind `parent_fd`.
int vigil_landlock_add_path(int ruleset_fd, int parent_fd, uint64_t allowed_access);
/// landlock_restrict_self(2): the calling thread and its future children.
int vigil_landlock_restrict_self(int ruleset_fd);
/// A ruleset handling `fs` and (ABI 4+) `net` rights and (ABI 6+) `scoped` IPC, for `abi`.
int vigil_landlock_create_ruleset_full(uint64_t fs, uint64_t net, uint64_t scoped, int abi);
int vigil_set_pdeathsig(int sig);
int vigil_ptrace_attach(int pid);
long vigil_process_vm_write(int pid, void *local, void *remote, size_t len);
/// real, effective and saved ids at once (glibc declares them only under _GNU_SOURCE).
int vigil_setresuid(uint32_t uid);
int vigil_setresgid(uint32_t gid);
int vigil_rlimit_nproc(void);
int vigil_rlimit_memlock(void);
int vigil_get_no_new_privs(void);
/// One SOCK_SEQPACKET message, with `fd` attached (SCM_RIGHTS) unless it is -1.
int vigil_send_with_fd(int sock, const void *buf, size_t len, int fd);
/// One message; `*fd` is the descriptor it carried (close-on-exec) or -1. A message
/// larger than `cap` fails with EMSGSIZE.
ssize_t vigil_recv_with_fd(int sock, void *buf, size_t cap, int *fd);

// ---- processes and privileges ------------------------------------------------
/// prctl(PR_SET_NO_NEW_PRIVS, 1).
int vigil_set_no_new_privs(void);
int vigil_pidfd_open(int32_t pid);
int vigil_pidfd_send_signal(int pidfd, int sig);
/// prctl(PR_SET_DUMPABLE, on): off refuses ptrace and /proc/PID/mem without CAP_SYS_PTRACE.
int vigil_prctl_set_dumpable(int on);
/// prctl(PR_GET_DUMPABLE): 0 when not dumpable.
int vigil_prctl_get_dumpable(void);
/// prctl(PR_CAPBSET_DROP, cap).
int vigil_capbset_drop(int cap);
/// prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL).
int vigil_cap_ambient_clear(void);
/// capget(2)/capset(2) for the calling thread, as 64-bit masks (version 3 headers).
int vigil_capget(uint64_t *effective, uint64_t *permitted, uint64_t *inheritable);
int vigil_capset(uint64_t effective, uint64_t permitted, uint64_t inheritable);

// ---- fanotify with file identifiers ------------------------------------------
/// FAN_REPORT_FID as the kernel spells it (glibc headers may predate it).
#define VIGIL_FAN_REPORT_FID 0x00000200
/// The file handle (handle_type, then f_handle bytes) of the first FID info record of
/// the event at `buf[offset]`; returns its length, or 0 when there is none or it does not fit.
size_t vigil_fanotify_event_fid(const void *buf, size_t len, size_t offset, uint8_t *out, size_t cap);
/// name_to_handle_at(2) for `path` (not following a final symlink), in the same
/// layout; `flags` may hold AT_HANDLE_FID. Returns the length or -1.
int vigil_name_to_handle(const char *path, int flags, uint8_t *out, size_t cap);
/// name_to_handle_at(2) relative to `dirfd` (with AT_EMPTY_PATH and "": the object behind
/// `dirfd` itself), in the same layout. Returns the length or -1.
int vigil_handle_at(int dirfd, const char *path, int flags, uint8_t *out, size_t cap);
#define VIGIL_AT_HANDLE_FID 0x200
/// O_PATH and POSIX_SPAWN_SETSID, hidden by glibc without _GNU_SOURCE.
#define VIGIL_O_PATH 010000000
#define VIGIL_POSIX_SPAWN_SETSID 0x80
#define VIGIL_FAN_REPORT_TID 0x00000100

// ---- the command line ------------------------------------------------------
/// argc and argv as the C runtime handed them to main, captured by a constructor
/// (glibc passes argc, argv and envp to ELF constructors). Swift's CommandLine reads
/// /proc/self/cmdline on Linux, which is missing in minimal chroots and containers.
/// NULL when the constructor did not run.
int vigil_saved_argc(void);
char **vigil_saved_argv(void);

// ---- threads ---------------------------------------------------------------
/// Names the calling thread (shown by top -H and in /proc/PID/task/*/comm).
void vigil_set_thread_name(const char *name);

// ---- filesystems ------------------------------------------------------------
/// The statfs f_type of the filesystem holding `fd`, or -1.
long vigil_fs_type(int fd);
/// 1 for kernel pseudo-filesystems whose files report size 0 or block on read
/// (proc, sysfs, debugfs, tracefs, securityfs, cgroup, devpts, ...).
int vigil_fs_is_pseudo(long f_type);
/// 1 for local filesystems whose in-core inode carries the immutable and append-only
/// flags that FS_IOC_GETFLAGS reports, so the VFS's own checks (may_open) enforce
/// exactly what the ioctl says: ext2/3/4, xfs, btrfs, tmpfs, f2fs.
int vigil_fs_keeps_inode_flags(long f_type);

/// malloc_trim(0): gives freed heap back to the kernel (after a reload dropped a rule
/// set); <malloc.h> is not in Swift's Glibc module.
int vigil_malloc_trim(void);

#include "onaccess.h"

#endif
