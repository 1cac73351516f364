// Flood probe: N processes, released at once, each opens (and reads a byte of) its own
// file; prints how long the openers waited (open() alone), p50/p99/max, and how the
// opens ended. Used to check that an on-access scanner answers a burst of permission
// events within its deadline. Usage: flood DIR N   (opens DIR/f0 .. DIR/f<N-1>)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int cmp(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: flood DIR N\n"); return 2; }
    int n = atoi(argv[2]);
    uint64_t *waited = mmap(NULL, sizeof(uint64_t) * 2 * (size_t)n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int *result = (int *)(waited + n);
    int gate[2];
    if (pipe(gate) != 0) return 2;
    for (int i = 0; i < n; i++) {
        pid_t p = fork();
        if (p < 0) { perror("fork"); return 2; }
        if (p == 0) {
            char c, path[4096];
            close(gate[1]);
            (void)read(gate[0], &c, 1);   // released when the parent closes its end
            snprintf(path, sizeof path, "%s/f%d", argv[1], i);
            uint64_t t0 = now_ns();
            int fd = open(path, O_RDONLY);
            waited[i] = now_ns() - t0;
            if (fd < 0) { result[i] = errno; _exit(0); }
            (void)read(fd, &c, 1);
            close(fd);
            result[i] = 0;
            _exit(0);
        }
    }
    close(gate[0]);
    usleep(200000);                       // let every child reach read()
    uint64_t start = now_ns();
    close(gate[1]);
    while (wait(NULL) > 0) {}
    double total = (now_ns() - start) / 1e9;
    int ok = 0, denied = 0, other = 0;
    for (int i = 0; i < n; i++) { if (result[i] == 0) ok++; else if (result[i] == EPERM) denied++; else other++; }
    qsort(waited, (size_t)n, sizeof(uint64_t), cmp);
    printf("openers %d  allowed %d  denied %d  other-errors %d  wall %.2f s  wait p50 %.1f ms  p99 %.1f ms  max %.1f ms\n",
           n, ok, denied, other, total, waited[n / 2] / 1e6, waited[(size_t)n * 99 / 100] / 1e6, waited[n - 1] / 1e6);
    return 0;
}
