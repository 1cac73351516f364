#include "CZlib.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int vigil_gunzip(const unsigned char *in, size_t in_len, size_t max_out, unsigned char **out, size_t *out_len,
                 char *message) {
    *out = NULL;
    *out_len = 0;
    message[0] = 0;
    z_stream s;
    memset(&s, 0, sizeof s);
    // 16 + MAX_WBITS: gzip framing, not raw deflate or zlib.
    if (inflateInit2(&s, 16 + MAX_WBITS) != Z_OK) { snprintf(message, 128, "inflateInit2 failed"); return -3; }
    size_t cap = in_len * 4 + 65536;
    if (cap > max_out) cap = max_out;
    unsigned char *buf = malloc(cap ? cap : 1);
    if (!buf) { inflateEnd(&s); return -3; }
    size_t used = 0;
    s.next_in = (unsigned char *)in;
    s.avail_in = (uInt)(in_len > 0xFFFFFFFFu ? 0xFFFFFFFFu : in_len);
    size_t fed = s.avail_in;
    int rc = Z_OK;
    for (;;) {
        if (used == cap) {
            if (cap >= max_out) { free(buf); inflateEnd(&s); snprintf(message, 128, "inflated size over the limit"); return -2; }
            size_t next = cap * 2 > max_out ? max_out : cap * 2;
            unsigned char *grown = realloc(buf, next);
            if (!grown) { free(buf); inflateEnd(&s); return -3; }
            buf = grown;
            cap = next;
        }
        s.next_out = buf + used;
        size_t room = cap - used;
        s.avail_out = (uInt)(room > 0xFFFFFFFFu ? 0xFFFFFFFFu : room);
        uInt before = s.avail_out;
        rc = inflate(&s, Z_NO_FLUSH);
        used += before - s.avail_out;
        if (s.avail_in == 0 && fed < in_len) {
            size_t left = in_len - fed;
            s.avail_in = (uInt)(left > 0xFFFFFFFFu ? 0xFFFFFFFFu : left);
            fed += s.avail_in;
        }
        if (rc == Z_STREAM_END) {
            // Concatenated gzip members: go on while input is left.
            if (s.avail_in == 0) break;
            if (inflateReset(&s) != Z_OK) break;
            continue;
        }
        if (rc == Z_BUF_ERROR && s.avail_in == 0) {
            free(buf); inflateEnd(&s); snprintf(message, 128, "truncated gzip stream"); return -1;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            snprintf(message, 128, "%s", s.msg ? s.msg : "corrupt gzip stream");
            free(buf); inflateEnd(&s); return -1;
        }
    }
    inflateEnd(&s);
    *out = buf;
    *out_len = used;
    return 0;
}

void vigil_gunzip_free(unsigned char *p) { free(p); }

void *vigil_gz_open_fd(int fd) {
    gzFile g = gzdopen(fd, "rb");
    if (g) gzbuffer(g, 1 << 16);
    return g;
}

long vigil_gz_read(void *gz, unsigned char *buf, unsigned len, char *message) {
    message[0] = 0;
    int n = gzread((gzFile)gz, buf, len);
    if (n < 0) {
        int err = 0;
        const char *why = gzerror((gzFile)gz, &err);
        snprintf(message, 128, "%s", why ? why : "read error");
        return -1;
    }
    if (n == 0) {
        // gzread reports a truncated member as the end with Z_BUF_ERROR set.
        int err = 0;
        const char *why = gzerror((gzFile)gz, &err);
        if (err != Z_OK && err != Z_STREAM_END) {
            snprintf(message, 128, "%s", why ? why : "truncated");
            return -1;
        }
    }
    return n;
}

void vigil_gz_close(void *gz) { gzclose_r((gzFile)gz); }
