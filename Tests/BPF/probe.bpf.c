// SPDX-License-Identifier: GPL-2.0
// A minimal BPF LSM program: refuses unlink(2)/rmdir of the inodes user space put in
// `deny_unlink` (keyed by inode number and the kernel's dev_t of the file system).
// Loading and attaching it is the real test of whether this kernel runs BPF LSM
// programs at all: a kernel can list `bpf` in /sys/kernel/security/lsm and still
// refuse the load (EPERM), which is what our CI hosts do.
//
// CO-RE: vmlinux.h is generated from the target kernel's BTF by
// scripts/test-bpf-lsm.sh (bpftool btf dump ... format c); it is not in git.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define EPERM 1

char LICENSE[] SEC("license") = "GPL";

struct inode_key {
    __u64 ino;
    __u32 dev;   // kernel dev_t: major << 20 | minor
    __u32 pad;
};

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, struct inode_key);
    __type(value, __u8);
} deny_unlink SEC(".maps");

__u64 denied = 0;   // how many unlinks this program refused

SEC("lsm/inode_unlink")
int BPF_PROG(vigil_deny_unlink, struct inode *dir, struct dentry *victim, int ret)
{
    if (ret != 0)
        return ret;   // an earlier LSM already refused
    struct inode *inode = victim->d_inode;
    if (!inode)
        return 0;
    struct inode_key key = {
        .ino = inode->i_ino,
        .dev = inode->i_sb->s_dev,
    };
    if (bpf_map_lookup_elem(&deny_unlink, &key)) {
        __sync_fetch_and_add(&denied, 1);
        return -EPERM;
    }
    return 0;
}
