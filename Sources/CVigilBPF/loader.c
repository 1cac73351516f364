// Owns: loading Vigil's BPF LSM object from the committed skeleton, attaching and pinning
// it in a private bpffs, re-opening the pins after a restart, the map updates user
// space makes, and draining the refusal ring buffer into a queue.
// Must not: choose what to protect or whom to trust (VigilBPF does), print (libbpf's
// messages go to a buffer unless VIGIL_BPF_VERBOSE is set), or leave a half-attached
// program set behind: a failure before the pins exist destroys everything it loaded.
#define _GNU_SOURCE
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "vigil_bpf.h"
#include "generated/vigil_lsm.skel.h"
#include "generated/vigil_probe.skel.h"

#define BPF_FS_MAGIC 0xcafe4a11
#define EVENT_QUEUE_CAPACITY 4096   // more than the 256 KiB ring buffer can hold at once

// The programs, in the skeleton's order (checked at load). Names without "vigil_".
static const char *const hook_names[] = {
    "file_open", "inode_setattr", "file_ioctl", "inode_setxattr", "inode_removexattr",
    "inode_unlink", "inode_rmdir", "inode_rename", "inode_link", "inode_create",
    "inode_mkdir", "inode_mknod", "inode_symlink", "sb_mount", "move_mount", "sb_umount",
    "task_kill", "ptrace_access_check", "task_setrlimit", "task_setnice", "task_setioprio",
    "task_setscheduler", "task_movememory", "bprm_committed_creds", "process_exit",
    "mmap_file", "file_mprotect", "bpf_map", "bpf_prog", "bpf",
};
#define HOOK_COUNT ((int)(sizeof(hook_names) / sizeof(hook_names[0])))

// The maps user space needs, by name; pinned as map_<name>.
enum map_index { M_PROTECTED, M_SEALED, M_AGENTS, M_CANDIDATES, M_SELF, M_LEASE, M_SETTINGS, M_EVENTS, M_STATS, M_COUNT };
static const char *const map_names[M_COUNT] = {
    "protected_inodes", "sealed_libraries", "agents", "candidates", "self_ids", "lease", "settings", "events", "stats",
};

struct vigil_bpf {
    struct vigil_lsm_bpf *skel;   // NULL when the pins were re-opened
    int map_fd[M_COUNT];          // owned only when re-opened (else the skeleton's)
    int link_fd[HOOK_COUNT];      // -1 if that hook is not attached
    int reused;
    char dir[512];                // pin_dir/<digest>
    char pin_dir[512];
    struct ring_buffer *ring;
    struct vigil_event *queue;    // EVENT_QUEUE_CAPACITY events, queue_len of them valid
    int queue_len;
    __u64 lost;
};

// ---- libbpf's messages -------------------------------------------------------------

static char last_log[4096];
static size_t last_log_len;

static int capture_libbpf(enum libbpf_print_level level, const char *fmt, va_list args)
{
    if (getenv("VIGIL_BPF_VERBOSE")) {
        va_list copy;
        va_copy(copy, args);
        vfprintf(stderr, fmt, copy);
        va_end(copy);
    }
    if (level == LIBBPF_DEBUG)
        return 0;
    // Whole: libbpf prints a refused program's verifier log as one message, and its
    // verdict ("unknown func bpf_probe_read#4" under lockdown confidentiality) is the
    // last line of it; a fixed line buffer kept only the log's head.
    char *text = NULL;
    int n = vasprintf(&text, fmt, args);
    if (n <= 0 || !text) {
        free(text);
        return 0;
    }
    const char *line = text;
    size_t len = (size_t)n;
    // Keep the tail: the verifier's last lines say why it refused.
    if (len >= sizeof last_log) {
        line += len - (sizeof last_log - 1);
        len = sizeof last_log - 1;
    }
    if (last_log_len + len >= sizeof last_log) {
        size_t drop = last_log_len + len - (sizeof last_log - 1);
        memmove(last_log, last_log + drop, last_log_len - drop);
        last_log_len -= drop;
    }
    memcpy(last_log + last_log_len, line, len);
    last_log_len += len;
    last_log[last_log_len] = 0;
    free(text);
    return 0;
}

