// SPDX-License-Identifier: GPL-2.0
// Vigil's Tier A self-protection: BPF LSM programs that refuse, in the kernel, what a
// hostile root would do to Vigil with ordinary tools, and report every refusal.
//
// Owns: the policy decisions of the hooks below and the maps they read. Everything is
// keyed by inode (the kernel's dev_t + inode number) and by thread-group id, never by
// path strings: user space resolves paths once and puts the inodes in the maps.
// Must not: sleep, allocate beyond the ring buffer, or refuse anything that is not
// aimed at a protected inode, an agent process or one of Vigil's own BPF objects (every
// hook returns 0 early for everything else, so the cost for the rest of the system is
// a few loads and at most one hash lookup).
//
// Trust, in three levels:
// - agents: thread groups user space registered in `agents`. They may do anything to
//   protected files, and they alone may touch Vigil's BPF objects. Agency ends at exec
//   and at exit (a recycled pid never inherits it).
// - candidates: processes that exec'd the sealed agent binary (settings.agent_exe)
//   untraced and have mapped no unsealed code since. They may open Vigil's BPF objects,
//   so a restarted daemon can re-attach to the pinned maps and register itself. An
//   allow-list (`candidates`) filled at exec, not a deny-list: a full map fails closed,
//   and nothing an attacker floods can evict a taint. A tracer, a write to their memory
//   or an LD_PRELOADed library ends candidacy for good.
// - everyone else, root included: refused.
//
// Process protections (signals, ptrace, rlimit, scheduling) hold only while the lease
// (a CLOCK_BOOTTIME deadline that agents keep pushing forward) is valid, so a wedged
// daemon can be killed and debugged; attaching to an agent after the lease lapsed
// strips its agency, so an injected payload cannot use it. File, mount and BPF-object
// protections do not lapse. PID 1 may always signal and renice agents (systemd must be
// able to stop the service) and so is itself protected from ptrace while the lease holds.
//
// Built by scripts/bpf-generate.sh with Debian's clang (-target bpf) against vmlinux.h
// generated from the guest kernel's BTF; CO-RE relocates every field access at load.
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "../include/vigil_bpf_shared.h"

char LICENSE[] SEC("license") = "GPL";

#define EPERM 1
#define PROT_EXEC 0x4
#define FMODE_WRITE 0x2
#define O_TRUNC 01000
#define MS_BIND 4096
#define MS_MOVE 8192
#define MS_REMOUNT 32
#define MS_PROPAGATION ((1 << 17) | (1 << 18) | (1 << 19) | (1 << 20))  // UNBINDABLE|PRIVATE|SLAVE|SHARED
#define PTRACE_MODE_ATTACH 0x02
#define FS_IOC_SETFLAGS 0x40086602
#define FS_IOC32_SETFLAGS 0x40046602
#define FS_IOC_FSSETXATTR 0x401c5820

// Set by the loader before load, then frozen with the rest of .rodata.
const volatile __u64 lease_max_ns = 60ull * 1000000000ull;  // a lease longer than this is invalid
const volatile __u32 event_rate = 200;   // events per second per CPU, sustained
const volatile __u32 event_burst = 100;  // events per CPU in a burst

// Object kinds in `self_ids` keys: (kind << 32) | id.
#define SELF_MAP 1ull
#define SELF_PROG 2ull
#define SELF_LINK 3ull

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 16384);
    __type(key, struct vigil_inode_key);
    __type(value, __u32);   // enum vigil_protect_flags
} protected_inodes SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 4096);
    __type(key, struct vigil_inode_key);
    __type(value, __u8);
} sealed_libraries SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, __u32);     // tgid
    __type(value, __u32);   // reserved (0)
} agents SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 256);
    __type(key, __u32);     // tgid
    __type(value, __u8);
} candidates SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 256);
    __type(key, __u64);     // (SELF_* << 32) | id
    __type(value, __u8);
} self_ids SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, __u64);   // lease deadline, CLOCK_BOOTTIME ns
} lease SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct vigil_settings);
} settings SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 256 * 1024);
} events SEC(".maps");

