#define _GNU_SOURCE
#include "CLinux.h"
#include <errno.h>
#include <malloc.h>
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
#include <linux/capability.h>
#include <signal.h>
#include <linux/openat2.h>

int vigil_fanotify_init(unsigned int flags, unsigned int event_f_flags) {
    return fanotify_init(flags, event_f_flags);
}

int vigil_fanotify_mark(int fd, unsigned int flags, uint64_t mask, int dirfd, const char *path) {
    return fanotify_mark(fd, flags, mask, dirfd, path);
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

int vigil_landlock_create_ruleset(uint64_t handled_access_fs) {
    struct landlock_ruleset_attr attr = { .handled_access_fs = handled_access_fs };
    return (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
}

int vigil_landlock_add_path(int ruleset_fd, int parent_fd, uint64_t allowed_access) {
    struct landlock_path_beneath_attr rule = { .allowed_access = allowed_access, .parent_fd = parent_fd };
    return (int)syscall(SYS_landlock_add_rule, ruleset_fd, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
}

int vigil_landlock_restrict_self(int ruleset_fd) { return (int)syscall(SYS_landlock_restrict_self, ruleset_fd, 0); }

// The attribute grew with the ABI (net rights in 4, scopes in 6); the kernel takes the
// size it knows, so pass only the fields this ABI has.
struct vigil_landlock_attr_v6 { uint64_t fs; uint64_t net; uint64_t scoped; };
int vigil_landlock_create_ruleset_full(uint64_t fs, uint64_t net, uint64_t scoped, int abi) {
    struct vigil_landlock_attr_v6 attr = { .fs = fs, .net = net, .scoped = scoped };
    size_t size = abi >= 6 ? sizeof attr : abi >= 4 ? 2 * sizeof(uint64_t) : sizeof(uint64_t);
    return (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
}

// The sandbox self-test's attacks (ptrace is variadic in glibc).
#include <sys/ptrace.h>
int vigil_ptrace_attach(int pid) { return (int)ptrace(PTRACE_ATTACH, pid, NULL, NULL); }

#include <sys/uio.h>
#include <sys/resource.h>
long vigil_process_vm_write(int pid, void *local, void *remote, size_t len) {
    struct iovec l = { .iov_base = local, .iov_len = len }, r = { .iov_base = remote, .iov_len = len };
    return (long)process_vm_writev(pid, &l, 1, &r, 1, 0);
}
int vigil_setresuid(uint32_t uid) { return setresuid(uid, uid, uid); }
int vigil_setresgid(uint32_t gid) { return setresgid(gid, gid, gid); }
int vigil_rlimit_nproc(void) { return RLIMIT_NPROC; }
int vigil_rlimit_memlock(void) { return RLIMIT_MEMLOCK; }

int vigil_set_pdeathsig(int sig) { return prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0); }
int vigil_get_no_new_privs(void) { return prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0); }

int vigil_send_with_fd(int sock, const void *buf, size_t len, int fd) {
    struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
    union { char bytes[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } control;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
    if (fd >= 0) {
        memset(&control, 0, sizeof control);
        msg.msg_control = control.bytes;
        msg.msg_controllen = sizeof control.bytes;
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &fd, sizeof(int));
    }
    ssize_t n;
    do { n = sendmsg(sock, &msg, MSG_NOSIGNAL); } while (n < 0 && errno == EINTR);
    return n < 0 ? -1 : (int)n;
}

ssize_t vigil_recv_with_fd(int sock, void *buf, size_t cap, int *fd) {
    struct iovec iov = { .iov_base = buf, .iov_len = cap };
    union { char bytes[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } control;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.bytes, .msg_controllen = sizeof control.bytes };
    *fd = -1;
    ssize_t n;
    do { n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC); } while (n < 0 && errno == EINTR);
    if (n < 0) return -1;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS && c->cmsg_len >= CMSG_LEN(sizeof(int))) {
            int got = -1;
            memcpy(&got, CMSG_DATA(c), sizeof(int));
            // Only one descriptor is ever sent; close any extra a hostile peer added.
            size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            for (size_t i = 1; i < count; i++) { int extra; memcpy(&extra, CMSG_DATA(c) + i * sizeof(int), sizeof(int)); close(extra); }
            if (*fd < 0) *fd = got; else close(got);
        }
    }
    if (msg.msg_flags & MSG_TRUNC) { errno = EMSGSIZE; if (*fd >= 0) { close(*fd); *fd = -1; } return -1; }
    return n;
}

