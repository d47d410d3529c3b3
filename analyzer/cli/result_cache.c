/*
 * result_cache.c - whole-program results in the IR cache (result_cache.h).
 *
 * An entry is <cache>/<32 hex digits of the key>.rcres:
 *
 *   0  "RCRS"
 *   4  u32  format version (RESULT_VERSION)
 *   8  u64  length of the payload
 *  16  u64  XXH3-64 of the payload
 *  24  payload: u64 number of threads; u64 length and the diagnostics
 *      (cache.h's encoding); u32 number of findings, then each finding:
 *      rule, u8 severity, message, object, location, declaration,
 *      explanation, help, u32 number of evidence entries, each: location,
 *      kind, function, the function's location, thread routine, spawn
 *      location, u8 many, u32 number of locks and the locks
 *
 * A location is a string (the file) and u32 line and column; strings and
 * integers as in base/bytes.h.
 */
#include "result_cache.h"

#include "../base/bytes.h"

#include <stdlib.h>
#include <string.h>

enum { RESULT_VERSION = 1, RESULT_HEADER = BYTES_FRAME_HEADER };

/* Every field of Finding and Evidence is written below: a field added to
 * either must be added here too (this assertion is the reminder; LP64). */
_Static_assert(sizeof(Finding) == 112 && sizeof(Evidence) == 96,
               "Finding or Evidence changed: update result_cache.c and RESULT_VERSION");

bool cli_result_key(FeCache *c, const FeInputs *in, IrUnit *const *units, const ModelOptions *mo, const char *cwd,
                    HashKey *key) {
    if (fe_cache_stats(c).skipped) return false;
    for (size_t i = 0; i < in->nunits; i++)
        if (!units[i] || !units[i]->ninputs) return false;
    Hasher *h = hasher_new();
    hasher_str(h, "racecheck-result-v1");
    hasher_str(h, cwd);
    hasher_u64(h, mo->library);
    hasher_u64(h, mo->max_access_targets);
    hasher_u64(h, mo->nentries);
    for (size_t i = 0; i < mo->nentries; i++) hasher_str(h, mo->entries[i]);
    hasher_u64(h, mo->nexclusive);
    for (size_t i = 0; i < mo->nexclusive; i++) hasher_str(h, mo->exclusive[i]);
    hasher_u64(h, in->nunits);
    for (size_t i = 0; i < in->nunits; i++) {
        HashKey k = fe_cache_key(c, &in->units[i]);
        hasher_u64(h, k.hi);
        hasher_u64(h, k.lo);
        hasher_u64(h, units[i]->ninputs);
        for (uint32_t j = 0; j < units[i]->ninputs; j++) {
            hasher_str(h, units[i]->inputs[j].path);
            hasher_u64(h, units[i]->inputs[j].hash);
        }
    }
    *key = hasher_finish(h);
    return true;
}

static void put_loc(ByteBuf *b, const SrcLoc *l) {
    bytes_put_str(b, l->file);
    bytes_put_uint(b, l->line, 4);
    bytes_put_uint(b, l->col, 4);
}

static SrcLoc get_loc(ByteReader *r, Arena *a) {
    SrcLoc l;
    l.file = bytes_get_str_in(r, a);
    l.line = (unsigned)bytes_get_uint(r, 4);
    l.col = (unsigned)bytes_get_uint(r, 4);
    return l;
}

void cli_result_store(FeCache *c, HashKey key, const FindingList *fl, const DiagSink *d, size_t from,
                      size_t nthreads, DiagSink *warn) {
    ByteBuf pay = {0};
    bytes_put_uint(&pay, nthreads, 8);
    size_t n = 0;
    void *enc = fe_diags_encode(d, from, d->len, NULL, &n);
    bytes_put_blob(&pay, enc, n);
    free(enc);
    bytes_put_uint(&pay, fl->items.len, 4);
    for (size_t i = 0; i < fl->items.len; i++) {
        const Finding *f = &fl->items.data[i];
        bytes_put_str(&pay, f->rule);
        bytes_put_uint(&pay, (uint64_t)f->severity, 1);
        bytes_put_str(&pay, f->message);
        bytes_put_str(&pay, f->object);
        put_loc(&pay, &f->loc);
        put_loc(&pay, &f->decl);
        bytes_put_str(&pay, f->explain);
        bytes_put_str(&pay, f->help);
        bytes_put_uint(&pay, f->nevidence, 4);
        for (size_t k = 0; k < f->nevidence; k++) {
            const Evidence *e = &f->evidence[k];
            put_loc(&pay, &e->loc);
            bytes_put_str(&pay, e->kind);
            bytes_put_str(&pay, e->function);
            put_loc(&pay, &e->function_decl);
            bytes_put_str(&pay, e->thread_routine);
            put_loc(&pay, &e->spawn);
            bytes_put_uint(&pay, e->many, 1);
            bytes_put_uint(&pay, e->nlocks, 4);
            for (size_t l = 0; l < e->nlocks; l++) bytes_put_str(&pay, e->locks[l]);
        }
    }
    ByteBuf all = {0};
    bytes_put_framed(&all, "RCRS", RESULT_VERSION, pay.p, pay.len);
    free(pay.p);
    fe_cache_put_blob(c, key, "rcres", all.p, all.len, warn);
    free(all.p);
}