struct ratelimit {
    __u64 last_ns;
    __u64 budget_ns;    // token bucket, in nanoseconds of allowance
    __u32 suppressed;
    __u32 pad;
};

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct ratelimit);
} ratelimits SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, VIGIL_STAT_SLOTS);
    __type(key, __u32);
    __type(value, __u64);
} stats SEC(".maps");

// ---- helpers -------------------------------------------------------------------------

static __always_inline __u32 current_tgid(void)
{
    return bpf_get_current_pid_tgid() >> 32;
}

static __always_inline void count(__u32 slot)
{
    __u64 *c = bpf_map_lookup_elem(&stats, &slot);
    if (c)
        *c += 1;   // per-CPU: no other writer on this CPU while we run
}

// Sends one event unless this CPU's token bucket is empty (then it is counted, and the
// next event sent from this CPU says how many were suppressed).
static __always_inline void report(__u32 kind, int error, __u32 target, struct inode *inode, __u32 extra)
{
    count(kind);
    __u32 zero = 0;
    struct ratelimit *rl = bpf_map_lookup_elem(&ratelimits, &zero);
    if (!rl)
        return;
    __u64 now = bpf_ktime_get_boot_ns();
    __u64 cost = event_rate ? 1000000000ull / event_rate : 0;
    __u64 budget = rl->budget_ns + (now - rl->last_ns);
    __u64 cap = cost * event_burst;
    if (budget > cap)
        budget = cap;
    rl->last_ns = now;
    if (budget < cost) {
        rl->budget_ns = budget;
        rl->suppressed += 1;
        count(VIGIL_STAT_SUPPRESSED);
        return;
    }
    rl->budget_ns = budget - cost;
    struct vigil_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
    if (!e) {
        rl->suppressed += 1;
        count(VIGIL_STAT_RINGBUF_FULL);
        return;
    }
    __u64 pid_tgid = bpf_get_current_pid_tgid();
    e->time_ns = now;
    e->kind = kind;
    e->error = error;
    e->actor_tgid = pid_tgid >> 32;
    e->actor_pid = (__u32)pid_tgid;
    e->actor_uid = (__u32)bpf_get_current_uid_gid();
    e->target_tgid = target;
    e->ino = inode ? BPF_CORE_READ(inode, i_ino) : 0;
    e->dev = inode ? BPF_CORE_READ(inode, i_sb, s_dev) : 0;
    e->extra = extra;
    e->suppressed = rl->suppressed;
    e->pad = 0;
    bpf_get_current_comm(e->comm, sizeof(e->comm));
    rl->suppressed = 0;
    bpf_ringbuf_submit(e, 0);
}

static __always_inline int refuse(__u32 kind, __u32 target, struct inode *inode, __u32 extra)
{
    report(kind, EPERM, target, inode, extra);
    return -EPERM;
}

static __always_inline __u32 inode_flags(struct inode *inode)
{
    if (!inode)
        return 0;
    struct vigil_inode_key key = {
        .ino = BPF_CORE_READ(inode, i_ino),
        .dev = BPF_CORE_READ(inode, i_sb, s_dev),
    };
    __u32 *flags = bpf_map_lookup_elem(&protected_inodes, &key);
    return flags ? *flags : 0;
}

static __always_inline bool is_sealed(struct inode *inode)
{
    if (!inode)
        return false;
    struct vigil_inode_key key = {
        .ino = BPF_CORE_READ(inode, i_ino),
        .dev = BPF_CORE_READ(inode, i_sb, s_dev),
    };
    return bpf_map_lookup_elem(&sealed_libraries, &key) != NULL;
}

static __always_inline bool is_agent(__u32 tgid)
{
    return bpf_map_lookup_elem(&agents, &tgid) != NULL;
}

static __always_inline bool lease_valid(void)
{
    __u32 zero = 0;
    __u64 *deadline = bpf_map_lookup_elem(&lease, &zero);
    if (!deadline)
        return false;
    __u64 now = bpf_ktime_get_boot_ns();
    __u64 d = *deadline;
    // A deadline further out than lease_max_ns is refused too: no agent can make itself
    // unkillable for longer than the loader allowed.
    return now < d && d - now <= lease_max_ns;
}

