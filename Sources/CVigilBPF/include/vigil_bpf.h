// The C loader of Vigil's Tier A BPF LSM programs (loader.c), called by the VigilBPF
// Swift module and nothing else. Every function returns 0 or a negative errno; none
// prints unless VIGIL_BPF_VERBOSE is set (libbpf's messages are kept for
// vigil_bpf_last_log()).
//
// Owns: loading, attaching, pinning and re-opening the programs and maps; the map
// updates user space makes; draining the event ring buffer.
// Must not: decide policy (which inodes, which agents, how long a lease): the caller does.
#ifndef VIGIL_BPF_H
#define VIGIL_BPF_H

#include <linux/types.h>
#include <stddef.h>

#include "vigil_bpf_shared.h"

typedef struct vigil_bpf vigil_bpf;

struct vigil_bpf_options {
    const char *pin_dir;            // where a private bpffs is mounted (created, mode 0700)
    __u64 lease_max_ns;             // a lease further out than this is invalid (frozen at load)
    __u32 event_rate;               // events per second per CPU (frozen at load)
    __u32 event_burst;              // events per CPU in a burst (frozen at load)
    struct vigil_inode_key agent_exe; // the sealed agent binary (candidates run it)
    __u64 init_mnt_ns;              // inode number of /proc/1/ns/mnt
};

// The Tier A load test: loads and attaches a do-nothing BPF LSM program, then detaches it.
// 0 if BPF LSM works; otherwise -errno and *step names what failed ("open", "load",
// "attach").
int vigil_bpf_probe(const char **step);

// Loads and attaches the programs and pins them (with their maps) under
// pin_dir/<build digest>/, or, if this build's pins are already there, re-opens them
// without loading anything. -ESTALE: pins of another build are present.
int vigil_bpf_open(const struct vigil_bpf_options *options, vigil_bpf **out);
// 1 if vigil_bpf_open re-opened existing pins, 0 if it loaded.
int vigil_bpf_reused(const vigil_bpf *b);
// The build digest naming the pin folder (16 hex digits).
const char *vigil_bpf_digest(void);
// Closes our descriptors. Pinned programs stay attached.
void vigil_bpf_close(vigil_bpf *b);
// Maintenance: detaches every program, removes the pins and unmounts the private bpffs.
// Only an agent can (the programs refuse everyone else).
int vigil_bpf_release(vigil_bpf *b);

int vigil_bpf_protect(vigil_bpf *b, struct vigil_inode_key key, __u32 flags);   // flags 0: unprotect
int vigil_bpf_seal(vigil_bpf *b, struct vigil_inode_key key, int sealed);
int vigil_bpf_agent(vigil_bpf *b, __u32 tgid, int add);
int vigil_bpf_set_lease(vigil_bpf *b, __u64 deadline_boottime_ns);
int vigil_bpf_settings(vigil_bpf *b, const struct vigil_settings *settings);

// The hooks, in a fixed order (names without the "vigil_" prefix, e.g. "file_open").
int vigil_bpf_hook_count(void);
const char *vigil_bpf_hook_name(int index);
// 1 if the hook's link is attached (held by our fd or its pin), else 0.
int vigil_bpf_hook_attached(const vigil_bpf *b, int index);

// Our own object ids, as the programs know them: (kind << 32) | id with kind 1 map,
// 2 program, 3 link. Returns how many were written (at most max).
int vigil_bpf_self_ids(vigil_bpf *b, __u64 *out, int max);

// Sums of the per-CPU counters (enum vigil_stat_slot, refusals by kind).
int vigil_bpf_stats(vigil_bpf *b, __u64 out[VIGIL_STAT_SLOTS]);

// Waits up to timeout_ms for events and moves them into an internal queue; returns how
// many are queued. Take them with vigil_bpf_events_take. One thread at a time.
int vigil_bpf_events_poll(vigil_bpf *b, int timeout_ms);
int vigil_bpf_events_take(vigil_bpf *b, struct vigil_event *out, int max);
// Events lost because the internal queue was full (user space too slow).
__u64 vigil_bpf_events_lost(const vigil_bpf *b);

// The errno's symbolic name ("EPERM"), or NULL (strerrorname_np needs _GNU_SOURCE,
// which Swift's Glibc module does not define).
const char *vigil_bpf_errno_name(int code);

// The last messages libbpf printed (verifier output on a failed load), for error reports.
const char *vigil_bpf_last_log(void);

#endif