static void quiet_libbpf(void)
{
    libbpf_set_print(capture_libbpf);
}

const char *vigil_bpf_errno_name(int code)
{
    return strerrorname_np(code);
}

const char *vigil_bpf_last_log(void)
{
    return last_log;
}

// ---- the load test -----------------------------------------------------------------

int vigil_bpf_probe(const char **step)
{
    quiet_libbpf();
    last_log_len = 0;
    last_log[0] = 0;
    *step = "open";
    struct vigil_probe_bpf *skel = vigil_probe_bpf__open();
    if (!skel)
        return -errno;
    *step = "load";
    int err = vigil_probe_bpf__load(skel);
    if (!err) {
        *step = "attach";
        err = vigil_probe_bpf__attach(skel);
    }
    vigil_probe_bpf__destroy(skel);   // detaches: the probe is never left behind
    return err < 0 ? err : (err ? -err : 0);
}

// ---- build digest --------------------------------------------------------------------

static char digest[17];

const char *vigil_bpf_digest(void)
{
    if (!digest[0]) {
        size_t size = 0;
        const unsigned char *bytes = vigil_lsm_bpf__elf_bytes(&size);
        __u64 h = 0xcbf29ce484222325ull;   // FNV-1a: a name for the pin folder, not a MAC
        for (size_t i = 0; i < size; i++) {
            h ^= bytes[i];
            h *= 0x100000001b3ull;
        }
        snprintf(digest, sizeof digest, "%016llx", (unsigned long long)h);
    }
    return digest;
}

// ---- pins ----------------------------------------------------------------------------

