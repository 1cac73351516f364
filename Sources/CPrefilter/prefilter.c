#include "CPrefilter.h"
#include <stdlib.h>
#include <string.h>

// Everything here reads libyara 4.2's compiled-rules layout (yara/types.h,
// yara/compiler.h); the prefilter's tests check the layout against the real library.

// MARK: compiled rules

uint32_t vpf_rules_string_count(const YR_RULES *rules) { return rules->num_strings; }
uint32_t vpf_rules_rule_count(const YR_RULES *rules) { return rules->num_rules; }

void vpf_string_info_get(const YR_RULES *rules, uint32_t index, vpf_string_info *out) {
    const YR_STRING *s = &rules->strings_table[index];
    out->flags = s->flags;
    out->rule_index = s->rule_idx;
    out->length = s->length;
    out->literal = (s->flags & STRING_FLAGS_LITERAL) ? s->string : NULL;
    out->chained_to = s->chained_to != NULL ? (int64_t)(s->chained_to - rules->strings_table) : -1;
    out->chain_gap_min = s->chain_gap_min;
    out->chain_gap_max = s->chain_gap_max;
    out->fixed_offset = (s->flags & STRING_FLAGS_FIXED_OFFSET) && s->fixed_offset != YR_UNDEFINED
        ? s->fixed_offset : -1;
    out->identifier = s->identifier;
}

int32_t vpf_rule_flags(const YR_RULES *rules, uint32_t index) { return rules->rules_table[index].flags; }
const char *vpf_rule_identifier(const YR_RULES *rules, uint32_t index) { return rules->rules_table[index].identifier; }
const char *vpf_rule_namespace(const YR_RULES *rules, uint32_t index) {
    const YR_NAMESPACE *ns = rules->rules_table[index].ns;
    return ns != NULL ? ns->name : "";
}

const uint8_t *vpf_re_code(const YR_RULES *rules, size_t *size) {
    const YR_ARENA_BUFFER *b = &rules->arena->buffers[YR_RE_CODE_SECTION];
    *size = b->used;
    return b->data;
}

const uint8_t *vpf_condition_code(const YR_RULES *rules, size_t *size, size_t *start) {
    const YR_ARENA_BUFFER *b = &rules->arena->buffers[YR_CODE_SECTION];
    *size = b->used;
    *start = (size_t)(rules->code_start - b->data);
    return b->data;
}

int64_t vpf_string_index_of_pointer(const YR_RULES *rules, uint64_t pointer) {
    const YR_STRING *first = rules->strings_table;
    uintptr_t p = (uintptr_t)pointer, base = (uintptr_t)first;
    if (p < base) return -1;
    uintptr_t delta = p - base;
    if (delta % sizeof(YR_STRING) != 0 || delta / sizeof(YR_STRING) >= rules->num_strings) return -1;
    return (int64_t)(delta / sizeof(YR_STRING));
}

static int64_t re_offset(const YR_RULES *rules, const uint8_t *code) {
    if (code == NULL) return -1;
    const YR_ARENA_BUFFER *b = &rules->arena->buffers[YR_RE_CODE_SECTION];
    if (code < b->data || code >= b->data + b->used) return -1;
    return (int64_t)(code - b->data);
}

