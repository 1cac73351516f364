// SPDX-License-Identifier: GPL-2.0
// The Tier A load test: one BPF LSM program that allows everything, attached for an
// instant to a hook almost nothing calls. If this loads and attaches, the kernel runs
// BPF LSM programs; the LSM list alone does not say so (our CI hosts list `bpf` and
// refuse every load with EPERM).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("lsm/quotactl")
int BPF_PROG(vigil_probe)
{
    return 0;
}
