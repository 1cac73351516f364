// Kernel interfaces the on-access path needs beyond fanotify's basics: file identity
// across mounts, the "does anyone hold this file open for writing" probe, and the
// information records of mount and directory-entry events. One-line translations;
// policy lives in Swift.
#ifndef VIGIL_CLINUX_ONACCESS_H
#define VIGIL_CLINUX_ONACCESS_H

#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>

/// The mount id of the open file `fd` (statx STATX_MNT_ID, the id in /proc/PID/mountinfo),
/// or -1 with errno.
int vigil_fd_mount_id(int fd, uint64_t *mount_id);

/// fstat and the mount id in one statx (the event thread's first question about every
/// event): fills `st` as fstat(2) would. Returns 1 with `mount_id` set, 0 when only `st`
/// could be told (no STATX_MNT_ID, or no statx: fstat was used), -1 with errno. `st` is a
/// `struct stat` (untyped here: this header must not bring <sys/stat.h> into Swift).
int vigil_fstat_mount(int fd, void *st, uint64_t *mount_id);

/// 1 when the directory `fd` is the root of its mount (statx STATX_ATTR_MOUNT_ROOT),
/// 0 when not, -1 with errno when the kernel cannot tell (before 5.8).
int vigil_fd_is_mount_root(int fd);

/// readlink of /proc/self/fd/`fd` into `out` (not NUL-terminated), without allocating:
/// the length, or -1 with errno.
ssize_t vigil_fd_path(int fd, char *out, size_t cap);

/// What Vigil records of the process behind a decision, read from /proc while the opener
/// waits (after the answer it may be gone): the executable, the real uid and gid and the
/// parent from `status`, the parent's executable, the cgroup v2 path. One pass over each
/// file, into the caller's buffers, no allocation. Each length is -1 when unreadable (the
/// process is gone, or hides it); `ppid` 0, `uid`/`gid` -1 when unknown. Returns 0, or -1
/// with errno when /proc/PID could not be read at all.
int vigil_read_subject(int32_t pid, char *exe, size_t exe_cap, ssize_t *exe_len,
                       char *parent_exe, size_t parent_cap, ssize_t *parent_len,
                       char *cgroup, size_t cgroup_cap, ssize_t *cgroup_len,
                       int32_t *ppid, int64_t *uid, int64_t *gid);

/// Re-opens the inode behind `fd` through the mount behind `mount_fd` (name_to_handle_at
/// + open_by_handle_at): the result's /proc/self/fd link shows the path as reached through
/// that mount, whatever mount or namespace the original opener used. -1 with errno:
/// ESTALE when the inode is outside that mount's tree, EOPNOTSUPP when the filesystem
/// has no file handles. Needs CAP_DAC_READ_SEARCH.
int vigil_reopen_through(int mount_fd, int fd, int flags);

/// open_by_handle_at for a handle in the layout vigil_fanotify_event_fid and
/// vigil_name_to_handle produce (int handle_type, then the bytes).
int vigil_open_by_handle(int mount_fd, const uint8_t *handle, size_t len, int flags);

/// The file handle of the object behind `fd` (name_to_handle_at with AT_EMPTY_PATH), in
/// the layout vigil_open_by_handle takes: its length, or -1 with errno.
int vigil_fd_handle(int fd, uint8_t *out, size_t cap);

/// 1 when the file behind `fd` has a POSIX access ACL (system.posix_acl_access: it can
/// grant write to others whatever the mode says), 0 when not (or the filesystem has no
/// ACLs), -1 with errno.
int vigil_has_access_acl(int fd);

/// 1 when some process holds the file behind `fd` open for writing (a write descriptor,
/// or a shared writable mapping that outlives its descriptor), 0 when nobody does,
/// -1 with errno when the filesystem cannot tell (no leases). Takes and drops a read
/// lease at once: the kernel refuses a read lease while i_writecount > 0. `fd` must be
/// read-only. Needs CAP_LEASE (or owning the file) and SIGIO handled or ignored.
int vigil_has_writers(int fd);

/// vigil_has_writers that keeps the lease: 0 when nobody can write the file and the read
/// lease is now held (until vigil_release_lease): meanwhile any open for writing waits for
/// its release (or fails with EWOULDBLOCK if non-blocking), so "nobody writes it" stays
/// true. 1 when someone can write it (no lease), -1 with errno (no leases here).
int vigil_hold_read_lease(int fd);
void vigil_release_lease(int fd);

/// The payload of the first information record of `type` in the event at buf[offset]
/// (after its header): copies at most `cap` bytes to `out`, returns the payload length,
/// or 0 when there is none.
size_t vigil_fanotify_event_info(const void *buf, size_t len, size_t offset, uint8_t type, uint8_t *out, size_t cap);

/// For a FAN_REPORT_DFID_NAME event: the directory's handle (vigil layout) and the entry
/// name (NUL-terminated). Returns the handle length, or 0.
size_t vigil_fanotify_event_dfid_name(const void *buf, size_t len, size_t offset,
                                      uint8_t *handle, size_t handle_cap, char *name, size_t name_cap);

/// A thread of this process (by tid; 0: the calling thread) to round-robin real-time
/// priority `priority` (1 = lowest), or to the normal time-sharing policy when `priority`
/// is 0. The threads that answer permission events use it: under a burst of thousands of
/// blocked openers the kernel wakes every waiting opener on each answer, and with normal
/// priority those thousands of runnable openers starve the very threads that could
/// release them. Returns 0, or -1 with errno (EPERM without CAP_SYS_NICE or under
/// systemd's RestrictRealtime=; ESRCH for a thread that has ended).
int vigil_tid_scheduling(int tid, int priority);
/* The calling thread's tid. */
int vigil_gettid(void);
/* Bytes queued for read(2) on fd (FIONREAD; a fanotify group: the events not yet read). */
int vigil_fd_queued_bytes(int fd);

/// The pidfd of a FAN_REPORT_PIDFD event's opener (the caller owns and must close it),
/// or -1 when the event has none (an older kernel, a crafted record, FAN_NOPIDFD for an
/// opener that already exited, FAN_EPIDFD when the kernel could not make one).
int vigil_fanotify_event_pidfd(const void *buf, size_t len, size_t offset);

/// The cgroup v2 id (the inode number of its cgroup folder) of the process behind
/// `pidfd`, by PIDFD_GET_INFO (Linux 6.13+): bound to that very process, so it cannot
/// name a process that reused the pid. 0, or -1 with errno (ENOTTY/EINVAL before 6.13,
/// ESRCH when it has exited, EOPNOTSUPP when the kernel did not report the cgroup).
int vigil_pidfd_cgroup_id(int pidfd, uint64_t *cgroup_id);

/// fanotify info record types and flags newer than Debian 12's headers.
#define VIGIL_FAN_REPORT_PIDFD 0x00000080
#define VIGIL_FAN_EVENT_INFO_TYPE_PIDFD 4
#define VIGIL_FAN_EVENT_INFO_TYPE_FID 1
#define VIGIL_FAN_EVENT_INFO_TYPE_DFID_NAME 2
#define VIGIL_FAN_EVENT_INFO_TYPE_MNT 7
#define VIGIL_FAN_REPORT_MNT 0x00004000
#define VIGIL_FAN_REPORT_DFID_NAME 0x00000c00
#define VIGIL_FAN_MARK_MNTNS 0x00000110
#define VIGIL_FAN_MNT_ATTACH 0x01000000ULL
#define VIGIL_FAN_MNT_DETACH 0x02000000ULL

#endif
