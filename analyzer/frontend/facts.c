/*
 * facts.c - facts files of `racecheck extract` / `analyze` (facts.h, the
 * layout is there). The units' IR is the IR cache's serialization
 * (ir/serialize.h) and the diagnostics the IR cache's encoding (cache.h);
 * this file only frames them, behind a header of its own whose checksum
 * covers everything after it.
 */
#include "facts.h"

#include "../ir/serialize.h"
#include "cache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { FACTS_HEADER = 24 };
static const uint32_t NONE = 0xffffffffu;

/* ---- writing -------------------------------------------------------------- */

typedef struct Out {
    unsigned char *p;
    size_t len, cap;
} Out;

static void put(Out *b, const void *d, size_t n) {
    if (b->len + n > b->cap) {
        while (b->len + n > b->cap) b->cap = b->cap ? b->cap * 2 : 4096;
        b->p = xrealloc(b->p, b->cap);
    }
    if (n) memcpy(b->p + b->len, d, n);
    b->len += n;
}

static void put_uint(Out *b, uint64_t v, int bytes) {
    unsigned char x[8];
    for (int i = 0; i < bytes; i++) x[i] = (unsigned char)(v >> (8 * i));
    put(b, x, (size_t)bytes);
}

static void put_str(Out *b, const char *s) {
    if (!s) {
        put_uint(b, NONE, 4);
        return;
    }
    size_t n = strlen(s);
    put_uint(b, n, 4);
    put(b, s, n);
}

static void put_blob(Out *b, const void *d, size_t n) {
    put_uint(b, n, 8);
    put(b, d, n);
}

/* Writes all of data to path through a temporary file renamed into place. */
static bool write_atomically(const char *path, const void *data, size_t n, char **err) {
    char *tmp = xasprintf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        *err = xasprintf("cannot write %s: %s", path, strerror(errno));
        free(tmp);
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
    if (ok) chmod(tmp, 0644); /* mkstemp makes it 0600; a facts file is an ordinary output */
    if (ok && rename(tmp, path) != 0) {
        e = errno;
        ok = false;
    }
    if (!ok) {
        unlink(tmp);
        *err = xasprintf("cannot write %s: %s", path, strerror(e ? e : EIO));
    }
    free(tmp);
    return ok;
}

bool fe_facts_write(const char *path, const FeFactsInfo *info, const FeFactsUnit *units, size_t nunits,
                    const DiagSink *diags, size_t in_from, size_t in_to, size_t parse_from, size_t parse_to,
                    bool (*keep)(const Diag *), char **err) {
    Out pay = {0};
    put_str(&pay, info->version);
    put_uint(&pay, info->build, 8);
    put_uint(&pay, info->config.hi, 8);
    put_uint(&pay, info->config.lo, 8);
    put_str(&pay, info->rules);
    put_str(&pay, info->config_file);
    put_uint(&pay, info->shard, 4);
    put_uint(&pay, info->shards, 4);
    size_t n;
    void *d = fe_diags_encode(diags, in_from, in_to, keep, &n);
    put_blob(&pay, d, n);
    free(d);
    d = fe_diags_encode(diags, parse_from, parse_to, keep, &n);
    put_blob(&pay, d, n);
    free(d);
    put_uint(&pay, nunits, 4);
    for (size_t i = 0; i < nunits; i++) {
        put_uint(&pay, units[i].position, 8);
        put_str(&pay, units[i].file);
        if (!units[i].ir) {
            put_uint(&pay, 0, 8);
            continue;
        }
        void *ir = ir_unit_serialize(units[i].ir, &n);
        put_blob(&pay, ir, n);
        free(ir);
    }
    Out all = {0};
    put(&all, "RCFX", 4);
    put_uint(&all, FE_FACTS_VERSION, 4);
    put_uint(&all, pay.len, 8);
    put_uint(&all, hash64(pay.p, pay.len), 8);
    put(&all, pay.p, pay.len);
    free(pay.p);
    bool ok = write_atomically(path, all.p, all.len, err);
    free(all.p);
    return ok;
}

/* ---- reading -------------------------------------------------------------- */

typedef struct In {
    const unsigned char *p;
    size_t len, at;
    bool bad;
} In;

static uint64_t get_uint(In *r, int bytes) {
    if (r->bad || r->len - r->at < (size_t)bytes) {
        r->bad = true;
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++) v |= (uint64_t)r->p[r->at + (size_t)i] << (8 * i);
    r->at += (size_t)bytes;
    return v;
}

/* A malloc'd string, or NULL (none, or bad input: r->bad). */
static char *get_str(In *r) {
    uint32_t n = (uint32_t)get_uint(r, 4);
    if (r->bad || n == NONE) return NULL;
    if (r->len - r->at < n || memchr(r->p + r->at, 0, n)) {
        r->bad = true;
        return NULL;
    }
    char *s = xmalloc((size_t)n + 1);
    memcpy(s, r->p + r->at, n);
    s[n] = 0;
    r->at += n;
    return s;
}