static __always_inline struct vigil_settings *get_settings(void)
{
    __u32 zero = 0;
    return bpf_map_lookup_elem(&settings, &zero);
}

// Is `exe` the sealed agent binary?
static __always_inline bool is_agent_exe(struct inode *exe)
{
    struct vigil_settings *s = get_settings();
    if (!s || s->agent_exe.ino == 0 || !exe)
        return false;
    return BPF_CORE_READ(exe, i_ino) == s->agent_exe.ino && BPF_CORE_READ(exe, i_sb, s_dev) == s->agent_exe.dev;
}

static __always_inline bool is_candidate(__u32 tgid)
{
    return bpf_map_lookup_elem(&candidates, &tgid) != NULL;
}

// Ends a candidacy (if there was one) and says so.
static __always_inline void taint(__u32 tgid, struct inode *inode, __u32 extra)
{
    if (bpf_map_delete_elem(&candidates, &tgid) == 0)
        report(VIGIL_EV_TAINTED, 0, tgid, inode, extra);
}

// May the current task touch Vigil's BPF objects? Agents and clean candidates, and only
// while no tracer is attached to the calling thread.
static __always_inline bool current_trusted(void)
{
    struct task_struct *task = bpf_get_current_task_btf();
    __u32 tgid = task->tgid;
    if (task->ptrace)
        return false;
    return is_agent(tgid) || is_candidate(tgid);
}

static __always_inline bool in_init_mnt_ns(void)
{
    struct vigil_settings *s = get_settings();
    if (!s || s->init_mnt_ns == 0)
        return true;   // unknown: assume the worst
    struct task_struct *task = bpf_get_current_task_btf();
    return BPF_CORE_READ(task, nsproxy, mnt_ns, ns.inum) == s->init_mnt_ns;
}

static __always_inline bool is_self_object(__u64 kind, __u32 id)
{
    __u64 key = kind << 32 | id;
    return id != 0 && bpf_map_lookup_elem(&self_ids, &key) != NULL;
}

// Shared decision for hooks aimed at another process: refuse if `target` is an agent,
// the lease holds and the actor is neither that process, another agent nor PID 1.
static __always_inline int guard_process(struct task_struct *target_task, __u32 kind, __u32 extra)
{
    __u32 target = BPF_CORE_READ(target_task, tgid);
    if (!is_agent(target))
        return 0;
    __u32 me = current_tgid();
    if (me == target || me == 1 || is_agent(me))
        return 0;
    if (!lease_valid())
        return 0;
    return refuse(kind, target, NULL, extra);
}

// ---- files ---------------------------------------------------------------------------

SEC("lsm/file_open")
int BPF_PROG(vigil_file_open, struct file *file, int ret)
{
    if (ret)
        return ret;
    if (!(file->f_mode & FMODE_WRITE) && !(file->f_flags & O_TRUNC))
        return 0;   // the hot path: every read-only open ends here
    struct inode *inode = file->f_inode;
    if (!(inode_flags(inode) & VIGIL_PROTECT_CONTENT) || is_agent(current_tgid()))
        return 0;
    return refuse(VIGIL_EV_FILE_WRITE, 0, inode, file->f_flags);
}

SEC("lsm/inode_setattr")
int BPF_PROG(vigil_inode_setattr, struct dentry *dentry, struct iattr *attr, int ret)
{
    if (ret)
        return ret;
    struct inode *inode = dentry->d_inode;
    if (!(inode_flags(inode) & VIGIL_PROTECT_CONTENT) || is_agent(current_tgid()))
        return 0;
    return refuse(VIGIL_EV_FILE_SETATTR, 0, inode, attr->ia_valid);
}

SEC("lsm/file_ioctl")
int BPF_PROG(vigil_file_ioctl, struct file *file, unsigned int cmd, unsigned long arg, int ret)
{
    if (ret)
        return ret;
    if (cmd != FS_IOC_SETFLAGS && cmd != FS_IOC32_SETFLAGS && cmd != FS_IOC_FSSETXATTR)
        return 0;
    struct inode *inode = file->f_inode;
    if (!(inode_flags(inode) & VIGIL_PROTECT_CONTENT) || is_agent(current_tgid()))
        return 0;
    return refuse(VIGIL_EV_FILE_FLAGS, 0, inode, cmd);
}

