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

/// One event out of a read() buffer, validated: returns the byte length of the event
/// at `buf[offset]`, or 0 if the remaining bytes do not hold a complete, valid event.
size_t vigil_fanotify_event_at(const void *buf, size_t len, size_t offset,
                               uint64_t *mask, int32_t *fd, int32_t *pid, int *version_ok);
int vigil_fanotify_respond(int fanotify_fd, int32_t event_fd, uint32_t response);

/// O_LARGEFILE as the kernel spells it (glibc hides it on 64-bit); fanotify wants it in event_f_flags.
#define VIGIL_O_LARGEFILE 0100000

/// memfd_create(name, MFD_CLOEXEC): an anonymous file (the start-up self-test scans one).
int vigil_memfd(const char *name);

/// renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE): fails with EEXIST instead of replacing.
int vigil_rename_noreplace(const char *from, const char *to);

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

// ---- threads ---------------------------------------------------------------
/// Names the calling thread (shown by top -H and in /proc/PID/task/*/comm).
void vigil_set_thread_name(const char *name);

// ---- filesystems ------------------------------------------------------------
/// The statfs f_type of the filesystem holding `fd`, or -1.
long vigil_fs_type(int fd);
/// 1 for kernel pseudo-filesystems whose files report size 0 or block on read
/// (proc, sysfs, debugfs, tracefs, securityfs, cgroup, devpts, ...).
int vigil_fs_is_pseudo(long f_type);

#endif
