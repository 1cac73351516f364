#include "CYara.h"
#include <string.h>
#include <stdio.h>

static void copy_text(char *dst, size_t cap, const char *src) {
    if (src == NULL) { dst[0] = '\0'; return; }
    snprintf(dst, cap, "%s", src);
}

static void compiler_callback(int error_level, const char *file_name, int line_number,
                              const YR_RULE *rule, const char *message, void *user_data) {
    (void)rule;
    vigil_yr_diagnostics *out = user_data;
    if (out->count >= (int)(sizeof(out->items) / sizeof(out->items[0]))) return;
    vigil_yr_diagnostic *d = &out->items[out->count++];
    d->is_warning = error_level == YARA_ERROR_LEVEL_WARNING;
    d->line = line_number;
    copy_text(d->file, sizeof(d->file), file_name);
    copy_text(d->message, sizeof(d->message), message);
}

void vigil_yr_compiler_collect(YR_COMPILER *compiler, vigil_yr_diagnostics *out) {
    out->count = 0;
    yr_compiler_set_callback(compiler, compiler_callback, out);
}

static int scan_callback(YR_SCAN_CONTEXT *context, int message, void *message_data, void *user_data) {
    (void)context;
    if (message != CALLBACK_MSG_RULE_MATCHING) return CALLBACK_CONTINUE;
    vigil_yr_matches *out = user_data;
    if (out->count < (int)(sizeof(out->rules) / sizeof(out->rules[0]))) {
        out->rules[out->count++] = (const YR_RULE *)message_data;
    } else {
        out->overflow = 1;
    }
    return CALLBACK_CONTINUE;
}

void vigil_yr_scanner_collect(YR_SCANNER *scanner, vigil_yr_matches *out) {
    out->count = 0;
    out->overflow = 0;
    yr_scanner_set_callback(scanner, scan_callback, out);
}

const char *vigil_yr_rule_identifier(const YR_RULE *rule) { return rule->identifier; }
const char *vigil_yr_rule_namespace(const YR_RULE *rule) { return rule->ns ? rule->ns->name : ""; }

const char *vigil_yr_rule_meta_string(const YR_RULE *rule, const char *key) {
    const YR_META *meta;
    yr_rule_metas_foreach(rule, meta) {
        if (meta->type == META_TYPE_STRING && strcmp(meta->identifier, key) == 0) return meta->string;
    }
    return NULL;
}

int vigil_yr_rules_count(YR_RULES *rules) {
    const YR_RULE *rule;
    int n = 0;
    yr_rules_foreach(rules, rule) { n++; }
    return n;
}
