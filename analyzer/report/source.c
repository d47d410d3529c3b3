/*
 * source.c - the emitters' view of source files: one file cached at a time,
 * its lines by number, and GitHub's per-line hash (primaryLocationLineHash).
 *
 * The line hash reproduces github/codeql-action's src/fingerprints.ts, the
 * code that GitHub code scanning runs on uploaded SARIF that lacks it:
 * every line gets a rolling polynomial hash (base 37, 64-bit wrap-around)
 * over the next 100 characters of the file, counted from the line's start
 * with spaces and tabs skipped and \r, \r\n normalised to \n, followed by a
 * 65535 end marker and zeros. Characters are UTF-16 code units, as in
 * JavaScript's charCodeAt. The hex value (no leading zeros) gets ":N", N
 * counting earlier lines of the file with the same hash. Unit test:
 * analyzer/tests/report_test.c, with the reference vectors of
 * fingerprints.test.ts.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

void report_source_free(SrcCache *c) {
    free(c->path);
    free(c->text);
    free(c->hashes);
    memset(c, 0, sizeof(*c));
}

static bool load(SrcCache *c, const char *file) {
    if (!file) return false;
    if (!c->path || strcmp(c->path, file)) {
        report_source_free(c);
        c->path = xstrdup(file);
        int err;
        c->text = base_read_file(file, &c->len, &err);
    }
    return c->text != NULL;
}

const char *report_source_line(SrcCache *c, const char *file, unsigned line, size_t *len) {
    if (!load(c, file) || line == 0) return NULL;
    const char *p = c->text, *end = c->text + c->len;
    for (unsigned l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return NULL;
        p = nl + 1;
    }
    if (p >= end) return NULL;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (*len && p[*len - 1] == '\r') (*len)--;
    return p;
}

/* ---- GitHub's line hash ------------------------------------------------ */

enum { LH_BLOCK = 100 };

typedef struct {
    uint64_t window[LH_BLOCK];
    long line_numbers[LH_BLOCK];
    uint64_t hash, first_mod;
    size_t index;
    long line_number;
    bool line_start, prev_cr;
    StrMap counts; /* hex value -> count (as pointer-sized integer) */
    Arena *arena;
    void (*cb)(void *, long, const char *);
    void *ctx;
} LineHasher;

static void lh_output(LineHasher *h) {
    char hex[24], out[48];
    snprintf(hex, sizeof hex, "%llx", (unsigned long long)h->hash);
    bool inserted;
    void **slot = strmap_slot(&h->counts, arena_strdup(h->arena, hex), &inserted);
    uintptr_t n = (uintptr_t)*slot + 1;
    *slot = (void *)n;
    snprintf(out, sizeof out, "%s:%lu", hex, (unsigned long)n);
    h->cb(h->ctx, h->line_numbers[h->index], out);
    h->line_numbers[h->index] = -1;
}

static void lh_update(LineHasher *h, uint64_t current) {
    uint64_t begin = h->window[h->index];
    h->window[h->index] = current;
    h->hash = 37 * h->hash + current - h->first_mod * begin;
    h->index = (h->index + 1) % LH_BLOCK;
}

static void lh_char(LineHasher *h, unsigned current) {
    if (current == ' ' || current == '\t' || (h->prev_cr && current == '\n')) {
        h->prev_cr = false;
        return;
    }
    if (current == '\r') {
        current = '\n';
        h->prev_cr = true;
    } else {
        h->prev_cr = false;
    }
    if (h->line_numbers[h->index] != -1) lh_output(h);
    if (h->line_start) {
        h->line_start = false;
        h->line_numbers[h->index] = ++h->line_number;
    }
    if (current == '\n') h->line_start = true;
    lh_update(h, current);
}

/* Decode one UTF-8 sequence at *p (bytes left: n); invalid bytes give
 * U+FFFD, as Node's decoder does for a maximal invalid subpart. */
static unsigned utf8_next(const unsigned char **p, size_t n) {
    const unsigned char *s = *p;
    unsigned c = s[0], need = 0, cp;
    if (c < 0x80) { *p += 1; return c; }
    if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07; }
    else { *p += 1; return 0xFFFD; }
    size_t k = 1;
    for (; k <= need; k++) {
        if (k >= n || (s[k] & 0xC0) != 0x80) { *p += k; return 0xFFFD; }
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    *p += k;
    if ((need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0xFFFD;
    return cp;
}

void report_line_hashes(const char *text, size_t len, void (*cb)(void *ctx, long line, const char *hash),
                        void *ctx) {
    LineHasher *h = xcalloc(1, sizeof *h);
    h->first_mod = 1;
    for (int i = 0; i < LH_BLOCK; i++) {
        h->first_mod *= 37;
        h->line_numbers[i] = -1;
    }
    h->line_start = true;
    h->cb = cb;
    h->ctx = ctx;
    h->arena = arena_new();
    strmap_init(&h->counts);
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    while (p < end) {
        unsigned cp = utf8_next(&p, (size_t)(end - p));
        if (cp >= 0x10000) { /* a surrogate pair in UTF-16 */
            cp -= 0x10000;
            lh_char(h, 0xD800 + (cp >> 10));
            lh_char(h, 0xDC00 + (cp & 0x3FF));
        } else {
            lh_char(h, cp);
        }
    }
    lh_char(h, 65535);
    for (int i = 0; i < LH_BLOCK; i++) {
        if (h->line_numbers[h->index] != -1) lh_output(h);
        lh_update(h, 0);
    }
    strmap_free(&h->counts);
    arena_free(h->arena);
    free(h);
}

static void store_hash(void *ctx, long line, const char *hash) {
    SrcCache *c = ctx;
    if (line < 1) return;
    if ((size_t)line > c->nhashes) {
        size_t n = (size_t)line * 2;
        c->hashes = xrealloc(c->hashes, n * sizeof *c->hashes);
        memset(c->hashes + c->nhashes, 0, (n - c->nhashes) * sizeof *c->hashes);
        c->nhashes = n;
    }
    snprintf(c->hashes[line - 1], sizeof c->hashes[0], "%s", hash);
}

const char *report_line_hash(SrcCache *c, const char *file, unsigned line) {
    if (!load(c, file) || line == 0) return NULL;
    if (!c->hashes_done) {
        report_line_hashes(c->text, c->len, store_hash, c);
        c->hashes_done = true;
    }
    if (line > c->nhashes || !c->hashes[line - 1][0]) return NULL;
    return c->hashes[line - 1];
}
