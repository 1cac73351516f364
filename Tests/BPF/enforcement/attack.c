// vigil-attack: the attacks ordinary tools do not cover directly, one per subcommand,
// each a single system call made the way a hostile root would make it. Prints "OK" or
// "ERR <errno name>" and exits 0 on success, 1 on failure (2 on bad usage), so the guest
// test can assert the exact errno the kernel returned.
//
//   ptrace-attach PID        ptrace(PTRACE_ATTACH) (a debugger attaching)
//   ptrace-seize PID         ptrace(PTRACE_SEIZE)
//   mem-write PID            open /proc/PID/mem for writing (code injection)
//   vm-write PID             process_vm_writev into PID
//   pidfd-getfd PID FD       pidfd_getfd(2): steal PID's descriptor FD
//   setxattr PATH            setxattr(PATH, "user.vigil", "x")
//   move-mount SRC DST       open_tree(SRC, OPEN_TREE_CLONE) + move_mount onto DST (new mount API)
//   move-existing SRC DST    move_mount of the attached mount at SRC to DST
//   sched PID                sched_setscheduler(PID, SCHED_OTHER)
//   ioprio PID               ioprio_set(IOPRIO_WHO_PROCESS, PID, idle)
//   link-detach PIN          BPF_OBJ_GET on a link pin, then BPF_LINK_DETACH
//   map-get-by-id ID         BPF_MAP_GET_FD_BY_ID
//   hold-link PIN SECONDS    BPF_OBJ_GET on a link pin (no LSM hook in 6.1), then keep the fd
//   prog-scan all            BPF_PROG_GET_FD_BY_ID for every loaded program (what bpftool
//                            prog show does, without stopping at the first error);
//                            prints "refused=N allowed=M "
//   bench DIR FILES ROUNDS   open + read 4 KiB + close of DIR/f0..f{FILES-1}, ROUNDS times;
//                            prints "ops=N min_p50_ns=X med_p50_ns=Y mean_ns=Z" (the
//                            smallest and the median of each round's median)
//   exec-bench N             fork + execve /bin/true + wait, N times in blocks of 20 (the
//                            exec and mmap hooks' path); same output
// For the kernel's own refusals without BPF LSM (guest-kernel-refusals.sh: Yama scope 3,
// lockdown integrity):
//   ptrace-hold PID MS       PTRACE_SEIZE, stay attached MS milliseconds, detach (a tracer
//                            the self-audit can see)
//   pidfd-flush PID          pidfd_getfd of each of PID's fanotify descriptors, then
//                            FAN_MARK_FLUSH of its inode, mount and filesystem marks
//                            (blinding the guard); "ERR" is the first refusal
//   finit-module PATH        finit_module(2) of the module file at PATH
//   kexec-load               kexec_load(2) with no segments (unloads nothing when allowed)
//   kexec-file PATH          kexec_file_load(2) of the kernel image at PATH, no initramfs;
//                            unloaded again when it loaded
//   devmem-write             open /dev/mem for writing
//   iopl                     iopl(3) (raw I/O port access)
//   immutable-race PATH SECONDS
//                            the -i / open / +i race (issue 12): a child toggles PATH's
//                            immutable flag (FS_IOC_SETFLAGS -i, 5-200 us, +i, as long)
//                            while this process opens PATH O_WRONLY in a loop, so that an
//                            open passes may_open() with the flag clear and the flag is
//                            back before the tamper guard reads it; a writable descriptor
//                            is closed at once. Prints "attempts=N writable=W refused=R
//                            other=O toggles=T", leaves +i set, exits 0 when W is 0
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/fanotify.h>
#include <sys/io.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/fs.h>
#include <linux/kexec.h>
#include <linux/mount.h>

#include <bpf/bpf.h>

