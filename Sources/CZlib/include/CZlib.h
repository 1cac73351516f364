// Owns: gzip inflate for ClamAV containers. Must not: know about tar or ClamAV.
#ifndef VIGIL_CZLIB_H
#define VIGIL_CZLIB_H
#include <stddef.h>

/// Inflates a whole gzip stream (one or more members) from `in` into a growing buffer
/// of at most `max_out` bytes. Returns 0 and sets *out (malloc'd; free with
/// vigil_gunzip_free) and *out_len; or -1 corrupt/truncated data, -2 output over
/// max_out, -3 out of memory. `message` gets zlib's reason (128 bytes).
int vigil_gunzip(const unsigned char *in, size_t in_len, size_t max_out, unsigned char **out, size_t *out_len,
                 char *message);
void vigil_gunzip_free(unsigned char *p);

/// A file read as a stream through zlib's gz* reader: gzip members are inflated, any
/// other file is read as it is (zlib's transparent mode), so rotated `.gz` logs and
/// plain ones take one path. vigil_gz_open returns NULL when the file cannot be opened
/// (errno set); vigil_gz_read returns bytes read, 0 at the end, -1 on corrupt or
/// truncated data (`message` gets zlib's reason, 128 bytes).
void *vigil_gz_open_fd(int fd);
long vigil_gz_read(void *gz, unsigned char *buf, unsigned len, char *message);
void vigil_gz_close(void *gz);
#endif