typedef VEC(Finding) FindingVec;

/* The findings of the payload into out, their strings in arena a; false
 * when malformed. */
static bool read_findings(ByteReader *r, Arena *a, FindingVec *out) {
    uint32_t nf = (uint32_t)bytes_get_uint(r, 4);
    /* a finding takes at least 40 bytes, an evidence entry 40: no count
     * inflates an allocation past what the bytes hold */
    if (r->bad || nf > (r->len - r->at) / 40) return false;
    for (uint32_t i = 0; i < nf && !r->bad; i++) {
        Finding f;
        memset(&f, 0, sizeof f);
        f.rule = bytes_get_str_in(r, a);
        unsigned sev = (unsigned)bytes_get_uint(r, 1);
        f.severity = (Severity)(sev <= SEV_ERROR ? sev : SEV_ERROR);
        f.message = bytes_get_str_in(r, a);
        f.object = bytes_get_str_in(r, a);
        f.loc = get_loc(r, a);
        f.decl = get_loc(r, a);
        f.explain = bytes_get_str_in(r, a);
        f.help = bytes_get_str_in(r, a);
        uint32_t ne = (uint32_t)bytes_get_uint(r, 4);
        if (r->bad || sev > SEV_ERROR || !f.rule || !f.message || ne > (r->len - r->at) / 40) return false;
        f.nevidence = ne;
        f.evidence = ne ? ARENA_ARRAY(a, Evidence, ne) : NULL;
        for (uint32_t k = 0; k < ne && !r->bad; k++) {
            Evidence *e = &f.evidence[k];
            memset(e, 0, sizeof *e);
            e->loc = get_loc(r, a);
            e->kind = bytes_get_str_in(r, a);
            e->function = bytes_get_str_in(r, a);
            e->function_decl = get_loc(r, a);
            e->thread_routine = bytes_get_str_in(r, a);
            e->spawn = get_loc(r, a);
            e->many = bytes_get_uint(r, 1) != 0;
            uint32_t nl = (uint32_t)bytes_get_uint(r, 4);
            if (r->bad || nl > (r->len - r->at) / 4) return false;
            e->nlocks = nl;
            e->locks = nl ? ARENA_ARRAY(a, const char *, nl) : NULL;
            for (uint32_t l = 0; l < nl; l++) e->locks[l] = bytes_get_str_in(r, a);
        }
        vec_push(out, f);
    }
    return !r->bad && r->at == r->len;
}

bool cli_result_load(FeCache *c, HashKey key, FindingList *fl, DiagSink *diags, size_t *nthreads) {
    size_t n = 0;
    unsigned char *data = fe_cache_get_blob(c, key, "rcres", &n);
    if (!data) return false;
    ByteReader h = {data, n, 0, false};
    bool ok = n >= RESULT_HEADER && !memcmp(data, "RCRS", 4);
    h.at = 4;
    ok = ok && bytes_get_uint(&h, 4) == RESULT_VERSION;
    uint64_t len = ok ? bytes_get_uint(&h, 8) : 0, sum = ok ? bytes_get_uint(&h, 8) : 0;
    ok = ok && len == n - RESULT_HEADER && hash64(data + RESULT_HEADER, (size_t)len) == sum;
    FindingVec got = {0};
    DiagSink dtmp;
    diag_init(&dtmp);
    size_t threads = 0;
    if (ok) {
        ByteReader r = {data + RESULT_HEADER, (size_t)len, 0, false};
        threads = (size_t)bytes_get_uint(&r, 8);
        size_t dn = 0;
        const unsigned char *d = bytes_get_blob(&r, &dn);
        /* (the strings of a malformed entry stay in fl's arena, unused) */
        ok = !r.bad && fe_diags_decode(d, dn, &dtmp) && read_findings(&r, fl->arena, &got);
    }
    if (ok) {
        for (size_t i = 0; i < got.len; i++) vec_push(&fl->items, got.data[i]);
        for (size_t i = 0; i < dtmp.len; i++) {
            const Diag *x = &dtmp.items[i];
            diag_report(diags, x->level, x->file, x->line, x->col, "%s", x->message);
        }
        *nthreads = threads;
    }
    vec_free(&got);
    diag_free(&dtmp);
    free(data);
    return ok;
}
