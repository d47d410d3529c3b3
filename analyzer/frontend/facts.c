/*
 * facts.c - facts files of `racecheck extract` / `analyze` (facts.h, the
 * layout is there). The units' IR is the IR cache's serialization
 * (ir/serialize.h) and the diagnostics the IR cache's encoding (cache.h);
 * this file only frames them, behind a header of its own whose checksum
 * covers everything after it.
 */
#include "facts.h"

#include "../base/bytes.h"
#include "../ir/serialize.h"
#include "cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { FACTS_HEADER = 24 };

/* ---- writing -------------------------------------------------------------- */

bool fe_facts_write(const char *path, const FeFactsInfo *info, const FeFactsUnit *units, size_t nunits,
                    const DiagSink *diags, size_t in_from, size_t in_to, size_t parse_from, size_t parse_to,
                    bool (*keep)(const Diag *), char **err) {
    ByteBuf pay = {0};
    bytes_put_str(&pay, info->version);
    bytes_put_uint(&pay, info->build, 8);
    bytes_put_uint(&pay, info->config.hi, 8);
    bytes_put_uint(&pay, info->config.lo, 8);
    bytes_put_str(&pay, info->rules);
    bytes_put_str(&pay, info->config_file);
    bytes_put_uint(&pay, info->shard, 4);
    bytes_put_uint(&pay, info->shards, 4);
    size_t n;
    void *d = fe_diags_encode(diags, in_from, in_to, keep, &n);
    bytes_put_blob(&pay, d, n);
    free(d);
    d = fe_diags_encode(diags, parse_from, parse_to, keep, &n);
    bytes_put_blob(&pay, d, n);
    free(d);
    bytes_put_uint(&pay, nunits, 4);
    for (size_t i = 0; i < nunits; i++) {
        bytes_put_uint(&pay, units[i].position, 8);
        bytes_put_str(&pay, units[i].file);
        if (!units[i].ir) {
            bytes_put_uint(&pay, 0, 8);
            continue;
        }
        void *ir = ir_unit_serialize(units[i].ir, &n);
        bytes_put_blob(&pay, ir, n);
        free(ir);
    }
    ByteBuf all = {0};
    bytes_put_framed(&all, "RCFX", FE_FACTS_VERSION, pay.p, pay.len);
    free(pay.p);
    char *tmp = xasprintf("%s.tmp-XXXXXX", path);
    int e = 0;
    bool ok = bytes_write_atomically(path, tmp, all.p, all.len, &e);
    if (!ok) *err = xasprintf("cannot write %s: %s", path, strerror(e));
    free(tmp);
    free(all.p);
    return ok;
}

/* ---- reading -------------------------------------------------------------- */

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
static char *read_payload(ByteReader *r, FeFacts *f) {
    f->info.version = bytes_get_str(r);
    f->info.build = bytes_get_uint(r, 8);
    f->info.config.hi = bytes_get_uint(r, 8);
    f->info.config.lo = bytes_get_uint(r, 8);
    f->info.rules = bytes_get_str(r);
    f->info.config_file = bytes_get_str(r);
    f->info.shard = (uint32_t)bytes_get_uint(r, 4);
    f->info.shards = (uint32_t)bytes_get_uint(r, 4);
    if (r->bad || !f->info.version) return xasprintf("malformed header at byte %zu", FACTS_HEADER + r->at);
    size_t n;
    const unsigned char *d = bytes_get_blob(r, &n);
    if (r->bad || !fe_diags_decode(d, n, &f->input_diags))
        return xasprintf("malformed diagnostics at byte %zu", FACTS_HEADER + r->at);
    d = bytes_get_blob(r, &n);
    if (r->bad || !fe_diags_decode(d, n, &f->parse_diags))
        return xasprintf("malformed diagnostics at byte %zu", FACTS_HEADER + r->at);
    uint32_t nunits = (uint32_t)bytes_get_uint(r, 4);
    /* a unit takes at least 20 bytes: no allocation a corrupt count inflates */
    if (r->bad || nunits > (r->len - r->at) / 20) return xasprintf("bad unit count at byte %zu", FACTS_HEADER + r->at);
    f->units = xcalloc(nunits ? nunits : 1, sizeof *f->units);
    for (uint32_t i = 0; i < nunits; i++) {
        FeFactsUnit *u = &f->units[f->nunits++];
        size_t at = r->at;
        u->position = bytes_get_uint(r, 8);
        u->file = bytes_get_str(r);
        const unsigned char *ir = bytes_get_blob(r, &n);
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
    ByteReader h = {data, n, 0, false};
    if (n < 4 || memcmp(data, "RCFX", 4) != 0) {
        *err = xstrdup("not a facts file of racecheck extract");
        goto out;
    }
    h.at = 4;
    uint32_t version = (uint32_t)bytes_get_uint(&h, 4);
    uint64_t len = bytes_get_uint(&h, 8), sum = bytes_get_uint(&h, 8);
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
    ByteReader r = {data + FACTS_HEADER, n - FACTS_HEADER, 0, false};
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
