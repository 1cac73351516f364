// The C side of the literal prefilter: read-only views into libyara 4.2's compiled
// rules (what survives compilation of each string and condition), the Hyperscan
// hit collector that runs per scanned file, and a conditions-only scan.
//
// Owns: every access to libyara internals the prefilter needs (YR_STRING fields, the
// Aho-Corasick tables and match pool, the RE and condition code sections, the scanner's
// entry point) and the per-match callback of Hyperscan. Must not: decide which rules
// run (that is VigilPrefilter's pure Swift), write to shared rules, or allocate on the
// per-file path.
#ifndef VIGIL_CPREFILTER_H
#define VIGIL_CPREFILTER_H

#include <yara.h>
#include <hs/hs.h>
#include <stddef.h>
#include <stdint.h>

// MARK: compiled rules, read-only

/// One YR_STRING as compiled. A string with a gap wider than libyara's chaining
/// threshold is stored as several chained parts; each part is one entry here.
typedef struct vpf_string_info {
    uint32_t flags;           // STRING_FLAGS_*
    uint32_t rule_index;
    int32_t length;           // literal strings: bytes in `literal`
    const uint8_t *literal;   // literal strings only (libyara keeps no text for the rest)
    int64_t chained_to;       // index of the previous part, or -1
    int32_t chain_gap_min;    // bytes between the previous part's end and this part
    int32_t chain_gap_max;
    int64_t fixed_offset;     // where the string must start, or -1 when anywhere
    const char *identifier;
} vpf_string_info;

uint32_t vpf_rules_string_count(const YR_RULES *rules);
uint32_t vpf_rules_rule_count(const YR_RULES *rules);
void vpf_string_info_get(const YR_RULES *rules, uint32_t index, vpf_string_info *out);
int32_t vpf_rule_flags(const YR_RULES *rules, uint32_t index);
const char *vpf_rule_identifier(const YR_RULES *rules, uint32_t index);
const char *vpf_rule_namespace(const YR_RULES *rules, uint32_t index);

/// The regular-expression code section (hex strings, regexes, base64 strings and the
/// regexes of conditions), which holds the only form in which a non-literal string
/// survives compilation.
const uint8_t *vpf_re_code(const YR_RULES *rules, size_t *size);

/// The condition code section and where evaluation starts in it.
const uint8_t *vpf_condition_code(const YR_RULES *rules, size_t *size, size_t *start);

/// A string pointer stored in condition code (OP_PUSH before OP_FOUND...), as an index,
/// or -1 when the value does not point at a YR_STRING of these rules.
int64_t vpf_string_index_of_pointer(const YR_RULES *rules, uint64_t pointer);

/// One Aho-Corasick match entry: an atom libyara looks for, the string it belongs to
/// and the code that verifies the string around the atom.
typedef struct vpf_ac_entry {
    uint32_t string_index;
    uint16_t backtrack;        // atom end minus string start, in bytes of scanned data
    uint8_t atom_length;       // 0: the atom is empty (the string is checked at every offset)
    uint8_t atom[4];
    int64_t forward_code;      // offset in the RE code section, or -1 (literal strings)
    int64_t backward_code;     // offset in the RE code section, or -1
} vpf_ac_entry;

/// Fills `out` with up to `capacity` entries and returns how many there are in all
/// (call with capacity 0 to size the array). -1 when out of memory or when the
/// automaton is not the shape this code knows (atoms longer than 4 bytes).
int64_t vpf_ac_entries(const YR_RULES *rules, vpf_ac_entry *out, size_t capacity);

// MARK: Hyperscan hits (the per-file path)

/// What one worker's Hyperscan scans found, as string parts (YR_STRING indexes).
/// `bits` has one bit per part; `parts` lists each part once, in first-hit order.
/// Sized once per worker; a scan allocates nothing.
typedef struct vpf_hits {
    uint64_t *bits;
    uint32_t *parts;
    uint32_t count;
    uint32_t capacity;          // number of string parts
    const uint32_t *pattern_part; // pattern id -> part, owned by the shared matcher
} vpf_hits;

/// 0 when out of memory.
int vpf_hits_init(vpf_hits *hits, uint32_t part_count, const uint32_t *pattern_part);
void vpf_hits_free(vpf_hits *hits);
/// Forgets the previous file's hits (O(hits), not O(parts)).
void vpf_hits_reset(vpf_hits *hits);
/// Scans one block (a whole file, or one window of it) and adds what hit. Returns
/// hs_scan's result (HS_SUCCESS).
int vpf_hits_scan(vpf_hits *hits, const hs_database_t *db, hs_scratch_t *scratch,
                  const uint8_t *data, size_t length);

/// The same over one piece of a file fed to a stream-mode database in order (bulk scans
/// read big files in fixed-size pieces): matches may span pieces, as in one block scan
/// of the whole file.
int vpf_hits_scan_stream(vpf_hits *hits, hs_stream_t *stream, hs_scratch_t *scratch,
                         const uint8_t *data, size_t length);

/// Ends the file being streamed: collects the matches that only the end of data can
/// complete, and leaves the stream ready for the next file (no allocation). With
/// `report` 0 the stream is only reset (after a failed piece).
int vpf_hits_end_stream(vpf_hits *hits, hs_stream_t *stream, hs_scratch_t *scratch, int report);
static inline int vpf_hits_has(const vpf_hits *hits, uint32_t part) {
    return (int)((hits->bits[part >> 6] >> (part & 63)) & 1u);
}

// MARK: libyara scans

/// Forgets the entry point libyara 4.2 computed for an earlier file: a reused
/// YR_SCANNER keeps the first one it found (it is reset only in yr_scanner_create),
/// so `entrypoint` would describe another file.
void vpf_scanner_forget_entry_point(YR_SCANNER *scanner);

/// Evaluates every enabled rule's condition over the file without searching for any
/// string: for files where the prefilter proved that no string can match, so libyara's
/// Aho-Corasick pass over the bytes would find nothing. Conditions still read the real
/// bytes (uint16(0), modules, filesize): the iterator hands libyara an empty block while
/// it searches for strings and the real windows once it asks for the file size, which
/// libyara 4.2 does exactly once, between the search and the conditions.
/// Not for rules that read `entrypoint` (libyara computes it during the search).
int vpf_scan_conditions_only(YR_SCANNER *scanner,
                             const uint8_t *head, size_t head_length,
                             const uint8_t *tail, uint64_t tail_offset, size_t tail_length,
                             uint64_t file_size);

/// The same windows scanned the ordinary way (strings and conditions).
int vpf_scan_windows(YR_SCANNER *scanner,
                     const uint8_t *head, size_t head_length,
                     const uint8_t *tail, uint64_t tail_offset, size_t tail_length,
                     uint64_t file_size);

#endif
