#include "CYara.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_text(char *dst, size_t cap, const char *src) {
    if (src == NULL) { dst[0] = '\0'; return; }
    snprintf(dst, cap, "%s", src);
}

// MARK: compiler

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

uint32_t vigil_yr_compiler_rule_count(YR_COMPILER *compiler) { return compiler->next_rule_idx; }

// MARK: collecting scan results

void vigil_yr_collect_init(vigil_yr_collected *c) { memset(c, 0, sizeof(*c)); }

void vigil_yr_collect_free(vigil_yr_collected *c) {
    free(c->rules);
    free(c->too_many);
    memset(c, 0, sizeof(*c));
}

/// Appends `item` to a doubling array; 0 when out of memory.
static int append(const void ***items, uint32_t *count, uint32_t *capacity, const void *item) {
    if (*count == *capacity) {
        uint32_t grown = *capacity ? *capacity * 2 : 64;
        const void **bigger = realloc((void *)*items, grown * sizeof(void *));
        if (bigger == NULL) return 0;
        *items = bigger;
        *capacity = grown;
    }
    (*items)[(*count)++] = item;
    return 1;
}

static int scan_callback(YR_SCAN_CONTEXT *context, int message, void *message_data, void *user_data) {
    (void)context;
    vigil_yr_collected *out = user_data;
    int ok = 1;
    switch (message) {
    case CALLBACK_MSG_RULE_MATCHING:
        ok = append((const void ***)&out->rules, &out->rule_count, &out->rule_capacity, message_data);
        break;
    case CALLBACK_MSG_TOO_MANY_MATCHES:
        // yara's answer: warn, stop collecting matches for this string, keep scanning.
        ok = append((const void ***)&out->too_many, &out->too_many_count, &out->too_many_capacity, message_data);
        break;
    default:
        break;
    }
    if (!ok) {
        // A lost match must not look like a clean file: stop the scan with an error.
        out->out_of_memory = 1;
        return CALLBACK_ERROR;
    }
    return CALLBACK_CONTINUE;
}

void vigil_yr_scanner_collect(YR_SCANNER *scanner, vigil_yr_collected *out) {
    yr_scanner_set_callback(scanner, scan_callback, out);
}

void vigil_yr_scanner_reset(YR_SCANNER *scanner, vigil_yr_collected *out) {
    out->rule_count = 0;
    out->too_many_count = 0;
    out->out_of_memory = 0;
    scanner->last_error_string = NULL;
}

void vigil_yr_scanner_set_timeout_ns(YR_SCANNER *scanner, uint64_t ns) { scanner->timeout = ns; }

// MARK: window scans

typedef struct window_iterator {
    YR_MEMORY_BLOCK blocks[2];
    int count;
    int next;
    uint64_t file_size;
} window_iterator;

static const uint8_t *window_data(YR_MEMORY_BLOCK *block) { return block->context; }

static YR_MEMORY_BLOCK *window_first(YR_MEMORY_BLOCK_ITERATOR *it) {
    // Called again by every integer read in a condition (uint16(0)...): restart.
    window_iterator *w = it->context;
    w->next = 1;
    it->last_error = ERROR_SUCCESS;
    return w->count > 0 ? &w->blocks[0] : NULL;
}

static YR_MEMORY_BLOCK *window_next(YR_MEMORY_BLOCK_ITERATOR *it) {
    window_iterator *w = it->context;
    it->last_error = ERROR_SUCCESS;
    return w->next < w->count ? &w->blocks[w->next++] : NULL;
}

static uint64_t window_file_size(YR_MEMORY_BLOCK_ITERATOR *it) {
    return ((window_iterator *)it->context)->file_size;
}

int vigil_yr_scanner_scan_windows(YR_SCANNER *scanner,
                                  const uint8_t *head, size_t head_length,
                                  const uint8_t *tail, uint64_t tail_offset, size_t tail_length,
                                  uint64_t file_size) {
    window_iterator w = { .count = 0, .next = 0, .file_size = file_size };
    w.blocks[w.count++] = (YR_MEMORY_BLOCK){
        .size = head_length, .base = 0, .context = (void *)head, .fetch_data = window_data };
    if (tail_length > 0) {
        w.blocks[w.count++] = (YR_MEMORY_BLOCK){
            .size = tail_length, .base = tail_offset, .context = (void *)tail, .fetch_data = window_data };
    }
    YR_MEMORY_BLOCK_ITERATOR it = {
        .context = &w, .first = window_first, .next = window_next,
        .file_size = window_file_size, .last_error = ERROR_SUCCESS };
    return yr_scanner_scan_mem_blocks(scanner, &it);
}