static int ensure_bpffs(const char *pin_dir)
{
    if (mkdir(pin_dir, 0700) != 0 && errno != EEXIST)
        return -errno;
    struct statfs fs;
    if (statfs(pin_dir, &fs) != 0)
        return -errno;
    if ((unsigned long)fs.f_type == BPF_FS_MAGIC)
        return 0;   // already ours (a restart), or mounted by the administrator
    // A bpffs of our own, not the shared /sys/fs/bpf: nothing else pins here, and the
    // programs protect its root, its pins and the path to it.
    if (mount("bpf", pin_dir, "bpf", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0700") != 0)
        return -errno;
    return 1;   // mounted now: unmount it again if the load fails
}

static int pin_path(char *out, size_t size, const char *dir, const char *prefix, const char *name)
{
    // bpffs refuses dots in names (EPERM: reserved for its own use).
    int n = snprintf(out, size, "%s/%s_%s", dir, prefix, name);
    return n > 0 && (size_t)n < size ? 0 : -ENAMETOOLONG;
}

static struct vigil_inode_key key_of(const struct stat *st)
{
    struct vigil_inode_key key = {
        .ino = st->st_ino,
        // The kernel's dev_t (major << 20 | minor), not glibc's st_dev encoding.
        .dev = (__u32)(major(st->st_dev) << 20 | minor(st->st_dev)),
        .pad = 0,
    };
    return key;
}

static int protect_path(vigil_bpf *b, const char *path, __u32 flags)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -errno;
    return vigil_bpf_protect(b, key_of(&st), flags);
}

// Each pin may be neither removed nor renamed; the folders take no new entries and
// nothing may be mounted on them (or the pin folder unmounted).
static int protect_pins(vigil_bpf *b)
{
    char path[640];
    int err = protect_path(b, b->pin_dir, VIGIL_PROTECT_ENTRIES | VIGIL_PROTECT_NAME | VIGIL_PROTECT_MOUNT);
    if (!err)
        err = protect_path(b, b->dir, VIGIL_PROTECT_ENTRIES | VIGIL_PROTECT_NAME | VIGIL_PROTECT_MOUNT);
    for (int m = 0; !err && m < M_COUNT; m++) {
        if ((err = pin_path(path, sizeof path, b->dir, "map", map_names[m])) == 0)
            err = protect_path(b, path, VIGIL_PROTECT_NAME | VIGIL_PROTECT_CONTENT);
    }
    for (int h = 0; !err && h < HOOK_COUNT; h++) {
        if ((err = pin_path(path, sizeof path, b->dir, "link", hook_names[h])) == 0)
            err = protect_path(b, path, VIGIL_PROTECT_NAME | VIGIL_PROTECT_CONTENT);
    }
    return err;
}

static int object_id(int fd, int is_link)
{
    if (is_link) {
        struct bpf_link_info info;
        __u32 len = sizeof info;
        memset(&info, 0, sizeof info);
        if (bpf_obj_get_info_by_fd(fd, &info, &len) != 0)
            return -errno;
        return (int)info.id;
    }
    // bpf_map_info and bpf_prog_info both start with type then id.
    union {
        struct bpf_map_info map;
        struct bpf_prog_info prog;
    } info;
    __u32 len = sizeof info;
    memset(&info, 0, sizeof info);
    if (bpf_obj_get_info_by_fd(fd, &info, &len) != 0)
        return -errno;
    return (int)info.map.id;
}

static int add_self(vigil_bpf *b, __u64 kind, int fd, int is_link)
{
    int id = object_id(fd, is_link);
    if (id < 0)
        return id;
    __u64 key = kind << 32 | (__u32)id;
    __u8 one = 1;
    return bpf_map_update_elem(b->map_fd[M_SELF], &key, &one, BPF_ANY) ? -errno : 0;
}

// ---- open ----------------------------------------------------------------------------

static vigil_bpf *alloc_handle(const char *pin_dir)
{
    vigil_bpf *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->queue = calloc(EVENT_QUEUE_CAPACITY, sizeof(struct vigil_event));
    if (!b->queue) {
        free(b);
        return NULL;
    }
    for (int m = 0; m < M_COUNT; m++)
        b->map_fd[m] = -1;
    for (int h = 0; h < HOOK_COUNT; h++)
        b->link_fd[h] = -1;
    snprintf(b->pin_dir, sizeof b->pin_dir, "%s", pin_dir);
    snprintf(b->dir, sizeof b->dir, "%s/%s", pin_dir, vigil_bpf_digest());
    return b;
}

static void free_handle(vigil_bpf *b)
{
    if (b->ring)
        ring_buffer__free(b->ring);
    if (b->skel) {
        // Our descriptors go; links that were pinned stay attached.
        for (int h = 0; h < HOOK_COUNT; h++) {
            struct bpf_link **links = (struct bpf_link **)&b->skel->links;
            if (links[h])
                bpf_link__disconnect(links[h]);
        }
        vigil_lsm_bpf__destroy(b->skel);
    } else {
        for (int m = 0; m < M_COUNT; m++)
            if (b->map_fd[m] >= 0)
                close(b->map_fd[m]);
        for (int h = 0; h < HOOK_COUNT; h++)
            if (b->link_fd[h] >= 0)
                close(b->link_fd[h]);
    }
    free(b->queue);
    free(b);
}

static int handle_event(void *ctx, void *data, size_t size)
{
    vigil_bpf *b = ctx;
    if (size < sizeof(struct vigil_event))
        return 0;   // not ours to judge; never fail: libbpf would drop the rest
    if (b->queue_len == EVENT_QUEUE_CAPACITY) {
        b->lost++;
        return 0;
    }
    memcpy(&b->queue[b->queue_len++], data, sizeof(struct vigil_event));
    return 0;
}

static int open_ring(vigil_bpf *b)
{
    b->ring = ring_buffer__new(b->map_fd[M_EVENTS], handle_event, b, NULL);
    return b->ring ? 0 : -errno;
}

// Re-open this build's pins; -ENOENT if there are none.
static int reopen(vigil_bpf *b)
{
    char path[640];
    for (int m = 0; m < M_COUNT; m++) {
        int err = pin_path(path, sizeof path, b->dir, "map", map_names[m]);
        if (err)
            return err;
        b->map_fd[m] = bpf_obj_get(path);
        if (b->map_fd[m] < 0)
            return -errno;
    }
    for (int h = 0; h < HOOK_COUNT; h++) {
        int err = pin_path(path, sizeof path, b->dir, "link", hook_names[h]);
        if (err)
            return err;
        b->link_fd[h] = bpf_obj_get(path);   // -1 if this hook's pin is gone
    }
    b->reused = 1;
    return open_ring(b);
}

static int other_builds_pinned(const char *pin_dir)
{
    // Any entry but ours means another build's programs may still be attached.
    int found = 0;
    DIR *d = opendir(pin_dir);
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (strcmp(e->d_name, vigil_bpf_digest()) != 0)
            found = 1;
    }
    closedir(d);
    return found;
}

