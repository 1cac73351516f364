// libseccomp for the scan workers' system-call filter (VigilSystem/Sandbox.swift).
// Owns: turning libseccomp's function-like macros into functions Swift can call.
// Must not: choose which calls are allowed (Sandbox does).
#include <seccomp.h>
#include <errno.h>
#include <stdint.h>

static inline uint32_t vigil_scmp_act_errno(uint16_t code) { return SCMP_ACT_ERRNO(code); }
static inline uint32_t vigil_scmp_act_allow(void) { return SCMP_ACT_ALLOW; }

/// Allows `syscall_nr` (any arguments).
static inline int vigil_scmp_allow(scmp_filter_ctx ctx, int syscall_nr) {
    return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, syscall_nr, 0);
}
/// Allows `syscall_nr` when argument `arg` equals `value`.
static inline int vigil_scmp_allow_arg_eq(scmp_filter_ctx ctx, int syscall_nr, unsigned arg, uint64_t value) {
    return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, syscall_nr, 1, SCMP_CMP(arg, SCMP_CMP_EQ, value));
}
/// Allows `syscall_nr` when `(argument arg & mask) == 0` (mmap/mprotect without PROT_EXEC).
static inline int vigil_scmp_allow_arg_clear(scmp_filter_ctx ctx, int syscall_nr, unsigned arg, uint64_t mask) {
    return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, syscall_nr, 1, SCMP_CMP(arg, SCMP_CMP_MASKED_EQ, mask, 0));
}
/// Allows `syscall_nr` when argument `a` equals `va` and argument `b` equals `vb`.
static inline int vigil_scmp_allow_args_eq(scmp_filter_ctx ctx, int syscall_nr, unsigned a, uint64_t va, unsigned b, uint64_t vb) {
    return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, syscall_nr, 2, SCMP_CMP(a, SCMP_CMP_EQ, va), SCMP_CMP(b, SCMP_CMP_EQ, vb));
}