// MARK: errors

const YR_RULE *vigil_yr_scanner_error_rule(YR_SCANNER *scanner) { return yr_scanner_last_error_rule(scanner); }
const YR_STRING *vigil_yr_scanner_error_string(YR_SCANNER *scanner) { return yr_scanner_last_error_string(scanner); }

uint32_t vigil_yr_scanner_rule_index(YR_SCANNER *scanner, const YR_RULE *rule) {
    return (uint32_t)(rule - scanner->rules->rules_table);
}

const YR_RULE *vigil_yr_scanner_string_rule(YR_SCANNER *scanner, const YR_STRING *string) {
    return &scanner->rules->rules_table[string->rule_idx];
}

// MARK: private rules views

// Why a view and not yr_rule_disable on the shared rules: the rule flags live in the
// shared arena, so disabling there races with every other worker's scan and changes
// their results. Why not a full copy (yr_rules_save_stream + load): saving rewrites
// the shared arena's pointers in place while it runs, which is the same race, and a
// copy costs the rules' full size per worker.
//
// What the view relies on (libyara 4.2): the scanner and the condition code reach rule
// structures only through `rules->rules_table` (by index), and YR_PARANOID_EXEC checks
// that a rule pointer lies inside `rules->arena`; so the view carries its own arena
// header whose rules-table buffer is the private copy and whose other buffers are the
// shared ones. Nothing in the shared arena points into the rules table.
struct vigil_yr_rules_view {
    YR_RULES rules;
    YR_ARENA arena;
    YR_RULE *table;
};

vigil_yr_rules_view *vigil_yr_rules_view_create(YR_RULES *shared) {
    vigil_yr_rules_view *view = calloc(1, sizeof(*view));
    if (view == NULL) return NULL;
    YR_ARENA_BUFFER *buffer = &shared->arena->buffers[YR_RULES_TABLE];
    view->table = malloc(buffer->used > 0 ? buffer->used : 1);
    if (view->table == NULL) { free(view); return NULL; }
    memcpy(view->table, buffer->data, buffer->used);
    view->arena = *shared->arena;
    view->arena.buffers[YR_RULES_TABLE].data = (uint8_t *)view->table;
    view->arena.buffers[YR_RULES_TABLE].size = buffer->used;
    // The view never owns the shared arena's memory: nothing may release it through us.
    view->arena.xrefs = 0;
    view->arena.reloc_list_head = NULL;
    view->arena.reloc_list_tail = NULL;
    view->rules = *shared;
    view->rules.arena = &view->arena;
    view->rules.rules_table = view->table + (shared->rules_table - (YR_RULE *)buffer->data);
    return view;
}

void vigil_yr_rules_view_destroy(vigil_yr_rules_view *view) {
    if (view == NULL) return;
    free(view->table);
    free(view);
}

YR_RULES *vigil_yr_rules_view_rules(vigil_yr_rules_view *view) { return &view->rules; }

void vigil_yr_rules_view_set_disabled(vigil_yr_rules_view *view, uint32_t index, int disabled) {
    if (index >= view->rules.num_rules) return;
    // Only the rule's own flags: yr_rule_disable would also set flags on its strings,
    // which live in the shared arena.
    YR_RULE *rule = &view->rules.rules_table[index];
    if (disabled) rule->flags |= RULE_FLAGS_DISABLED;
    else rule->flags &= ~RULE_FLAGS_DISABLED;
}

void vigil_yr_scanner_skip_rule_strings(YR_SCANNER *scanner, uint32_t index) {
    if (index >= scanner->rules->num_rules) return;
    const YR_RULE *rule = &scanner->rules->rules_table[index];
    const YR_STRING *string;
    yr_rule_strings_foreach(rule, string) {
        yr_bitmask_set(scanner->strings_temp_disabled, string->idx);
    }
}

// MARK: names

const char *vigil_yr_rule_identifier(const YR_RULE *rule) { return rule->identifier; }
const char *vigil_yr_rule_namespace(const YR_RULE *rule) { return rule->ns ? rule->ns->name : ""; }
const char *vigil_yr_string_identifier(const YR_STRING *string) { return string->identifier; }

