#define _GNU_SOURCE
#include "include/onaccess.h"
#include "include/CLinux.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <sys/sysmacros.h>
#include <sys/fanotify.h>
#include <unistd.h>
#include <linux/stat.h>
#include <sched.h>
#include <sys/ioctl.h>

#ifndef STATX_ATTR_MOUNT_ROOT
#define STATX_ATTR_MOUNT_ROOT 0x00002000
#endif
#ifndef STATX_MNT_ID
#define STATX_MNT_ID 0x00001000U
#endif

int vigil_fd_mount_id(int fd, uint64_t *mount_id) {
    struct statx sx;
    if (statx(fd, "", AT_EMPTY_PATH, STATX_MNT_ID, &sx) != 0) return -1;
    if (!(sx.stx_mask & STATX_MNT_ID)) { errno = ENOSYS; return -1; }
    *mount_id = sx.stx_mnt_id;
    return 0;
}

int vigil_fstat_mount(int fd, void *out, uint64_t *mount_id) {
    struct stat *st = out;
    struct statx sx;
    if (statx(fd, "", AT_EMPTY_PATH | AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS | STATX_MNT_ID, &sx) != 0) {
        // No statx (seccomp, very old kernels): fstat alone, no mount id.
        if (fstat(fd, st) != 0) return -1;
        return 0;
    }
    memset(st, 0, sizeof *st);
    // The same encoding fstat(2) gives (glibc's makedev is the kernel's new_encode_dev).
    st->st_dev = makedev(sx.stx_dev_major, sx.stx_dev_minor);
    st->st_rdev = makedev(sx.stx_rdev_major, sx.stx_rdev_minor);
    st->st_ino = sx.stx_ino;
    st->st_mode = sx.stx_mode;
    st->st_nlink = sx.stx_nlink;
    st->st_uid = sx.stx_uid;
    st->st_gid = sx.stx_gid;
    st->st_size = (off_t)sx.stx_size;
    st->st_blksize = sx.stx_blksize;
    st->st_blocks = (blkcnt_t)sx.stx_blocks;
    st->st_atim.tv_sec = sx.stx_atime.tv_sec;
    st->st_atim.tv_nsec = sx.stx_atime.tv_nsec;
    st->st_mtim.tv_sec = sx.stx_mtime.tv_sec;
    st->st_mtim.tv_nsec = sx.stx_mtime.tv_nsec;
    st->st_ctim.tv_sec = sx.stx_ctime.tv_sec;
    st->st_ctim.tv_nsec = sx.stx_ctime.tv_nsec;
    if (!(sx.stx_mask & STATX_MNT_ID)) return 0;
    *mount_id = sx.stx_mnt_id;
    return 1;
}

int vigil_fd_is_mount_root(int fd) {
    struct statx sx;
    if (statx(fd, "", AT_EMPTY_PATH, STATX_TYPE, &sx) != 0) return -1;
    if (!(sx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT)) { errno = ENOSYS; return -1; }
    return (sx.stx_attributes & STATX_ATTR_MOUNT_ROOT) ? 1 : 0;
}