static int result(long rc)
{
    if (rc < 0) {
        const char *name = strerrorname_np(errno);
        printf("ERR %s\n", name ? name : "?");
        return 1;
    }
    printf("OK\n");
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

// Prints the smallest and the median of the per-block medians, and the overall mean.
static void report_blocks(uint64_t *t, size_t block, size_t blocks)
{
    uint64_t *medians = malloc(blocks * sizeof *medians), total = 0;
    for (size_t b = 0; b < blocks; b++) {
        for (size_t i = 0; i < block; i++)
            total += t[b * block + i];
        qsort(t + b * block, block, sizeof *t, cmp_u64);
        medians[b] = t[b * block + block / 2];
    }
    qsort(medians, blocks, sizeof *medians, cmp_u64);
    printf("ops=%zu min_p50_ns=%llu med_p50_ns=%llu mean_ns=%llu\n", block * blocks, (unsigned long long)medians[0],
           (unsigned long long)medians[blocks / 2], (unsigned long long)(total / (block * blocks)));
    free(medians);
}

static int bench(const char *dir, int files, int rounds)
{
    size_t n = (size_t)files * (size_t)rounds;
    uint64_t *t = malloc(n * sizeof *t);
    char path[4096], buf[4096];
    size_t k = 0;
    for (int r = 0; r < rounds; r++) {
        for (int f = 0; f < files; f++) {
            snprintf(path, sizeof path, "%s/f%d", dir, f);
            uint64_t t0 = now_ns();
            int fd = open(path, O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                perror(path);
                return 1;
            }
            if (read(fd, buf, sizeof buf) < 0) {
                perror(path);
                return 1;
            }
            close(fd);
            t[k++] = now_ns() - t0;
        }
    }
    report_blocks(t, (size_t)files, (size_t)rounds);
    free(t);
    return 0;
}

static int set_immutable(int fd, int on)
{
    int flags = 0;
    if (ioctl(fd, FS_IOC_GETFLAGS, &flags))
        return -1;
    flags = on ? flags | FS_IMMUTABLE_FL : flags & ~FS_IMMUTABLE_FL;
    return ioctl(fd, FS_IOC_SETFLAGS, &flags);
}

static void spin_us(uint64_t us)
{
    uint64_t until = now_ns() + us * 1000;
    while (now_ns() < until)
        ;
}

static int immutable_race(const char *path, double seconds)
{
    // The descriptor for the flag ioctls, opened once: one more open would be one more
    // event for the guard (a read of an immutable file: allowed).
    int flag_fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (flag_fd < 0)
        return result(-1);
    uint64_t end = now_ns() + (uint64_t)(seconds * 1e9);
    int counts[2];
    if (pipe(counts))
        return result(-1);
    pid_t child = fork();
    if (child == 0) {
        static const uint64_t pauses[] = {5, 20, 50, 100, 200};
        long toggles = 0;
        for (unsigned n = 0; now_ns() < end; n++) {
            if (set_immutable(flag_fd, 0) == 0)
                toggles++;
            spin_us(pauses[n % 5]);
            set_immutable(flag_fd, 1);
            spin_us(pauses[n % 5]);
        }
        set_immutable(flag_fd, 1);
        if (write(counts[1], &toggles, sizeof toggles) != sizeof toggles)
            _exit(1);
        _exit(0);
    }
    if (child < 0)
        return result(-1);
    long attempts = 0, writable = 0, refused = 0, other = 0, toggles = 0;
    while (now_ns() < end) {
        attempts++;
        int fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            writable++;
            close(fd);
        } else if (errno == EPERM) {
            refused++;
        } else {
            other++;
        }
    }
    waitpid(child, NULL, 0);
    if (read(counts[0], &toggles, sizeof toggles) != sizeof toggles)
        toggles = -1;
    set_immutable(flag_fd, 1);
    printf("attempts=%ld writable=%ld refused=%ld other=%ld toggles=%ld\n", attempts, writable, refused, other, toggles);
    return writable == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: vigil-attack COMMAND ARGS (see the source)\n");
        return 2;
    }
    const char *cmd = argv[1];
    if (argc < 3 && strcmp(cmd, "kexec-load") && strcmp(cmd, "devmem-write") && strcmp(cmd, "iopl")) {
        fprintf(stderr, "usage: vigil-attack COMMAND ARGS (see the source)\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!strcmp(cmd, "ptrace-attach") || !strcmp(cmd, "ptrace-seize")) {
        pid_t pid = atoi(argv[2]);
        long rc = ptrace(!strcmp(cmd, "ptrace-attach") ? PTRACE_ATTACH : PTRACE_SEIZE, pid, 0, 0);
        int status = result(rc);
        if (rc == 0) {
            if (!strcmp(cmd, "ptrace-attach"))
                waitpid(pid, NULL, __WALL);
            ptrace(PTRACE_DETACH, pid, 0, 0);
        }
        return status;
    }
    if (!strcmp(cmd, "mem-write")) {
        char path[64];
        snprintf(path, sizeof path, "/proc/%s/mem", argv[2]);
        int fd = open(path, O_RDWR);
        if (fd >= 0)
            close(fd);
        return result(fd);
    }
    if (!strcmp(cmd, "vm-write")) {
        char byte = 0;
        struct iovec local = { &byte, 1 }, remote = { (void *)0x1000, 1 };
        long rc = process_vm_writev(atoi(argv[2]), &local, 1, &remote, 1, 0);
        // EFAULT means the permission check passed and only the address was wrong.
        return result(rc);
    }
    if (!strcmp(cmd, "pidfd-getfd") && argc == 4) {
        int pidfd = (int)syscall(SYS_pidfd_open, atoi(argv[2]), 0);
        if (pidfd < 0)
            return result(pidfd);
        long fd = syscall(SYS_pidfd_getfd, pidfd, atoi(argv[3]), 0);
        return result(fd);
    }
    if (!strcmp(cmd, "setxattr"))
        return result(setxattr(argv[2], "user.vigil", "x", 1, 0));
    if ((!strcmp(cmd, "move-mount") || !strcmp(cmd, "move-existing")) && argc == 4) {
        int clone = !strcmp(cmd, "move-mount");
        int fd = (int)syscall(SYS_open_tree, AT_FDCWD, argv[2], clone ? OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC : OPEN_TREE_CLOEXEC);
        if (fd < 0)
            return result(fd);
        return result(syscall(SYS_move_mount, fd, "", AT_FDCWD, argv[3], MOVE_MOUNT_F_EMPTY_PATH));
    }
    if (!strcmp(cmd, "sched")) {
        struct sched_param p = { 0 };
        return result(sched_setscheduler(atoi(argv[2]), SCHED_OTHER, &p));
    }
    if (!strcmp(cmd, "ioprio")) {
        // IOPRIO_WHO_PROCESS = 1, class IDLE (3) << 13
        return result(syscall(SYS_ioprio_set, 1, atoi(argv[2]), 3 << 13));
    }
    if (!strcmp(cmd, "link-detach")) {
        int fd = bpf_obj_get(argv[2]);
        if (fd < 0)
            return result(fd);
        return result(bpf_link_detach(fd));
    }
    if (!strcmp(cmd, "hold-link") && argc == 4) {
        int fd = bpf_obj_get(argv[2]);
        int status = result(fd);
        if (fd >= 0)
            sleep((unsigned)atoi(argv[3]));
        return status;
    }
    if (!strcmp(cmd, "map-get-by-id"))
        return result(bpf_map_get_fd_by_id((unsigned)atoi(argv[2])));
    if (!strcmp(cmd, "prog-scan")) {
        unsigned id = 0, refused = 0, allowed = 0;
        while (bpf_prog_get_next_id(id, &id) == 0) {
            int fd = bpf_prog_get_fd_by_id(id);
            if (fd >= 0) {
                allowed++;
                close(fd);
            } else if (errno == EPERM) {
                refused++;
            }
        }
        printf("refused=%u allowed=%u \n", refused, allowed);
        return 0;
    }
    if (!strcmp(cmd, "exec-bench")) {
        size_t n = (size_t)atoi(argv[2]), block = 20;
        n -= n % block;
        uint64_t *t = malloc(n * sizeof *t);
        for (size_t i = 0; i < n; i++) {
            uint64_t t0 = now_ns();
            pid_t pid = fork();
            if (pid == 0) {
                execl("/bin/true", "true", (char *)NULL);
                _exit(127);
            }
            int status;
            waitpid(pid, &status, 0);
            t[i] = now_ns() - t0;
        }
        report_blocks(t, block, n / block);
        free(t);
        return 0;
    }
    if (!strcmp(cmd, "ptrace-hold") && argc == 4) {
        pid_t pid = atoi(argv[2]);
        long rc = ptrace(PTRACE_SEIZE, pid, 0, 0);
        if (rc == 0) {
            usleep((useconds_t)atoi(argv[3]) * 1000);
            ptrace(PTRACE_DETACH, pid, 0, 0);
        }
        return result(rc);
    }
    if (!strcmp(cmd, "pidfd-flush")) {
        int pidfd = (int)syscall(SYS_pidfd_open, atoi(argv[2]), 0);
        if (pidfd < 0)
            return result(pidfd);
        char dir[64], link[384], target[256];
        snprintf(dir, sizeof dir, "/proc/%s/fd", argv[2]);
        DIR *d = opendir(dir);
        if (!d)
            return result(-1);
        struct dirent *e;
        int found = 0;
        long rc = 0;
        while ((e = readdir(d)) != NULL) {
            snprintf(link, sizeof link, "%s/%s", dir, e->d_name);
            ssize_t n = readlink(link, target, sizeof target - 1);
            if (n <= 0)
                continue;
            target[n] = 0;
            if (strcmp(target, "anon_inode:[fanotify]"))
                continue;
            found++;
            long fd = syscall(SYS_pidfd_getfd, pidfd, atoi(e->d_name), 0);
            if (fd < 0) {
                rc = fd;
                break;
            }
            fanotify_mark((int)fd, FAN_MARK_FLUSH, 0, AT_FDCWD, NULL);
            fanotify_mark((int)fd, FAN_MARK_FLUSH | FAN_MARK_MOUNT, 0, AT_FDCWD, NULL);
            fanotify_mark((int)fd, FAN_MARK_FLUSH | FAN_MARK_FILESYSTEM, 0, AT_FDCWD, NULL);
            close((int)fd);
        }
        int saved = errno;
        closedir(d);
        errno = saved;
        if (!found) {
            printf("ERR no fanotify descriptor\n");
            return 1;
        }
        return result(rc);
    }
    if (!strcmp(cmd, "finit-module")) {
        int fd = open(argv[2], O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return result(fd);
        return result(syscall(SYS_finit_module, fd, "", 0));
    }
    if (!strcmp(cmd, "kexec-load"))
        return result(syscall(SYS_kexec_load, 0UL, 0UL, NULL, 0UL));
    if (!strcmp(cmd, "kexec-file")) {
        int fd = open(argv[2], O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return result(fd);
        long rc = syscall(SYS_kexec_file_load, fd, -1, 0UL, "", (unsigned long)KEXEC_FILE_NO_INITRAMFS);
        int status = result(rc);
        if (rc == 0)
            syscall(SYS_kexec_file_load, -1, -1, 0UL, NULL, (unsigned long)KEXEC_FILE_UNLOAD);
        return status;
    }
    if (!strcmp(cmd, "devmem-write")) {
        int fd = open("/dev/mem", O_WRONLY | O_CLOEXEC);
        if (fd >= 0)
            close(fd);
        return result(fd);
    }
    if (!strcmp(cmd, "iopl")) {
        long rc = iopl(3);
        if (rc == 0)
            iopl(0);
        return result(rc);
    }
    if (!strcmp(cmd, "immutable-race") && argc == 4)
        return immutable_race(argv[2], atof(argv[3]));
    if (!strcmp(cmd, "bench") && argc == 5)
        return bench(argv[2], atoi(argv[3]), atoi(argv[4]));
    fprintf(stderr, "vigil-attack: unknown command %s\n", cmd);
    return 2;
}