const char *vigil_yr_rule_meta_string(const YR_RULE *rule, const char *key) {
    const YR_META *meta;
    yr_rule_metas_foreach(rule, meta) {
        if (meta->type == META_TYPE_STRING && strcmp(meta->identifier, key) == 0) return meta->string;
    }
    return NULL;
}

int vigil_yr_rules_declares_external(YR_RULES *rules, const char *name) {
    const YR_EXTERNAL_VARIABLE *e = rules->ext_vars_table;
    for (; e != NULL && !EXTERNAL_VARIABLE_IS_NULL(e); e++) {
        if (e->identifier != NULL && strcmp(e->identifier, name) == 0) return 1;
    }
    return 0;
}

typedef struct import_probe {
    const char *name;
    int found;
} import_probe;

static int import_callback(YR_SCAN_CONTEXT *context, int message, void *message_data, void *user_data) {
    (void)context;
    import_probe *probe = user_data;
    if (message == CALLBACK_MSG_IMPORT_MODULE) {
        const YR_MODULE_IMPORT *import = message_data;
        if (import->module_name != NULL && strcmp(import->module_name, probe->name) == 0) probe->found = 1;
    }
    return CALLBACK_CONTINUE;
}

int vigil_yr_rules_import(YR_RULES *rules, const char *name) {
    // Compiled rules keep no list of imports: each `import` is an instruction at the
    // start of the rules' code, which tells the callback when a scan runs it.
    static const uint8_t none[1] = {0};
    import_probe probe = { name, 0 };
    int rc = yr_rules_scan_mem(rules, none, 0, SCAN_FLAGS_FAST_MODE, import_callback, &probe, 1);
    if (probe.found) return 1;
    return rc == ERROR_SUCCESS ? 0 : -1;
}

const char *vigil_yr_rules_next_global(YR_RULES *rules, int *index) {
    const YR_RULE *rule;
    int i = 0;
    yr_rules_foreach(rules, rule) {
        if (i >= *index && (rule->flags & RULE_FLAGS_GLOBAL)) {
            *index = i;
            return rule->identifier;
        }
        i++;
    }
    return NULL;
}

int vigil_yr_rules_count(YR_RULES *rules) {
    const YR_RULE *rule;
    int n = 0;
    yr_rules_foreach(rules, rule) { n++; }
    return n;
}

// Compiled rules to and from memory: the daemon hands its rules to scan workers as
// bytes (a memfd), so a worker never opens a rules file.
typedef struct { uint8_t *data; size_t length, capacity; int failed; } vigil_yr_buffer;

static size_t buffer_write(const void *ptr, size_t size, size_t count, void *user_data) {
    vigil_yr_buffer *b = user_data;
    size_t n = size * count;
    if (b->failed) return 0;
    if (b->length + n > b->capacity) {
        size_t cap = b->capacity ? b->capacity : 1 << 16;
        while (cap < b->length + n) cap *= 2;
        uint8_t *grown = realloc(b->data, cap);
        if (!grown) { b->failed = 1; return 0; }
        b->data = grown;
        b->capacity = cap;
    }
    memcpy(b->data + b->length, ptr, n);
    b->length += n;
    return count;
}

uint8_t *vigil_yr_rules_save_memory(YR_RULES *rules, size_t *length) {
    vigil_yr_buffer b = {0};
    YR_STREAM stream = { .user_data = &b, .write = buffer_write };
    if (yr_rules_save_stream(rules, &stream) != ERROR_SUCCESS || b.failed) { free(b.data); return NULL; }
    *length = b.length;
    return b.data;
}

typedef struct { const uint8_t *data; size_t length, offset; } vigil_yr_reader;

static size_t buffer_read(void *ptr, size_t size, size_t count, void *user_data) {
    vigil_yr_reader *r = user_data;
    if (size == 0) return 0;
    size_t items = (r->length - r->offset) / size;
    if (items > count) items = count;
    memcpy(ptr, r->data + r->offset, items * size);
    r->offset += items * size;
    return items;
}

int vigil_yr_rules_load_memory(const uint8_t *data, size_t length, YR_RULES **rules) {
    vigil_yr_reader r = { .data = data, .length = length, .offset = 0 };
    YR_STREAM stream = { .user_data = &r, .read = buffer_read };
    return yr_rules_load_stream(&stream, rules);
}
