// vigil-bpf-lsm-probe: loads and attaches a minimal BPF LSM program (probe.bpf.c) to
// find out whether this kernel really runs BPF LSM programs, and optionally keeps it
// attached while a command runs, refusing unlink of the given files.
//
//   vigil-bpf-lsm-probe [-v] [--deny-unlink PATH]... [-- COMMAND [ARG...]]
//
// Without COMMAND: prints whether BPF LSM is usable; exit 0 if it is, 1 if not.
// With COMMAND: runs it while the program is attached and exits with its status.
// A load that fails says why, with the errno name (EPERM on hosts that list `bpf`
// among their LSMs but refuse the programs).
#define _GNU_SOURCE   // strerrorname_np
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "probe.skel.h"

struct inode_key {
    __u64 ino;
    __u32 dev;
    __u32 pad;
};

static int verbose;

// libbpf's own log (the verifier's output on a failed load) only with -v; otherwise
// the failure is reported in one line below.
static int print_libbpf(enum libbpf_print_level level, const char *fmt, va_list args)
{
    if (!verbose || level == LIBBPF_DEBUG)
        return 0;
    return vfprintf(stderr, fmt, args);
}

static void print_lsms(void)
{
    char buf[512] = "";
    FILE *f = fopen("/sys/kernel/security/lsm", "r");
    if (!f) {
        printf("bpf-lsm: active LSMs unknown (securityfs not mounted?)\n");
        return;
    }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    buf[strcspn(buf, "\n")] = 0;
    printf("bpf-lsm: active LSMs: %s\n", buf);
}

static int unavailable(const char *step, int err)
{
    err = err < 0 ? -err : err;
    const char *name = strerrorname_np(err);
    printf("bpf-lsm: unavailable: %s failed: %s (%s)\n", step, strerror(err), name ? name : "?");
    return 1;
}

static void usage(FILE *to)
{
    fprintf(to, "usage: vigil-bpf-lsm-probe [-v] [--deny-unlink PATH]... [-- COMMAND [ARG...]]\n");
}

int main(int argc, char **argv)
{
    const char *deny[64];
    int ndeny = 0, i;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) {
            verbose = 1;
        } else if (strcmp(argv[i], "--deny-unlink") == 0 && i + 1 < argc) {
            if (ndeny == 64) {
                fprintf(stderr, "vigil-bpf-lsm-probe: at most 64 --deny-unlink\n");
                return 2;
            }
            deny[ndeny++] = argv[++i];
        } else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    char **command = i < argc ? &argv[i] : NULL;

    libbpf_set_print(print_libbpf);
    setvbuf(stdout, NULL, _IOLBF, 0);
    print_lsms();

    struct probe_bpf *skel = probe_bpf__open();
    if (!skel)
        return unavailable("open", errno);
    int err = probe_bpf__load(skel);
    if (err) {
        probe_bpf__destroy(skel);
        return unavailable("load", err);
    }
    err = probe_bpf__attach(skel);
    if (err) {
        probe_bpf__destroy(skel);
        return unavailable("attach", err);
    }
    printf("bpf-lsm: available: lsm/inode_unlink loaded and attached\n");

    int map = bpf_map__fd(skel->maps.deny_unlink);
    for (int d = 0; d < ndeny; d++) {
        struct stat st;
        if (lstat(deny[d], &st) != 0) {
            fprintf(stderr, "vigil-bpf-lsm-probe: %s: %s\n", deny[d], strerror(errno));
            probe_bpf__destroy(skel);
            return 2;
        }
        // st_dev is the user-space encoding; the kernel's dev_t is major << 20 | minor.
        struct inode_key key = {
            .ino = st.st_ino,
            .dev = (__u32)(major(st.st_dev) << 20 | minor(st.st_dev)),
        };
        __u8 one = 1;
        if (bpf_map_update_elem(map, &key, &one, BPF_ANY) != 0) {
            fprintf(stderr, "vigil-bpf-lsm-probe: map update: %s\n", strerror(errno));
            probe_bpf__destroy(skel);
            return 2;
        }
        printf("bpf-lsm: refusing unlink of %s (inode %llu, dev %u:%u)\n", deny[d],
               (unsigned long long)st.st_ino, major(st.st_dev), minor(st.st_dev));
    }

    int status = 0;
    if (command) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("vigil-bpf-lsm-probe: fork");
            probe_bpf__destroy(skel);
            return 2;
        }
        if (pid == 0) {
            execvp(command[0], command);
            fprintf(stderr, "vigil-bpf-lsm-probe: %s: %s\n", command[0], strerror(errno));
            _exit(127);
        }
        int ws;
        while (waitpid(pid, &ws, 0) < 0) {
            if (errno != EINTR) {
                perror("vigil-bpf-lsm-probe: waitpid");
                ws = 2 << 8;
                break;
            }
        }
        status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
        printf("bpf-lsm: refused %llu unlink(s)\n", (unsigned long long)skel->bss->denied);
    }
    probe_bpf__destroy(skel);   // detaches: the files are removable again
    return status;
}