SEC("lsm/inode_setxattr")
int BPF_PROG(vigil_inode_setxattr, struct user_namespace *mnt_userns, struct dentry *dentry, const char *name,
             const void *value, size_t size, int flags, int ret)
{
    if (ret)
        return ret;
    struct inode *inode = dentry->d_inode;
    if (!(inode_flags(inode) & VIGIL_PROTECT_CONTENT) || is_agent(current_tgid()))
        return 0;
    return refuse(VIGIL_EV_FILE_XATTR, 0, inode, 1);
}

SEC("lsm/inode_removexattr")
int BPF_PROG(vigil_inode_removexattr, struct user_namespace *mnt_userns, struct dentry *dentry, const char *name,
             int ret)
{
    if (ret)
        return ret;
    struct inode *inode = dentry->d_inode;
    if (!(inode_flags(inode) & VIGIL_PROTECT_CONTENT) || is_agent(current_tgid()))
        return 0;
    return refuse(VIGIL_EV_FILE_XATTR, 0, inode, 2);
}

// unlink and rmdir: the victim's names, or the entries of its directory.
static __always_inline int guard_remove(struct inode *dir, struct dentry *victim)
{
    struct inode *inode = victim->d_inode;
    if (inode_flags(inode) & VIGIL_PROTECT_NAME) {
        if (!is_agent(current_tgid()))
            return refuse(VIGIL_EV_FILE_UNLINK, 0, inode, 0);
    } else if (inode_flags(dir) & VIGIL_PROTECT_ENTRIES) {
        if (!is_agent(current_tgid()))
            return refuse(VIGIL_EV_FILE_UNLINK, 0, dir, 0);
    }
    return 0;
}

SEC("lsm/inode_unlink")
int BPF_PROG(vigil_inode_unlink, struct inode *dir, struct dentry *victim, int ret)
{
    if (ret)
        return ret;
    return guard_remove(dir, victim);
}

SEC("lsm/inode_rmdir")
int BPF_PROG(vigil_inode_rmdir, struct inode *dir, struct dentry *victim, int ret)
{
    if (ret)
        return ret;
    return guard_remove(dir, victim);
}

SEC("lsm/inode_rename")
int BPF_PROG(vigil_inode_rename, struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
             struct dentry *new_dentry, int ret)
{
    if (ret)
        return ret;
    struct inode *moved = old_dentry->d_inode;
    struct inode *replaced = new_dentry->d_inode;
    struct inode *hit = NULL;
    if (inode_flags(moved) & VIGIL_PROTECT_NAME)
        hit = moved;
    else if (replaced && (inode_flags(replaced) & VIGIL_PROTECT_NAME))
        hit = replaced;
    else if (inode_flags(old_dir) & VIGIL_PROTECT_ENTRIES)
        hit = old_dir;
    else if (inode_flags(new_dir) & VIGIL_PROTECT_ENTRIES)
        hit = new_dir;
    if (!hit || is_agent(current_tgid()))
        return 0;
    return refuse(VIGIL_EV_FILE_RENAME, 0, hit, 0);
}

SEC("lsm/inode_link")
int BPF_PROG(vigil_inode_link, struct dentry *old_dentry, struct inode *dir, struct dentry *new_dentry, int ret)
{
    if (ret)
        return ret;
    struct inode *inode = old_dentry->d_inode;
    struct inode *hit = NULL;
    if (inode_flags(inode) & VIGIL_PROTECT_NAME)
        hit = inode;
    else if (inode_flags(dir) & VIGIL_PROTECT_ENTRIES)
        hit = dir;
    if (!hit || is_agent(current_tgid()))
        return 0;
    return refuse(VIGIL_EV_FILE_LINK, 0, hit, 0);
}

static __always_inline int guard_new_entry(struct inode *dir)
{
    if (!(inode_flags(dir) & VIGIL_PROTECT_ENTRIES) || is_agent(current_tgid()))
        return 0;
    return refuse(VIGIL_EV_FILE_CREATE, 0, dir, 0);
}