int64_t vpf_ac_entries(const YR_RULES *rules, vpf_ac_entry *out, size_t capacity) {
    // The atom of each match entry is the path from the root to the state that holds it.
    // The transition table interleaves states: state s's transition on byte c is at
    // s + c + 1 and is valid when its low 9 bits are c + 1 (the slot code); the high bits
    // are the next state. Every non-root state has exactly one such parent edge, so a
    // breadth-first walk from the root visits each state once, at its atom's length.
    size_t table_size = rules->arena->buffers[YR_AC_TRANSITION_TABLE].used / sizeof(YR_AC_TRANSITION);
    const YR_AC_TRANSITION *t = rules->ac_transition_table;
    const uint32_t *m = rules->ac_match_table;
    if (table_size == 0) return 0;
    uint32_t *queue = malloc(table_size * sizeof(uint32_t));
    uint8_t *depth = calloc(table_size, 1);
    uint8_t (*path)[4] = calloc(table_size, 4);
    if (queue == NULL || depth == NULL || path == NULL) {
        free(queue); free(depth); free(path);
        return -1;
    }
    size_t head = 0, tail = 0;
    queue[tail++] = YR_AC_ROOT_STATE;
    int64_t count = 0;
    int shape_error = 0;
    while (head < tail && !shape_error) {
        uint32_t state = queue[head++];
        if (m[state] != 0) {
            for (const YR_AC_MATCH *match = &rules->ac_match_pool[m[state] - 1]; match != NULL; match = match->next) {
                if ((size_t)count < capacity) {
                    vpf_ac_entry *e = &out[count];
                    e->string_index = (uint32_t)(match->string - rules->strings_table);
                    e->backtrack = match->backtrack;
                    e->atom_length = depth[state];
                    memcpy(e->atom, path[state], 4);
                    e->forward_code = re_offset(rules, match->forward_code);
                    e->backward_code = re_offset(rules, match->backward_code);
                }
                count++;
            }
        }
        for (uint32_t c = 0; c < 256; c++) {
            size_t slot = (size_t)state + c + 1;
            if (slot >= table_size) break;
            YR_AC_TRANSITION tr = t[slot];
            if (YR_AC_INVALID_TRANSITION(tr, c + 1)) continue;
            uint32_t next = YR_AC_NEXT_STATE(tr);
            if (next == YR_AC_ROOT_STATE || next >= table_size) continue;
            if (depth[state] >= 4) { shape_error = 1; break; }
            depth[next] = depth[state] + 1;
            memcpy(path[next], path[state], 4);
            path[next][depth[state]] = (uint8_t)c;
            queue[tail++] = next;
            if (tail > table_size) { shape_error = 1; break; }
        }
    }
    free(queue); free(depth); free(path);
    return shape_error ? -1 : count;
}

// MARK: Hyperscan hits

int vpf_hits_init(vpf_hits *hits, uint32_t part_count, const uint32_t *pattern_part) {
    memset(hits, 0, sizeof(*hits));
    size_t words = (part_count + 63) / 64 + 1;
    hits->bits = calloc(words, sizeof(uint64_t));
    hits->parts = malloc(((size_t)part_count + 1) * sizeof(uint32_t));
    if (hits->bits == NULL || hits->parts == NULL) { vpf_hits_free(hits); return 0; }
    hits->capacity = part_count;
    hits->pattern_part = pattern_part;
    return 1;
}

void vpf_hits_free(vpf_hits *hits) {
    free(hits->bits);
    free(hits->parts);
    memset(hits, 0, sizeof(*hits));
}

void vpf_hits_reset(vpf_hits *hits) {
    for (uint32_t i = 0; i < hits->count; i++) {
        uint32_t p = hits->parts[i];
        hits->bits[p >> 6] &= ~(1ull << (p & 63));
    }
    hits->count = 0;
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags, void *context) {
    (void)from; (void)to; (void)flags;
    vpf_hits *hits = context;
    uint32_t part = hits->pattern_part[id];
    uint64_t bit = 1ull << (part & 63);
    if (!(hits->bits[part >> 6] & bit)) {
        hits->bits[part >> 6] |= bit;
        hits->parts[hits->count++] = part;
    }
    return 0;   // patterns are compiled single-match: Hyperscan reports each once
}

int vpf_hits_scan(vpf_hits *hits, const hs_database_t *db, hs_scratch_t *scratch,
                  const uint8_t *data, size_t length) {
    if (length == 0) return HS_SUCCESS;
    static const char empty = 0;
    return hs_scan(db, data != NULL ? (const char *)data : &empty, (unsigned int)length, 0, scratch, on_match, hits);
}