// With VIGIL_BPF_VERBOSE, says which step failed and what our own hooks counted (a
// refusal of the loader by its own programs shows up there).
static int debug_failure(const char *step, const char *what, int err, vigil_bpf *b)
{
    if (getenv("VIGIL_BPF_VERBOSE")) {
        __u64 counts[VIGIL_STAT_SLOTS];
        fprintf(stderr, "vigil-bpf: %s %s: %s\n", step, what, strerror(-err));
        if (vigil_bpf_stats(b, counts) == 0)
            for (int i = 0; i < VIGIL_STAT_SLOTS; i++)
                if (counts[i])
                    fprintf(stderr, "vigil-bpf: stat[%d] = %llu\n", i, (unsigned long long)counts[i]);
    }
    return err;
}

static int load_fresh(vigil_bpf *b, const struct vigil_bpf_options *o)
{
    struct vigil_lsm_bpf *skel = vigil_lsm_bpf__open();
    if (!skel)
        return -errno;
    b->skel = skel;
    skel->rodata->lease_max_ns = o->lease_max_ns;
    skel->rodata->event_rate = o->event_rate;
    skel->rodata->event_burst = o->event_burst;
    int err = vigil_lsm_bpf__load(skel);
    if (err)
        return err < 0 ? err : -err;

    // The skeleton's program order is the hook table's.
    int h = 0;
    struct bpf_program *prog;
    bpf_object__for_each_program(prog, skel->obj) {
        if (h >= HOOK_COUNT || strncmp(bpf_program__name(prog), "vigil_", 6) != 0 ||
            strcmp(bpf_program__name(prog) + 6, hook_names[h]) != 0)
            return -EPROTO;
        h++;
    }
    if (h != HOOK_COUNT)
        return -EPROTO;
    for (int m = 0; m < M_COUNT; m++) {
        struct bpf_map *map = bpf_object__find_map_by_name(skel->obj, map_names[m]);
        if (!map)
            return -EPROTO;
        b->map_fd[m] = bpf_map__fd(map);
    }

    // Before any hook is live: the settings, and the ids of our maps and programs (the
    // bpf_map/bpf_prog hooks refuse their fds to everyone else from the moment they attach).
    struct vigil_settings settings = { .agent_exe = o->agent_exe, .init_mnt_ns = o->init_mnt_ns };
    if ((err = vigil_bpf_settings(b, &settings)))
        return err;
    struct bpf_map *map;
    bpf_object__for_each_map(map, skel->obj) {
        if ((err = add_self(b, 1, bpf_map__fd(map), 0)))
            return err;
    }
    bpf_object__for_each_program(prog, skel->obj) {
        if ((err = add_self(b, 2, bpf_program__fd(prog), 0)))
            return err;
    }

    // Pins: maps first (nothing is attached yet), then each link as it attaches, under
    // pin_dir/<digest>, so that the programs outlive this process and a restarted agent
    // finds them.
    if (mkdir(b->dir, 0700) != 0 && errno != EEXIST)
        return -errno;
    char path[640];
    for (int m = 0; m < M_COUNT; m++) {
        if ((err = pin_path(path, sizeof path, b->dir, "map", map_names[m])))
            return err;
        if (bpf_obj_pin(b->map_fd[m], path) != 0)
            return debug_failure("pin", path, -errno, b);
    }
    struct bpf_link **links = (struct bpf_link **)&skel->links;
    h = 0;
    bpf_object__for_each_program(prog, skel->obj) {
        links[h] = bpf_program__attach(prog);
        if (!links[h])
            return debug_failure("attach", hook_names[h], -errno, b);
        b->link_fd[h] = bpf_link__fd(links[h]);
        if ((err = add_self(b, 3, b->link_fd[h], 1)))
            return err;
        if ((err = pin_path(path, sizeof path, b->dir, "link", hook_names[h])))
            return err;
        if ((err = bpf_link__pin(links[h], path)) != 0)
            return debug_failure("pin", path, err, b);
        h++;
    }
    if ((err = protect_pins(b)))
        return err;
    return open_ring(b);
}