SEC("lsm/inode_create")
int BPF_PROG(vigil_inode_create, struct inode *dir, struct dentry *dentry, umode_t mode, int ret)
{
    return ret ? ret : guard_new_entry(dir);
}

SEC("lsm/inode_mkdir")
int BPF_PROG(vigil_inode_mkdir, struct inode *dir, struct dentry *dentry, umode_t mode, int ret)
{
    return ret ? ret : guard_new_entry(dir);
}

SEC("lsm/inode_mknod")
int BPF_PROG(vigil_inode_mknod, struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev, int ret)
{
    return ret ? ret : guard_new_entry(dir);
}

SEC("lsm/inode_symlink")
int BPF_PROG(vigil_inode_symlink, struct inode *dir, struct dentry *dentry, const char *old_name, int ret)
{
    return ret ? ret : guard_new_entry(dir);
}

// ---- mounts --------------------------------------------------------------------------

// mount(2): new mounts and bind mounts onto a protected path or an ancestor of one, and
// MS_MOVE in the initial mount namespace (its source is a path string, which this hook
// cannot resolve to an inode, so every move there is refused). Remounts and propagation
// changes pass. Nobody is exempt but agents: PID 1 mounts whatever a unit file says.
SEC("lsm/sb_mount")
int BPF_PROG(vigil_sb_mount, const char *dev_name, const struct path *path, const char *type, unsigned long flags,
             void *data, int ret)
{
    if (ret)
        return ret;
    if (flags & (MS_REMOUNT | MS_PROPAGATION))
        return 0;
    struct inode *target = path->dentry->d_inode;
    if (flags & MS_MOVE) {
        if (!in_init_mnt_ns() || is_agent(current_tgid()))
            return 0;
        return refuse(VIGIL_EV_MOUNT_MOVE, 0, target, (__u32)flags);
    }
    if (!(inode_flags(target) & VIGIL_PROTECT_MOUNT) || is_agent(current_tgid()))
        return 0;
    return refuse(VIGIL_EV_MOUNT, 0, target, (__u32)flags);
}

// move_mount(2) (the new mount API): attaching onto a protected path, or moving a mount
// that is already part of the initial mount namespace.
SEC("lsm/move_mount")
int BPF_PROG(vigil_move_mount, const struct path *from_path, const struct path *to_path, int ret)
{
    if (ret)
        return ret;
    if (is_agent(current_tgid()))
        return 0;
    struct inode *target = to_path->dentry->d_inode;
    if (inode_flags(target) & VIGIL_PROTECT_MOUNT)
        return refuse(VIGIL_EV_MOUNT, 0, target, 0);
    struct vigil_settings *s = get_settings();
    if (!s || !in_init_mnt_ns())
        return 0;
    // container_of(from_path->mnt, struct mount, mnt): a detached mount (fsmount,
    // open_tree clone) lives in an anonymous namespace, an attached one in ours.
    struct mount *m = (void *)from_path->mnt - bpf_core_field_offset(struct mount, mnt);
    if (BPF_CORE_READ(m, mnt_ns, ns.inum) == s->init_mnt_ns)
        return refuse(VIGIL_EV_MOUNT_MOVE, 0, target, 0);
    return 0;
}

SEC("lsm/sb_umount")
int BPF_PROG(vigil_sb_umount, struct vfsmount *mnt, int flags, int ret)
{
    if (ret)
        return ret;
    struct inode *root = mnt->mnt_root->d_inode;
    if (!(inode_flags(root) & VIGIL_PROTECT_MOUNT) || is_agent(current_tgid()))
        return 0;
    return refuse(VIGIL_EV_UMOUNT, 0, root, (__u32)flags);
}

// ---- processes -----------------------------------------------------------------------

SEC("lsm/task_kill")
int BPF_PROG(vigil_task_kill, struct task_struct *p, struct kernel_siginfo *info, int sig, const struct cred *cred,
             int ret)
{
    if (ret)
        return ret;
    if (sig == 0)
        return 0;   // an existence probe changes nothing
    return guard_process(p, VIGIL_EV_SIGNAL, sig);
}

