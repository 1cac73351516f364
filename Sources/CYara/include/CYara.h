// The part of libyara Vigil uses, with the macros and unions Swift cannot import
// turned into functions. Nothing else in Vigil includes <yara.h>.
//
// Owns: every access to libyara's structures beyond its public functions (scanner
// fields, the rules table, arena buffers). Must not: decide verdicts or allocate per
// match on the hot path.
#ifndef VIGIL_CYARA_H
#define VIGIL_CYARA_H

#include <yara.h>
#include <stddef.h>
#include <stdint.h>

/// What one scan reported, collected inside C so the hot path never crosses into
/// Swift per callback. The arrays grow by doubling and are kept between scans
/// (`vigil_yr_collect_reset` only rewinds the counts), so a scan allocates nothing
/// once a worker has seen its biggest file. No fixed cap: every matching rule is kept.
typedef struct vigil_yr_collected {
    const YR_RULE **rules;          // matching rules, in libyara's rule order
    uint32_t rule_count;
    uint32_t rule_capacity;
    const YR_STRING **too_many;     // strings that hit libyara's match limit (a warning)
    uint32_t too_many_count;
    uint32_t too_many_capacity;
    int out_of_memory;              // a grow failed: the scan was stopped with CALLBACK_ERROR
} vigil_yr_collected;

void vigil_yr_collect_init(vigil_yr_collected *c);
void vigil_yr_collect_free(vigil_yr_collected *c);

/// Installs the collecting callback on `scanner`.
void vigil_yr_scanner_collect(YR_SCANNER *scanner, vigil_yr_collected *out);

/// Readies `scanner` for the next scan: rewinds `out` and forgets the string that
/// caused the previous scan's error (libyara 4.2 never clears it, so a later timeout
/// would otherwise be blamed on an old string).
void vigil_yr_scanner_reset(YR_SCANNER *scanner, vigil_yr_collected *out);

/// Sets the scan timeout in nanoseconds (0: none). libyara's own setter takes whole
/// seconds; the field is nanoseconds since 4.0.
void vigil_yr_scanner_set_timeout_ns(YR_SCANNER *scanner, uint64_t ns);

/// Scans two windows of a file at their real offsets: `head` at 0 and `tail` at
/// `tail_offset` (tail_length may be 0). `filesize` in rules is `file_size`, and
/// integer reads such as uint16(0) and string offsets are those of the whole file.
int vigil_yr_scanner_scan_windows(YR_SCANNER *scanner,
                                  const uint8_t *head, size_t head_length,
                                  const uint8_t *tail, uint64_t tail_offset, size_t tail_length,
                                  uint64_t file_size);

/// The rule and string behind the last scan error, or NULL (after a reset, only an
/// error raised while matching one string sets them).
const YR_RULE *vigil_yr_scanner_error_rule(YR_SCANNER *scanner);
const YR_STRING *vigil_yr_scanner_error_string(YR_SCANNER *scanner);

/// A rule's position in the rules table `scanner` scans with.
uint32_t vigil_yr_scanner_rule_index(YR_SCANNER *scanner, const YR_RULE *rule);
/// The rule a string belongs to.
const YR_RULE *vigil_yr_scanner_string_rule(YR_SCANNER *scanner, const YR_STRING *string);

/// A private view of shared compiled rules: its own copy of the rules table (and of
/// the arena header that points at it), every other byte shared. Rules can be
/// disabled in the view without writing to the shared rules other threads scan with.
/// The shared rules must outlive the view. Thread-confined, like a scanner.
typedef struct vigil_yr_rules_view vigil_yr_rules_view;

/// NULL when out of memory.
vigil_yr_rules_view *vigil_yr_rules_view_create(YR_RULES *shared);
void vigil_yr_rules_view_destroy(vigil_yr_rules_view *view);
YR_RULES *vigil_yr_rules_view_rules(vigil_yr_rules_view *view);
/// Marks rule `index` disabled (its condition is skipped and it never matches, as
/// yr_rule_disable does) or enabled again, in the view only.
void vigil_yr_rules_view_set_disabled(vigil_yr_rules_view *view, uint32_t index, int disabled);
/// Keeps the strings of rule `index` from being matched in `scanner`'s next scan.
/// Needed beside disabling: libyara 4.2 still verifies a disabled rule's strings, so
/// the regex that failed would fail again. libyara clears the mark after each scan.
void vigil_yr_scanner_skip_rule_strings(YR_SCANNER *scanner, uint32_t index);

const char *vigil_yr_rule_identifier(const YR_RULE *rule);
const char *vigil_yr_rule_namespace(const YR_RULE *rule);
const char *vigil_yr_string_identifier(const YR_STRING *string);
/// The value of a string meta field, or NULL.
const char *vigil_yr_rule_meta_string(const YR_RULE *rule, const char *key);
int vigil_yr_rules_count(YR_RULES *rules);
/// The identifier of the first global rule at or after table index `*index` (which is
/// set to that rule's index), or NULL when there is none.
const char *vigil_yr_rules_next_global(YR_RULES *rules, int *index);
/// 1 when compiled `rules` declare the external variable `name` (a compiled file keeps
/// only the externals it was compiled with: those its rules may read).
int vigil_yr_rules_declares_external(YR_RULES *rules, const char *name);
/// 1 when `rules` import the module `name`, 0 when not, -1 when libyara could not tell:
/// one scan of zero bytes (1 s at most), whose module imports the callback sees. Loads
/// those modules on this thread as any scan would.
int vigil_yr_rules_import(YR_RULES *rules, const char *name);

/// One compiler diagnostic, copied out of libyara's callback.
typedef struct vigil_yr_diagnostic {
    int is_warning;
    int line;
    char file[1024];
    char message[1024];
} vigil_yr_diagnostic;

typedef struct vigil_yr_diagnostics {
    vigil_yr_diagnostic items[32];
    int count;
} vigil_yr_diagnostics;

/// Installs a callback on `compiler` that appends to `out`.
void vigil_yr_compiler_collect(YR_COMPILER *compiler, vigil_yr_diagnostics *out);
/// How many rules the compiler holds so far: the index the next file's first rule gets.
uint32_t vigil_yr_compiler_rule_count(YR_COMPILER *compiler);

/// The compiled rules as bytes (yr_rules_save_stream), malloc'ed; NULL on failure.
uint8_t *vigil_yr_rules_save_memory(YR_RULES *rules, size_t *length);
/// Rules from bytes made by `vigil_yr_rules_save_memory` (yr_rules_load_stream).
int vigil_yr_rules_load_memory(const uint8_t *data, size_t length, YR_RULES **rules);

#endif
