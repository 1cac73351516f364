// The part of libyara Vigil uses, with the macros and unions Swift cannot import
// turned into functions. Nothing else in Vigil includes <yara.h>.
#ifndef VIGIL_CYARA_H
#define VIGIL_CYARA_H

#include <yara.h>
#include <stddef.h>
#include <stdint.h>

/// Rules that matched one scan, collected inside C so the hot path never
/// crosses into Swift per callback.
typedef struct vigil_yr_matches {
    const YR_RULE *rules[64];
    int count;
    int overflow;
} vigil_yr_matches;

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

/// Installs a callback on `scanner` that appends matching rules to `out`.
void vigil_yr_scanner_collect(YR_SCANNER *scanner, vigil_yr_matches *out);

const char *vigil_yr_rule_identifier(const YR_RULE *rule);
const char *vigil_yr_rule_namespace(const YR_RULE *rule);
/// The value of a string meta field, or NULL.
const char *vigil_yr_rule_meta_string(const YR_RULE *rule, const char *key);
int vigil_yr_rules_count(YR_RULES *rules);

#endif
