// libarchive, as Vigil reads archives with it. Nothing else in Vigil includes
// <archive.h>.
//
// Owns: the macros Swift cannot import, as prefixed inline functions. Must not: hold
// state or decide anything.
#ifndef VIGIL_CARCHIVE_H
#define VIGIL_CARCHIVE_H

#include <archive.h>
#include <archive_entry.h>
#include <string.h>

static inline int vigil_ae_is_regular(struct archive_entry *e) {
    return archive_entry_filetype(e) == AE_IFREG;
}

static inline int vigil_archive_format_is_raw(struct archive *a) {
    return (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_RAW;
}

/// archive_set_error is variadic (printf-like), which Swift cannot call.
static inline void vigil_archive_set_errno(struct archive *a, int err) {
    archive_set_error(a, err, "read failed: %s", strerror(err));
}

#endif