// Writes `v` in decimal at `out` (room for 10 digits); returns the digits written.
static size_t put_decimal(char *out, unsigned v) {
    char digits[10];
    size_t n = 0;
    do { digits[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    for (size_t i = 0; i < n; i++) out[i] = digits[n - 1 - i];
    return n;
}

ssize_t vigil_fd_path(int fd, char *out, size_t cap) {
    // "/proc/self/fd/N" built on the stack: no allocation on the event thread.
    char link[32] = "/proc/self/fd/";
    if (fd < 0) { errno = EBADF; return -1; }
    size_t at = 14 + put_decimal(link + 14, (unsigned)fd);
    link[at] = 0;
    return readlink(link, out, cap);
}

// "/proc/<pid>/<leaf>" into `out` (at least 48 bytes).
static void proc_path(char *out, int32_t pid, const char *leaf) {
    size_t at = 0;
    for (const char *p = "/proc/"; *p; p++) out[at++] = *p;
    at += put_decimal(out + at, (unsigned)pid);
    out[at++] = '/';
    for (const char *p = leaf; *p && at < 47; p++) out[at++] = *p;
    out[at] = 0;
}

static ssize_t read_proc(int32_t pid, const char *leaf, char *buf, size_t cap) {
    char path[48];
    proc_path(path, pid, leaf);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, cap - 1);
    close(fd);
    if (n >= 0) buf[n] = 0;
    return n;
}

// The first number after "\n<key>" (key includes its colon) in a NUL-terminated status text.
static int status_field(const char *text, const char *key, int64_t *out) {
    // `key` starts with a newline; the name on status's first line is escaped by the
    // kernel, so no process can forge a line.
    const char *p = strstr(text, key);
    if (!p) return 0;
    p += strlen(key);
    while (*p == ' ' || *p == '\t') p++;
    if (*p < '0' || *p > '9') return 0;
    int64_t v = 0;
    while (*p >= '0' && *p <= '9' && v < (1LL << 40)) v = v * 10 + (*p++ - '0');
    *out = v;
    return 1;
}

int vigil_read_subject(int32_t pid, char *exe, size_t exe_cap, ssize_t *exe_len,
                       char *parent_exe, size_t parent_cap, ssize_t *parent_len,
                       char *cgroup, size_t cgroup_cap, ssize_t *cgroup_len,
                       int32_t *ppid, int64_t *uid, int64_t *gid) {
    char path[48];
    char text[4096];
    *exe_len = *parent_len = *cgroup_len = -1;
    *ppid = 0;
    *uid = *gid = -1;
    if (pid <= 0) { errno = ESRCH; return -1; }
    proc_path(path, pid, "exe");
    *exe_len = readlink(path, exe, exe_cap);
    // Uid, Gid and PPid come in the first few hundred bytes of status.
    if (read_proc(pid, "status", text, sizeof text) <= 0) return *exe_len >= 0 ? 0 : -1;
    int64_t v;
    if (status_field(text, "\nUid:", &v)) *uid = v;
    if (status_field(text, "\nGid:", &v)) *gid = v;
    if (status_field(text, "\nPPid:", &v) && v > 0 && v <= INT32_MAX) {
        *ppid = (int32_t)v;
        proc_path(path, (int32_t)v, "exe");
        *parent_len = readlink(path, parent_exe, parent_cap);
    }
    // cgroup v2: the "0::/path" line (the last one on a hybrid host).
    ssize_t n = read_proc(pid, "cgroup", text, sizeof text);
    if (n > 0) {
        const char *line = NULL;
        if (strncmp(text, "0::", 3) == 0) line = text;
        else { const char *p = strstr(text, "\n0::"); if (p) line = p + 1; }
        if (line) {
            line += 3;
            size_t len = strcspn(line, "\n");
            if (len > cgroup_cap) len = cgroup_cap;
            memcpy(cgroup, line, len);
            *cgroup_len = (ssize_t)len;
        }
    }
    return 0;
}

int vigil_reopen_through(int mount_fd, int fd, int flags) {
    char storage[sizeof(struct file_handle) + MAX_HANDLE_SZ];
    struct file_handle *fh = (void *)storage;
    int mount_id;
    fh->handle_bytes = MAX_HANDLE_SZ;
    if (name_to_handle_at(fd, "", fh, &mount_id, AT_EMPTY_PATH) != 0) return -1;
    return open_by_handle_at(mount_fd, fh, flags);
}

int vigil_open_by_handle(int mount_fd, const uint8_t *handle, size_t len, int flags) {
    char storage[sizeof(struct file_handle) + MAX_HANDLE_SZ];
    struct file_handle *fh = (void *)storage;
    if (len < sizeof(int) || len - sizeof(int) > MAX_HANDLE_SZ) { errno = EINVAL; return -1; }
    memcpy(&fh->handle_type, handle, sizeof(int));
    fh->handle_bytes = (unsigned)(len - sizeof(int));
    memcpy(fh->f_handle, handle + sizeof(int), fh->handle_bytes);
    return open_by_handle_at(mount_fd, fh, flags);
}

int vigil_fd_handle(int fd, uint8_t *out, size_t cap) {
    return vigil_handle_at(fd, "", AT_EMPTY_PATH, out, cap);
}

int vigil_has_access_acl(int fd) {
    if (fgetxattr(fd, "system.posix_acl_access", NULL, 0) >= 0) return 1;
    return (errno == ENODATA || errno == EOPNOTSUPP) ? 0 : -1;
}

int vigil_has_writers(int fd) {
    if (fcntl(fd, F_SETLEASE, F_RDLCK) == 0) {
        fcntl(fd, F_SETLEASE, F_UNLCK);
        return 0;
    }
    if (errno == EAGAIN) return 1;
    return -1;
}

int vigil_hold_read_lease(int fd) {
    if (fcntl(fd, F_SETLEASE, F_RDLCK) == 0) return 0;
    if (errno == EAGAIN) return 1;
    return -1;
}

void vigil_release_lease(int fd) {
    fcntl(fd, F_SETLEASE, F_UNLCK);
}

static const struct fanotify_event_info_header *find_info(const void *buf, size_t len, size_t offset, uint8_t type) {
    if (offset >= len || len - offset < sizeof(struct fanotify_event_metadata)) return NULL;
    const struct fanotify_event_metadata *m = (const void *)((const char *)buf + offset);
    if (m->event_len > len - offset) return NULL;
    size_t pos = m->metadata_len, end = m->event_len;
    while (pos + sizeof(struct fanotify_event_info_header) <= end) {
        const struct fanotify_event_info_header *h = (const void *)((const char *)m + pos);
        if (h->len < sizeof *h || pos + h->len > end) return NULL;
        if (h->info_type == type) return h;
        pos += h->len;
    }
    return NULL;
}

size_t vigil_fanotify_event_info(const void *buf, size_t len, size_t offset, uint8_t type, uint8_t *out, size_t cap) {
    const struct fanotify_event_info_header *h = find_info(buf, len, offset, type);
    if (h == NULL) return 0;
    size_t n = h->len - sizeof *h;
    memcpy(out, (const char *)h + sizeof *h, n < cap ? n : cap);
    return n;
}

size_t vigil_fanotify_event_dfid_name(const void *buf, size_t len, size_t offset,
                                      uint8_t *handle, size_t handle_cap, char *name, size_t name_cap) {
    const struct fanotify_event_info_header *h = find_info(buf, len, offset, FAN_EVENT_INFO_TYPE_DFID_NAME);
    if (h == NULL || name_cap == 0) return 0;
    const struct fanotify_event_info_fid *f = (const void *)h;
    const struct file_handle *fh = (const void *)f->handle;
    size_t fixed = sizeof *f + sizeof(struct file_handle);
    if (fixed > h->len || fh->handle_bytes > h->len - fixed) return 0;
    size_t n = sizeof(int) + fh->handle_bytes;
    if (n > handle_cap) return 0;
    memcpy(handle, &fh->handle_type, sizeof(int));
    memcpy(handle + sizeof(int), fh->f_handle, fh->handle_bytes);
    const char *entry = (const char *)fh->f_handle + fh->handle_bytes;
    size_t room = h->len - fixed - fh->handle_bytes;
    size_t nl = strnlen(entry, room);
    if (nl >= name_cap || nl == room) return 0;
    memcpy(name, entry, nl);
    name[nl] = '\0';
    return n;
}

int vigil_tid_scheduling(int tid, int priority) {
    struct sched_param p = { .sched_priority = priority };
    /* Linux's sched_setscheduler takes a thread id: it changes that one thread.
     * SCHED_RESET_ON_FORK: a process a real-time thread spawns (a scan worker) starts at
     * normal priority. */
    return sched_setscheduler(tid, priority > 0 ? SCHED_RR | SCHED_RESET_ON_FORK : SCHED_OTHER, &p);
}

int vigil_gettid(void) { return (int)gettid(); }

int vigil_fd_queued_bytes(int fd) {
    int n = 0;
    if (ioctl(fd, FIONREAD, &n) != 0) return -1;
    return n;
}

int vigil_fanotify_event_pidfd(const void *buf, size_t len, size_t offset) {
    const struct fanotify_event_info_header *h = find_info(buf, len, offset, VIGIL_FAN_EVENT_INFO_TYPE_PIDFD);
    if (h == NULL || h->len < sizeof *h + sizeof(int32_t)) return -1;
    int32_t fd;
    memcpy(&fd, (const char *)h + sizeof *h, sizeof fd);
    return fd >= 0 ? fd : -1;
}

/* struct pidfd_info as of Linux 6.13 (PIDFD_INFO_SIZE_VER0, 64 bytes); the kernel
   accepts an older, smaller layout from the size the ioctl number carries. */
struct vigil_pidfd_info {
    uint64_t mask;
    uint64_t cgroupid;
    uint32_t pid, tgid, ppid, ruid, rgid, euid, egid, suid, sgid, fsuid, fsgid;
    uint32_t spare0[1];
};
#define VIGIL_PIDFD_INFO_CGROUPID (1ULL << 2)
#define VIGIL_PIDFD_GET_INFO _IOWR(0xFF, 11, struct vigil_pidfd_info)

int vigil_pidfd_cgroup_id(int pidfd, uint64_t *cgroup_id) {
    struct vigil_pidfd_info info;
    memset(&info, 0, sizeof info);
    info.mask = VIGIL_PIDFD_INFO_CGROUPID;
    if (ioctl(pidfd, VIGIL_PIDFD_GET_INFO, &info) != 0) return -1;
    if (!(info.mask & VIGIL_PIDFD_INFO_CGROUPID)) { errno = EOPNOTSUPP; return -1; }
    *cgroup_id = info.cgroupid;
    return 0;
}