int vigil_set_no_new_privs(void) { return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); }
int vigil_pidfd_open(int32_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }
int vigil_pidfd_send_signal(int pidfd, int sig) { return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0); }
int vigil_prctl_set_dumpable(int on) { return prctl(PR_SET_DUMPABLE, on, 0, 0, 0); }
int vigil_prctl_get_dumpable(void) { return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0); }
int vigil_capbset_drop(int cap) { return prctl(PR_CAPBSET_DROP, cap, 0, 0, 0); }
int vigil_cap_ambient_clear(void) { return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0); }

int vigil_capget(uint64_t *effective, uint64_t *permitted, uint64_t *inheritable) {
    struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    struct __user_cap_data_struct d[2];
    if (syscall(SYS_capget, &h, d) != 0) return -1;
    *effective = (uint64_t)d[1].effective << 32 | d[0].effective;
    *permitted = (uint64_t)d[1].permitted << 32 | d[0].permitted;
    *inheritable = (uint64_t)d[1].inheritable << 32 | d[0].inheritable;
    return 0;
}

int vigil_capset(uint64_t effective, uint64_t permitted, uint64_t inheritable) {
    struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
    struct __user_cap_data_struct d[2] = {
        { (uint32_t)effective, (uint32_t)permitted, (uint32_t)inheritable },
        { (uint32_t)(effective >> 32), (uint32_t)(permitted >> 32), (uint32_t)(inheritable >> 32) },
    };
    return (int)syscall(SYS_capset, &h, d);
}

size_t vigil_fanotify_event_fid(const void *buf, size_t len, size_t offset, uint8_t *out, size_t cap) {
    if (offset >= len || len - offset < sizeof(struct fanotify_event_metadata)) return 0;
    const struct fanotify_event_metadata *m = (const void *)((const char *)buf + offset);
    if (m->event_len > len - offset) return 0;
    size_t pos = m->metadata_len, end = m->event_len;
    while (pos + sizeof(struct fanotify_event_info_header) <= end) {
        const struct fanotify_event_info_header *h = (const void *)((const char *)m + pos);
        if (h->len < sizeof *h || pos + h->len > end) return 0;
        if (h->info_type == FAN_EVENT_INFO_TYPE_FID) {
            const struct fanotify_event_info_fid *f = (const void *)h;
            const struct file_handle *fh = (const void *)f->handle;
            size_t n = sizeof(int) + fh->handle_bytes;
            if (n > cap || sizeof *f + sizeof(struct file_handle) + fh->handle_bytes > h->len) return 0;
            memcpy(out, &fh->handle_type, sizeof(int));
            memcpy(out + sizeof(int), fh->f_handle, fh->handle_bytes);
            return n;
        }
        pos += h->len;
    }
    return 0;
}

int vigil_name_to_handle(const char *path, int flags, uint8_t *out, size_t cap) {
    return vigil_handle_at(AT_FDCWD, path, flags, out, cap);
}

int vigil_handle_at(int dirfd, const char *path, int flags, uint8_t *out, size_t cap) {
    char storage[sizeof(struct file_handle) + MAX_HANDLE_SZ];
    struct file_handle *fh = (void *)storage;
    int mount_id;
    fh->handle_bytes = MAX_HANDLE_SZ;
    if (name_to_handle_at(dirfd, path, fh, &mount_id, flags) != 0) return -1;
    size_t n = sizeof(int) + fh->handle_bytes;
    if (n > cap) { errno = EOVERFLOW; return -1; }
    memcpy(out, &fh->handle_type, sizeof(int));
    memcpy(out + sizeof(int), fh->f_handle, fh->handle_bytes);
    return (int)n;
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

int vigil_fs_keeps_inode_flags(long t) {
    switch (t) {
    case EXT4_SUPER_MAGIC: case XFS_SUPER_MAGIC: case BTRFS_SUPER_MAGIC: case TMPFS_MAGIC: case F2FS_SUPER_MAGIC:
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

int vigil_openat2(int dirfd, const char *path, uint64_t flags, uint64_t mode, uint64_t resolve) {
    struct open_how how = { .flags = flags, .mode = mode, .resolve = resolve };
    return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof how);
}

int vigil_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags) {
    return renameat2(olddirfd, oldpath, newdirfd, newpath, flags);
}

int vigil_link_fd(int fd, int newdirfd, const char *newpath) { return linkat(fd, "", newdirfd, newpath, AT_EMPTY_PATH); }

static int saved_argc;
static char **saved_argv;

__attribute__((constructor)) static void vigil_capture_arguments(int argc, char **argv, char **envp) {
    (void)envp;
    saved_argc = argc;
    saved_argv = argv;
}

int vigil_saved_argc(void) { return saved_argc; }
char **vigil_saved_argv(void) { return saved_argv; }

int vigil_malloc_trim(void) { return malloc_trim(0); }