// Every ATTACH-mode access: PTRACE_ATTACH/SEIZE, /proc/PID/mem, pidfd_getfd(2),
// process_vm_readv/writev(2). READ-mode accesses (/proc/PID/maps, environ, fd listing)
// pass: they reveal but cannot change.
SEC("lsm/ptrace_access_check")
int BPF_PROG(vigil_ptrace_access_check, struct task_struct *child, unsigned int mode, int ret)
{
    if (ret)
        return ret;
    if (!(mode & PTRACE_MODE_ATTACH))
        return 0;
    __u32 target = child->tgid;
    __u32 me = current_tgid();
    if (me == target || is_agent(me))
        return 0;
    if (target == 1) {
        // PID 1 may signal agents, so nobody may make it do so.
        return lease_valid() ? refuse(VIGIL_EV_PTRACE, 1, NULL, mode) : 0;
    }
    if (is_agent(target)) {
        if (lease_valid())
            return refuse(VIGIL_EV_PTRACE, target, NULL, mode);
        // The lease lapsed (a wedged daemon): let the debugger in, but whatever it
        // injects runs without the agent's rights.
        bpf_map_delete_elem(&agents, &target);
        bpf_map_delete_elem(&candidates, &target);
        report(VIGIL_EV_AGENT_RELEASED, 0, target, NULL, mode);
        return 0;
    }
    taint(target, NULL, mode);
    return 0;
}

SEC("lsm/task_setrlimit")
int BPF_PROG(vigil_task_setrlimit, struct task_struct *p, unsigned int resource, struct rlimit *new_rlim, int ret)
{
    return ret ? ret : guard_process(p, VIGIL_EV_RLIMIT, resource);
}

SEC("lsm/task_setnice")
int BPF_PROG(vigil_task_setnice, struct task_struct *p, int nice, int ret)
{
    return ret ? ret : guard_process(p, VIGIL_EV_SCHED, VIGIL_SCHED_NICE);
}

SEC("lsm/task_setioprio")
int BPF_PROG(vigil_task_setioprio, struct task_struct *p, int ioprio, int ret)
{
    return ret ? ret : guard_process(p, VIGIL_EV_SCHED, VIGIL_SCHED_IOPRIO);
}

SEC("lsm/task_setscheduler")
int BPF_PROG(vigil_task_setscheduler, struct task_struct *p, int ret)
{
    return ret ? ret : guard_process(p, VIGIL_EV_SCHED, VIGIL_SCHED_POLICY);
}

SEC("lsm/task_movememory")
int BPF_PROG(vigil_task_movememory, struct task_struct *p, int ret)
{
    return ret ? ret : guard_process(p, VIGIL_EV_SCHED, VIGIL_SCHED_MOVE_MEMORY);
}

// exec ends agency and candidacy; an untraced exec of the agent binary starts a
// candidacy (before the binary's segments and ld.so are mapped, which must be sealed);
// a traced one never does.
SEC("lsm/bprm_committed_creds")
int BPF_PROG(vigil_bprm_committed_creds, struct linux_binprm *bprm)
{
    struct task_struct *task = bpf_get_current_task_btf();
    __u32 tgid = task->tgid;
    bpf_map_delete_elem(&agents, &tgid);
    bpf_map_delete_elem(&candidates, &tgid);
    struct inode *exe = BPF_CORE_READ(bprm, file, f_inode);
    if (!is_agent_exe(exe))
        return 0;
    if (task->ptrace) {
        report(VIGIL_EV_TAINTED, 0, tgid, exe, 0);
        return 0;
    }
    __u8 one = 1;
    bpf_map_update_elem(&candidates, &tgid, &one, BPF_NOEXIST);   // full map: no candidacy (fails closed)
    return 0;
}

// Exit of the last thread: forget the tgid before its number can be handed out again
// (the tracepoint runs before the task is reaped, so before the pid is freed).
SEC("tp_btf/sched_process_exit")
int BPF_PROG(vigil_process_exit, struct task_struct *p)
{
    if (BPF_CORE_READ(p, signal, live.counter) != 0)
        return 0;
    __u32 tgid = p->tgid;
    bpf_map_delete_elem(&agents, &tgid);
    bpf_map_delete_elem(&candidates, &tgid);
    return 0;
}

