#define _GNU_SOURCE
#include "CLinux.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/landlock.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/mman.h>
#include <stdio.h>

int vigil_fanotify_init(unsigned int flags, unsigned int event_f_flags) {
    return fanotify_init(flags, event_f_flags);
}

int vigil_fanotify_mark(int fd, unsigned int flags, uint64_t mask, int dirfd, const char *path) {
    return fanotify_mark(fd, flags, mask, dirfd, path);
}

size_t vigil_fanotify_event_at(const void *buf, size_t len, size_t offset,
                               uint64_t *mask, int32_t *fd, int32_t *pid, int *version_ok) {
    if (offset >= len || len - offset < sizeof(struct fanotify_event_metadata)) return 0;
    const struct fanotify_event_metadata *m = (const void *)((const char *)buf + offset);
    if (m->event_len < sizeof(*m) || m->event_len > len - offset) return 0;
    *mask = m->mask;
    *fd = m->fd;
    *pid = m->pid;
    *version_ok = m->vers == FANOTIFY_METADATA_VERSION;
    return m->event_len;
}

int vigil_fanotify_respond(int fanotify_fd, int32_t event_fd, uint32_t response) {
    struct fanotify_response r = { .fd = event_fd, .response = response };
    ssize_t n;
    do { n = write(fanotify_fd, &r, sizeof r); } while (n < 0 && errno == EINTR);
    return n == (ssize_t)sizeof r ? 0 : -1;
}

int vigil_get_inode_flags(int fd, unsigned int *flags) { return ioctl(fd, FS_IOC_GETFLAGS, flags); }
int vigil_set_inode_flags(int fd, unsigned int flags) { return ioctl(fd, FS_IOC_SETFLAGS, &flags); }
unsigned int vigil_fs_immutable_fl(void) { return FS_IMMUTABLE_FL; }

int vigil_landlock_abi_version(void) {
    long v = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    return v < 0 ? -1 : (int)v;
}

long vigil_fs_type(int fd) {
    struct statfs s;
    if (fstatfs(fd, &s) != 0) return -1;
    return (long)s.f_type;
}

int vigil_fs_is_pseudo(long t) {
    switch (t) {
    case PROC_SUPER_MAGIC: case SYSFS_MAGIC: case DEBUGFS_MAGIC: case TRACEFS_MAGIC:
    case SECURITYFS_MAGIC: case CGROUP_SUPER_MAGIC: case CGROUP2_SUPER_MAGIC:
    case DEVPTS_SUPER_MAGIC: case BPF_FS_MAGIC: case PSTOREFS_MAGIC: case EFIVARFS_MAGIC:
    case BINFMTFS_MAGIC:
    case 0x62656570: /* configfs */ case 0x65735543: /* fusectl */
        return 1;
    default:
        return 0;
    }
}

void vigil_set_thread_name(const char *name) { prctl(PR_SET_NAME, name, 0, 0, 0); }

int vigil_accept_cloexec(int fd) { return accept4(fd, NULL, NULL, SOCK_CLOEXEC); }

int vigil_peer_uid(int fd, uint32_t *uid, int32_t *pid) {
    struct ucred cred;
    socklen_t len = sizeof cred;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) return -1;
    *uid = cred.uid;
    *pid = cred.pid;
    return 0;
}

int vigil_memfd(const char *name) { return memfd_create(name, MFD_CLOEXEC); }

int vigil_rename_noreplace(const char *from, const char *to) { return renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE); }