// Undo a failed fresh load: unpin whatever was pinned, then let the skeleton detach.
static void unpin_all(vigil_bpf *b)
{
    char path[640];
    for (int m = 0; m < M_COUNT; m++)
        if (pin_path(path, sizeof path, b->dir, "map", map_names[m]) == 0)
            unlink(path);
    for (int h = 0; h < HOOK_COUNT; h++)
        if (pin_path(path, sizeof path, b->dir, "link", hook_names[h]) == 0)
            unlink(path);
    rmdir(b->dir);
}

int vigil_bpf_open(const struct vigil_bpf_options *o, vigil_bpf **out)
{
    quiet_libbpf();
    last_log_len = 0;
    last_log[0] = 0;
    *out = NULL;
    int mounted = ensure_bpffs(o->pin_dir);
    if (mounted < 0)
        return mounted;
    int err;
    vigil_bpf *b = alloc_handle(o->pin_dir);
    if (!b) {
        if (mounted)
            umount2(o->pin_dir, MNT_DETACH);
        return -ENOMEM;
    }
    struct stat st;
    if (stat(b->dir, &st) == 0) {
        err = reopen(b);
        if (!err) {
            struct vigil_settings settings = { .agent_exe = o->agent_exe, .init_mnt_ns = o->init_mnt_ns };
            err = vigil_bpf_settings(b, &settings);
        }
        if (err) {
            free_handle(b);
            return err;
        }
        *out = b;
        return 0;
    }
    if (other_builds_pinned(o->pin_dir)) {
        free_handle(b);
        return -ESTALE;
    }
    err = load_fresh(b, o);
    if (err) {
        if (b->skel)
            unpin_all(b);
        free_handle(b);
        if (mounted)
            umount2(o->pin_dir, MNT_DETACH);   // a failed load leaves nothing behind
        return err;
    }
    *out = b;
    return 0;
}

int vigil_bpf_reused(const vigil_bpf *b)
{
    return b->reused;
}

void vigil_bpf_close(vigil_bpf *b)
{
    if (b)
        free_handle(b);
}

int vigil_bpf_release(vigil_bpf *b)
{
    int first = 0;
    // Kernels whose tracing links can be detached do it now (a pin somewhere else could
    // otherwise keep a program attached); 6.1's LSM links cannot (EOPNOTSUPP): they
    // detach when their last reference goes, which the next two steps drop.
    for (int h = 0; h < HOOK_COUNT; h++) {
        if (b->link_fd[h] >= 0 && bpf_link_detach(b->link_fd[h]) != 0 && errno != EOPNOTSUPP &&
            errno != EINVAL && !first)
            first = -errno;
    }
    unpin_all(b);
    for (int h = 0; h < HOOK_COUNT; h++) {
        if (b->skel) {
            struct bpf_link **links = (struct bpf_link **)&b->skel->links;
            bpf_link__destroy(links[h]);   // closes our fd: the program detaches
            links[h] = NULL;
        } else if (b->link_fd[h] >= 0) {
            close(b->link_fd[h]);
        }
        b->link_fd[h] = -1;
    }
    if (umount2(b->pin_dir, MNT_DETACH) != 0 && !first)
        first = -errno;
    return first;
}

// ---- map updates -----------------------------------------------------------------------

int vigil_bpf_protect(vigil_bpf *b, struct vigil_inode_key key, __u32 flags)
{
    key.pad = 0;
    if (flags == 0) {
        if (bpf_map_delete_elem(b->map_fd[M_PROTECTED], &key) != 0 && errno != ENOENT)
            return -errno;
        return 0;
    }
    return bpf_map_update_elem(b->map_fd[M_PROTECTED], &key, &flags, BPF_ANY) ? -errno : 0;
}