// ---- executable mappings -------------------------------------------------------------

// PROT_EXEC in an agent: only sealed library inodes; anonymous executable memory never.
// In a candidate the same mapping is allowed but costs it its candidacy.
static __always_inline int guard_exec_map(struct file *file, unsigned long prot)
{
    if (!(prot & PROT_EXEC))
        return 0;
    __u32 tgid = current_tgid();
    struct inode *inode = file ? BPF_CORE_READ(file, f_inode) : NULL;
    if (is_agent(tgid)) {
        if (inode && is_sealed(inode))
            return 0;
        return refuse(VIGIL_EV_EXEC_MAP, tgid, inode, (__u32)prot);
    }
    if (!is_candidate(tgid) || (inode && is_sealed(inode)))
        return 0;
    taint(tgid, inode, (__u32)prot);
    return 0;
}

SEC("lsm/mmap_file")
int BPF_PROG(vigil_mmap_file, struct file *file, unsigned long reqprot, unsigned long prot, unsigned long flags,
             int ret)
{
    return ret ? ret : guard_exec_map(file, prot);
}

SEC("lsm/file_mprotect")
int BPF_PROG(vigil_file_mprotect, struct vm_area_struct *vma, unsigned long reqprot, unsigned long prot, int ret)
{
    return ret ? ret : guard_exec_map(vma->vm_file, prot);
}

// ---- Vigil's own BPF objects ---------------------------------------------------------

// An fd for one of our maps (BPF_MAP_GET_FD_BY_ID, BPF_OBJ_GET on a pin).
SEC("lsm/bpf_map")
int BPF_PROG(vigil_bpf_map, struct bpf_map *map, fmode_t fmode, int ret)
{
    if (ret)
        return ret;
    __u32 id = map->id;
    if (!is_self_object(SELF_MAP, id) || current_trusted())
        return 0;
    return refuse(VIGIL_EV_BPF, 0, NULL, id);
}

// An fd for one of our programs.
SEC("lsm/bpf_prog")
int BPF_PROG(vigil_bpf_prog, struct bpf_prog *prog, int ret)
{
    if (ret)
        return ret;
    __u32 id = BPF_CORE_READ(prog, aux, id);
    if (!is_self_object(SELF_PROG, id) || current_trusted())
        return 0;
    return refuse(VIGIL_EV_BPF, 0, NULL, id);
}

// The id of the bpf_link behind the caller's fd, or 0. Only used to compare with our own
// link ids: a non-link fd yields an id that is not ours, and the command fails anyway.
static __always_inline __u32 link_id_of_fd(int fd)
{
    struct task_struct *task = bpf_get_current_task_btf();
    struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
    if (!fdt || fd < 0 || (unsigned int)fd >= BPF_CORE_READ(fdt, max_fds))
        return 0;
    struct file **fds = BPF_CORE_READ(fdt, fd);
    struct file *file = NULL;
    bpf_core_read(&file, sizeof(file), &fds[fd]);
    if (!file)
        return 0;
    struct bpf_link *link = BPF_CORE_READ(file, private_data);
    return link ? BPF_CORE_READ(link, id) : 0;
}

// Links have no fd hook in 6.1: refuse getting one by id, and detaching or updating one
// through an fd obtained from a pin (BPF_OBJ_GET on a link pin has no hook either).
SEC("lsm/bpf")
int BPF_PROG(vigil_bpf, int cmd, union bpf_attr *attr, unsigned int size, int ret)
{
    if (ret)
        return ret;
    __u32 id;
    if (cmd == BPF_LINK_GET_FD_BY_ID)
        id = attr->link_id;
    else if (cmd == BPF_LINK_DETACH)
        id = link_id_of_fd(attr->link_detach.link_fd);
    else if (cmd == BPF_LINK_UPDATE)
        id = link_id_of_fd(attr->link_update.link_fd);
    else
        return 0;
    if (!is_self_object(SELF_LINK, id) || current_trusted())
        return 0;
    return refuse(VIGIL_EV_BPF, 0, NULL, id);
}
