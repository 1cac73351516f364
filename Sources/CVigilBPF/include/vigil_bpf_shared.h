// Owns: the layouts that the BPF LSM programs (bpf/vigil_lsm.bpf.c) and user space
// (loader.c, the VigilBPF Swift module) share: map keys and values, the refusal event,
// its kinds and the per-inode protection flags.
// Must not: include kernel or libc headers (the BPF side sees vmlinux.h, user space
// <linux/types.h>; both define __u32 and __u64 before including this file).
#ifndef VIGIL_BPF_SHARED_H
#define VIGIL_BPF_SHARED_H

// What a protected inode refuses to everyone but a registered agent. The values are
// ABI: user space writes them into the `protected_inodes` map.
enum vigil_protect_flags {
    // Content and metadata: write opens (and O_TRUNC), setattr (truncate, chmod, chown,
    // utimes), xattr changes, FS_IOC_SETFLAGS / FS_IOC_FSSETXATTR (chattr -i).
    VIGIL_PROTECT_CONTENT = 1u << 0,
    // The inode's names: unlink/rmdir, rename of it or over it, new hard links to it.
    VIGIL_PROTECT_NAME = 1u << 1,
    // A directory's entries: create, mkdir, mknod, symlink, link, unlink, rename in or
    // out of it.
    VIGIL_PROTECT_ENTRIES = 1u << 2,
    // Nothing may be mounted on it and the mount whose root it is may not be unmounted
    // (user space sets this on every protected path and each of its ancestors).
    VIGIL_PROTECT_MOUNT = 1u << 3,
};

// Why an event was sent. Each refusal names its hook family; two kinds report an
// allowed action that changes trust (VIGIL_EV_TAINTED, VIGIL_EV_AGENT_RELEASED).
enum vigil_event_kind {
    VIGIL_EV_FILE_WRITE = 1,     // write/O_TRUNC open of a protected inode
    VIGIL_EV_FILE_SETATTR = 2,   // truncate, chmod, chown, utimes
    VIGIL_EV_FILE_FLAGS = 3,     // FS_IOC_SETFLAGS / FS_IOC_FSSETXATTR (extra: ioctl cmd)
    VIGIL_EV_FILE_XATTR = 4,     // setxattr / removexattr
    VIGIL_EV_FILE_UNLINK = 5,    // unlink or rmdir of a protected inode or in a protected dir
    VIGIL_EV_FILE_RENAME = 6,
    VIGIL_EV_FILE_LINK = 7,
    VIGIL_EV_FILE_CREATE = 8,    // create/mkdir/mknod/symlink in a protected directory
    VIGIL_EV_MOUNT = 9,          // mount(2)/move_mount(2) onto a protected path (extra: flags)
    VIGIL_EV_MOUNT_MOVE = 10,    // moving an existing mount in the initial mount namespace
    VIGIL_EV_UMOUNT = 11,        // unmounting a mount whose root is protected
    VIGIL_EV_SIGNAL = 12,        // kill/tgkill/pidfd_send_signal to an agent (extra: signal)
    VIGIL_EV_PTRACE = 13,        // ptrace attach, /proc/PID/mem, pidfd_getfd, process_vm_* (extra: mode)
    VIGIL_EV_RLIMIT = 14,        // prlimit on an agent (extra: resource)
    VIGIL_EV_SCHED = 15,         // setpriority/ioprio_set/sched_setscheduler/move_pages (extra: which)
    VIGIL_EV_BPF = 16,           // fd of Vigil's map/prog/link, link detach (extra: object id)
    VIGIL_EV_EXEC_MAP = 17,      // PROT_EXEC mapping of an unsealed file or anonymous memory
    VIGIL_EV_TAINTED = 18,       // a process running the agent binary lost (or never got) its candidacy
    VIGIL_EV_AGENT_RELEASED = 19,// lease lapsed and someone attached: the agent lost its rights
    VIGIL_EV_KIND_COUNT = 20,
};

// Which call VIGIL_EV_SCHED refused (its `extra`).
enum vigil_sched_op {
    VIGIL_SCHED_NICE = 1,
    VIGIL_SCHED_IOPRIO = 2,
    VIGIL_SCHED_POLICY = 3,
    VIGIL_SCHED_MOVE_MEMORY = 4,
};

// Per-CPU counters in the `stats` map: slots [1, VIGIL_EV_KIND_COUNT) count refusals (or
// trust changes) by kind, whether or not the event was sent.
enum vigil_stat_slot {
    VIGIL_STAT_SUPPRESSED = 30,  // events not sent because of the rate limit
    VIGIL_STAT_RINGBUF_FULL = 31,// events lost because user space did not read in time
    VIGIL_STAT_SLOTS = 32,
};

// Inode identity: the kernel's dev_t of the super block (major << 20 | minor, not the
// user-space st_dev encoding) and the inode number.
struct vigil_inode_key {
    __u64 ino;
    __u32 dev;
    __u32 pad;   // always 0
};

// The single entry of the `settings` array map, written by the loader.
struct vigil_settings {
    struct vigil_inode_key agent_exe; // the sealed agent binary: its processes may claim agency
    __u64 init_mnt_ns;                // inode number of PID 1's mount namespace (/proc/1/ns/mnt)
};

// One refusal (or trust change), as sent through the `events` ring buffer.
struct vigil_event {
    __u64 time_ns;        // CLOCK_BOOTTIME
    __u32 kind;           // enum vigil_event_kind
    __s32 error;          // errno returned to the caller (positive), 0 if allowed
    __u32 actor_tgid;     // who tried (init pid namespace)
    __u32 actor_pid;      // its thread
    __u32 actor_uid;
    __u32 target_tgid;    // process hooks: the agent aimed at
    __u64 ino;            // file and mount hooks: the protected inode
    __u32 dev;
    __u32 extra;          // kind-specific (signal, ioctl cmd, ptrace mode, object id, ...)
    __u32 suppressed;     // events this CPU dropped by rate limit since the previous one it sent
    __u32 pad;
    char comm[16];        // actor's command name
};

#endif