int vigil_bpf_seal(vigil_bpf *b, struct vigil_inode_key key, int sealed)
{
    key.pad = 0;
    __u8 one = 1;
    if (!sealed) {
        if (bpf_map_delete_elem(b->map_fd[M_SEALED], &key) != 0 && errno != ENOENT)
            return -errno;
        return 0;
    }
    return bpf_map_update_elem(b->map_fd[M_SEALED], &key, &one, BPF_ANY) ? -errno : 0;
}

int vigil_bpf_agent(vigil_bpf *b, __u32 tgid, int add)
{
    __u32 zero = 0;
    if (!add) {
        if (bpf_map_delete_elem(b->map_fd[M_AGENTS], &tgid) != 0 && errno != ENOENT)
            return -errno;
        return 0;
    }
    return bpf_map_update_elem(b->map_fd[M_AGENTS], &tgid, &zero, BPF_ANY) ? -errno : 0;
}

int vigil_bpf_set_lease(vigil_bpf *b, __u64 deadline)
{
    __u32 zero = 0;
    return bpf_map_update_elem(b->map_fd[M_LEASE], &zero, &deadline, BPF_ANY) ? -errno : 0;
}

int vigil_bpf_settings(vigil_bpf *b, const struct vigil_settings *settings)
{
    __u32 zero = 0;
    return bpf_map_update_elem(b->map_fd[M_SETTINGS], &zero, settings, BPF_ANY) ? -errno : 0;
}

// ---- status ----------------------------------------------------------------------------

int vigil_bpf_hook_count(void)
{
    return HOOK_COUNT;
}

const char *vigil_bpf_hook_name(int index)
{
    return index >= 0 && index < HOOK_COUNT ? hook_names[index] : NULL;
}

int vigil_bpf_hook_attached(const vigil_bpf *b, int index)
{
    if (index < 0 || index >= HOOK_COUNT || b->link_fd[index] < 0)
        return 0;
    // A detached link still has an fd; its program id is then 0.
    struct bpf_link_info info;
    __u32 len = sizeof info;
    memset(&info, 0, sizeof info);
    if (bpf_obj_get_info_by_fd(b->link_fd[index], &info, &len) != 0)
        return 0;
    return info.prog_id != 0;
}

int vigil_bpf_self_ids(vigil_bpf *b, __u64 *out, int max)
{
    __u64 key, next;
    int n = 0;
    int err = bpf_map_get_next_key(b->map_fd[M_SELF], NULL, &next);
    while (err == 0 && n < max) {
        out[n++] = next;
        key = next;
        err = bpf_map_get_next_key(b->map_fd[M_SELF], &key, &next);
    }
    if (err && errno != ENOENT)
        return -errno;
    return n;
}

int vigil_bpf_stats(vigil_bpf *b, __u64 out[VIGIL_STAT_SLOTS])
{
    int cpus = libbpf_num_possible_cpus();
    if (cpus <= 0)
        return cpus ? cpus : -EINVAL;
    __u64 *values = calloc((size_t)cpus, sizeof(__u64));
    if (!values)
        return -ENOMEM;
    for (__u32 slot = 0; slot < VIGIL_STAT_SLOTS; slot++) {
        out[slot] = 0;
        if (bpf_map_lookup_elem(b->map_fd[M_STATS], &slot, values) != 0) {
            int err = -errno;
            free(values);
            return err;
        }
        for (int c = 0; c < cpus; c++)
            out[slot] += values[c];
    }
    free(values);
    return 0;
}

// ---- events ----------------------------------------------------------------------------

int vigil_bpf_events_poll(vigil_bpf *b, int timeout_ms)
{
    int n = ring_buffer__poll(b->ring, timeout_ms);
    if (n < 0 && n != -EINTR)
        return n;
    return b->queue_len;
}

int vigil_bpf_events_take(vigil_bpf *b, struct vigil_event *out, int max)
{
    int n = b->queue_len < max ? b->queue_len : max;
    memcpy(out, b->queue, (size_t)n * sizeof *out);
    memmove(b->queue, b->queue + n, (size_t)(b->queue_len - n) * sizeof *out);
    b->queue_len -= n;
    return n;
}

__u64 vigil_bpf_events_lost(const vigil_bpf *b)
{
    return b->lost;
}
