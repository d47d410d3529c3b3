/*
 * bytes.c - little-endian byte buffers and atomic file writes (bytes.h).
 */
#include "bytes.h"

#include "hash.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void bytes_put(ByteBuf *b, const void *data, size_t n) {
    if (b->len + n > b->cap) {
        while (b->len + n > b->cap) b->cap = b->cap ? b->cap * 2 : 4096;
        b->p = xrealloc(b->p, b->cap);
    }
    if (n) memcpy(b->p + b->len, data, n);
    b->len += n;
}

void bytes_put_uint(ByteBuf *b, uint64_t v, int nbytes) {
    unsigned char x[8];
    for (int i = 0; i < nbytes; i++) x[i] = (unsigned char)(v >> (8 * i));
    bytes_put(b, x, (size_t)nbytes);
}

void bytes_put_str(ByteBuf *b, const char *s) {
    if (!s) {
        bytes_put_uint(b, BYTES_NO_STRING, 4);
        return;
    }
    size_t n = strlen(s);
    bytes_put_uint(b, n, 4);
    bytes_put(b, s, n);
}

void bytes_put_blob(ByteBuf *b, const void *data, size_t n) {
    bytes_put_uint(b, n, 8);
    bytes_put(b, data, n);
}

void bytes_put_framed(ByteBuf *b, const char magic[4], uint32_t version, const void *payload, size_t n) {
    bytes_put(b, magic, 4);
    bytes_put_uint(b, version, 4);
    bytes_put_uint(b, n, 8);
    bytes_put_uint(b, hash64(payload, n), 8);
    bytes_put(b, payload, n);
}

uint64_t bytes_get_uint(ByteReader *r, int nbytes) {
    if (r->bad || r->len - r->at < (size_t)nbytes) {
        r->bad = true;
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < nbytes; i++) v |= (uint64_t)r->p[r->at + (size_t)i] << (8 * i);
    r->at += (size_t)nbytes;
    return v;
}

/* The next string's bytes in place (*n of them); NULL when absent or bad. */
static const unsigned char *get_str_bytes(ByteReader *r, size_t *n) {
    uint32_t len = (uint32_t)bytes_get_uint(r, 4);
    if (r->bad || len == BYTES_NO_STRING) return NULL;
    if (r->len - r->at < len || memchr(r->p + r->at, 0, len)) {
        r->bad = true; /* short, or a NUL inside: malformed */
        return NULL;
    }
    const unsigned char *s = r->p + r->at;
    r->at += len;
    *n = len;
    return s;
}

char *bytes_get_str(ByteReader *r) {
    size_t n = 0;
    const unsigned char *s = get_str_bytes(r, &n);
    if (!s) return NULL;
    char *c = xmalloc(n + 1);
    memcpy(c, s, n);
    c[n] = 0;
    return c;
}

const char *bytes_get_str_in(ByteReader *r, Arena *a) {
    size_t n = 0;
    const unsigned char *s = get_str_bytes(r, &n);
    if (!s) return NULL;
    char *c = arena_alloc(a, n + 1);
    memcpy(c, s, n);
    c[n] = 0;
    return c;
}

const unsigned char *bytes_get_blob(ByteReader *r, size_t *n) {
    uint64_t len = bytes_get_uint(r, 8);
    if (r->bad || len > r->len - r->at) {
        r->bad = true;
        return NULL;
    }
    const unsigned char *d = r->p + r->at;
    r->at += (size_t)len;
    *n = (size_t)len;
    return d;
}

bool bytes_write_atomically(const char *path, char *tmp_template, const void *data, size_t n, int *err) {
    int fd = mkstemp(tmp_template);
    if (fd < 0) {
        *err = errno;
        return false;
    }
    FILE *f = fdopen(fd, "wb");
    bool ok = f != NULL;
    int e = ok ? 0 : errno;
    if (!f) close(fd);
    if (ok && fwrite(data, 1, n, f) != n) {
        e = errno;
        ok = false;
    }
    if (f && fclose(f) != 0 && ok) {
        e = errno;
        ok = false;
    }
    /* mkstemp makes the file 0600; these files are as readable as their folder */
    if (ok && chmod(tmp_template, 0644) != 0) { /* not worth failing for */ }
    if (ok && rename(tmp_template, path) != 0) {
        e = errno;
        ok = false;
    }
    if (!ok) {
        unlink(tmp_template);
        *err = e ? e : EIO;
    }
    return ok;
}