int vpf_hits_scan_stream(vpf_hits *hits, hs_stream_t *stream, hs_scratch_t *scratch,
                         const uint8_t *data, size_t length) {
    if (length == 0) return HS_SUCCESS;
    return hs_scan_stream(stream, (const char *)data, (unsigned int)length, 0, scratch, on_match, hits);
}

int vpf_hits_end_stream(vpf_hits *hits, hs_stream_t *stream, hs_scratch_t *scratch, int report) {
    if (!report) return hs_reset_stream(stream, 0, NULL, NULL, NULL);
    return hs_reset_stream(stream, 0, scratch, on_match, hits);
}

// MARK: libyara scans

void vpf_scanner_forget_entry_point(YR_SCANNER *scanner) { scanner->entry_point = YR_UNDEFINED; }

typedef struct windows {
    YR_MEMORY_BLOCK blocks[2];
    YR_MEMORY_BLOCK empty;
    int count;
    int next;
    int searching;      // conditions-only: still in libyara's string search
    uint64_t file_size;
} windows;

static const uint8_t *block_data(YR_MEMORY_BLOCK *block) { return block->context; }

static YR_MEMORY_BLOCK *windows_first(YR_MEMORY_BLOCK_ITERATOR *it) {
    // Called again by every integer read and module in a condition: restart each time.
    windows *w = it->context;
    it->last_error = ERROR_SUCCESS;
    if (w->searching) { w->next = w->count; return &w->empty; }
    w->next = 1;
    return w->count > 0 ? &w->blocks[0] : NULL;
}

static YR_MEMORY_BLOCK *windows_next(YR_MEMORY_BLOCK_ITERATOR *it) {
    windows *w = it->context;
    it->last_error = ERROR_SUCCESS;
    return w->next < w->count ? &w->blocks[w->next++] : NULL;
}

static uint64_t windows_file_size(YR_MEMORY_BLOCK_ITERATOR *it) {
    windows *w = it->context;
    w->searching = 0;   // libyara asks once, after the search and before the conditions
    return w->file_size;
}

static int scan_windows(YR_SCANNER *scanner, int conditions_only,
                        const uint8_t *head, size_t head_length,
                        const uint8_t *tail, uint64_t tail_offset, size_t tail_length,
                        uint64_t file_size) {
    static const uint8_t nothing = 0;
    windows w = { .count = 0, .next = 0, .searching = conditions_only, .file_size = file_size };
    w.blocks[w.count++] = (YR_MEMORY_BLOCK){
        .size = head_length, .base = 0, .context = (void *)(head != NULL ? head : &nothing), .fetch_data = block_data };
    if (tail_length > 0) {
        w.blocks[w.count++] = (YR_MEMORY_BLOCK){
            .size = tail_length, .base = tail_offset, .context = (void *)tail, .fetch_data = block_data };
    }
    // Size 0: libyara's search loop runs no iteration; the data pointer is never read.
    w.empty = (YR_MEMORY_BLOCK){ .size = 0, .base = 0, .context = (void *)&nothing, .fetch_data = block_data };
    YR_MEMORY_BLOCK_ITERATOR it = {
        .context = &w, .first = windows_first, .next = windows_next,
        .file_size = windows_file_size, .last_error = ERROR_SUCCESS };
    return yr_scanner_scan_mem_blocks(scanner, &it);
}

int vpf_scan_conditions_only(YR_SCANNER *scanner,
                             const uint8_t *head, size_t head_length,
                             const uint8_t *tail, uint64_t tail_offset, size_t tail_length,
                             uint64_t file_size) {
    return scan_windows(scanner, 1, head, head_length, tail, tail_offset, tail_length, file_size);
}

int vpf_scan_windows(YR_SCANNER *scanner,
                     const uint8_t *head, size_t head_length,
                     const uint8_t *tail, uint64_t tail_offset, size_t tail_length,
                     uint64_t file_size) {
    return scan_windows(scanner, 0, head, head_length, tail, tail_offset, tail_length, file_size);
}