/* A length-prefixed section: its bytes stay in the buffer. */
static const unsigned char *get_blob(In *r, size_t *n) {
    uint64_t len = get_uint(r, 8);
    if (r->bad || len > r->len - r->at) {
        r->bad = true;
        return NULL;
    }
    const unsigned char *p = r->p + r->at;
    r->at += (size_t)len;
    *n = (size_t)len;
    return p;
}

static FeFacts *facts_new(void) {
    FeFacts *f = xcalloc(1, sizeof *f);
    diag_init(&f->input_diags);
    diag_init(&f->parse_diags);
    return f;
}

void fe_facts_free(FeFacts *f) {
    if (!f) return;
    free((char *)f->info.version);
    free((char *)f->info.rules);
    free((char *)f->info.config_file);
    for (size_t i = 0; i < f->nunits; i++) {
        free(f->units[i].file);
        ir_unit_free(f->units[i].ir);
    }
    free(f->units);
    diag_free(&f->input_diags);
    diag_free(&f->parse_diags);
    free(f);
}

/* The payload into f; a message when it is malformed (NULL: fine). */
static char *read_payload(In *r, FeFacts *f) {
    f->info.version = get_str(r);
    f->info.build = get_uint(r, 8);
    f->info.config.hi = get_uint(r, 8);
    f->info.config.lo = get_uint(r, 8);
    f->info.rules = get_str(r);
    f->info.config_file = get_str(r);
    f->info.shard = (uint32_t)get_uint(r, 4);
    f->info.shards = (uint32_t)get_uint(r, 4);
    if (r->bad || !f->info.version) return xasprintf("malformed header at byte %zu", FACTS_HEADER + r->at);
    size_t n;
    const unsigned char *d = get_blob(r, &n);
    if (r->bad || !fe_diags_decode(d, n, &f->input_diags))
        return xasprintf("malformed diagnostics at byte %zu", FACTS_HEADER + r->at);
    d = get_blob(r, &n);
    if (r->bad || !fe_diags_decode(d, n, &f->parse_diags))
        return xasprintf("malformed diagnostics at byte %zu", FACTS_HEADER + r->at);
    uint32_t nunits = (uint32_t)get_uint(r, 4);
    /* a unit takes at least 20 bytes: no allocation a corrupt count inflates */
    if (r->bad || nunits > (r->len - r->at) / 20) return xasprintf("bad unit count at byte %zu", FACTS_HEADER + r->at);
    f->units = xcalloc(nunits ? nunits : 1, sizeof *f->units);
    for (uint32_t i = 0; i < nunits; i++) {
        FeFactsUnit *u = &f->units[f->nunits++];
        size_t at = r->at;
        u->position = get_uint(r, 8);
        u->file = get_str(r);
        const unsigned char *ir = get_blob(r, &n);
        if (r->bad || !u->file) return xasprintf("malformed unit %u at byte %zu", i + 1, FACTS_HEADER + at);
        if (!n) continue; /* clang could not parse it */
        char why[256];
        u->ir = ir_unit_read(ir, n, why, sizeof why);
        if (!u->ir) return xasprintf("unit %u (%s): %s", i + 1, u->file, why);
    }
    if (r->at != r->len) return xasprintf("%zu bytes of garbage after the last unit", r->len - r->at);
    return NULL;
}

FeFacts *fe_facts_read(const char *path, char **err) {
    size_t n = 0;
    int e = 0;
    unsigned char *data = (unsigned char *)base_read_file(path, &n, &e);
    if (!data) {
        *err = xasprintf("cannot read it: %s", strerror(e));
        return NULL;
    }
    FeFacts *f = NULL;
    In h = {data, n, 0, false};
    if (n < 4 || memcmp(data, "RCFX", 4) != 0) {
        *err = xstrdup("not a facts file of racecheck extract");
        goto out;
    }
    h.at = 4;
    uint32_t version = (uint32_t)get_uint(&h, 4);
    uint64_t len = get_uint(&h, 8), sum = get_uint(&h, 8);
    if (h.bad) {
        *err = xasprintf("truncated: %zu bytes, not even a header", n);
        goto out;
    }
    if (version != FE_FACTS_VERSION) {
        *err = xasprintf("facts format version %u; this racecheck reads version %d (extract the units again)", version,
                         FE_FACTS_VERSION);
        goto out;
    }
    if (len != n - FACTS_HEADER) {
        *err = xasprintf("truncated or damaged: the header says %llu bytes follow it, the file has %zu",
                         (unsigned long long)len, n - FACTS_HEADER);
        goto out;
    }
    if (hash64(data + FACTS_HEADER, n - FACTS_HEADER) != sum) {
        *err = xstrdup("damaged: checksum mismatch");
        goto out;
    }
    f = facts_new();
    In r = {data + FACTS_HEADER, n - FACTS_HEADER, 0, false};
    char *why = read_payload(&r, f);
    if (why) {
        *err = why;
        fe_facts_free(f);
        f = NULL;
    }
out:
    free(data);
    return f;
}
