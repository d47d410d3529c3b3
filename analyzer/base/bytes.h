/*
 * bytes.h - little-endian byte buffers for racecheck's own file formats
 * (the IR cache entries and whole-program results, frontend/cache.c; the
 * facts files of `racecheck extract`, frontend/facts.c), and writing a file
 * atomically.
 *
 * Strings are a u32 length and the bytes, 0xffffffff for NULL; blobs a u64
 * length and the bytes. A reader never reads past its buffer: a short or
 * malformed input sets `bad` and every later read returns 0 / NULL.
 */
#ifndef RACECHECK_BASE_BYTES_H
#define RACECHECK_BASE_BYTES_H

#include "base.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { BYTES_NO_STRING = 0xffffffffu };

typedef struct ByteBuf {
    unsigned char *p; /* malloc'd; the caller frees it */
    size_t len, cap;
} ByteBuf;

void bytes_put(ByteBuf *b, const void *data, size_t n);
void bytes_put_uint(ByteBuf *b, uint64_t v, int nbytes); /* 1 to 8 bytes */
void bytes_put_str(ByteBuf *b, const char *s);           /* NULL allowed */
void bytes_put_blob(ByteBuf *b, const void *data, size_t n);

/* The frame of racecheck's files: the 4-byte magic, u32 version, u64
 * length of the payload, u64 XXH3-64 of the payload, the payload (24 bytes
 * before it). */
enum { BYTES_FRAME_HEADER = 24 };
void bytes_put_framed(ByteBuf *b, const char magic[4], uint32_t version, const void *payload, size_t n);

typedef struct ByteReader {
    const unsigned char *p;
    size_t len, at;
    bool bad;
} ByteReader;

uint64_t bytes_get_uint(ByteReader *r, int nbytes);
/* A malloc'd copy of the next string; NULL for an absent one or when bad
 * (also when it holds a NUL byte). */
char *bytes_get_str(ByteReader *r);
/* The same, copied into arena a. */
const char *bytes_get_str_in(ByteReader *r, Arena *a);
/* The next blob in place (*n bytes); NULL when bad. */
const unsigned char *bytes_get_blob(ByteReader *r, size_t *n);

/* Writes data[0, n) to path through a temporary file made from
 * tmp_template (a mkstemp template: "...XXXXXX", in path's directory),
 * mode 0644, renamed into place, so readers only ever see a whole file.
 * False with errno in *err on failure (the temporary file is removed). */
bool bytes_write_atomically(const char *path, char *tmp_template, const void *data, size_t n, int *err);

#endif
