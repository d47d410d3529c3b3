/*
 * facts_test.c - facts files of `racecheck extract` (frontend/facts.h)
 * without parsing anything:
 *
 *   - round trip: two units (one with IR built by hand, one clang could not
 *     parse), the header fields, both diagnostics sections (a diagnostic
 *     the keep filter drops stays out) are written and read back equal;
 *   - corruption: every truncation is refused with a message; every byte
 *     changed to four values behind a repaired header (length and checksum
 *     recomputed, so the payload reader itself sees the damage) gives NULL
 *     with a message or facts that can be freed; a missing file and a
 *     folder that does not exist are messages, and a failed write leaves
 *     nothing behind. Run under ASan/UBSan in the sanitizer build.
 *
 * Run by ctest as unit/facts.
 */
#include "../base/hash.h"
#include "../frontend/facts.h"
#include "../ir/builder.h"
#include "../ir/serialize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static IrUnit *build_unit(void) {
    Arena *a = arena_new();
    IrUnit *u = ARENA_NEW(a, IrUnit);
    u->arena = a;
    u->path = "/src/main.c";
    IrBuilder *b = ir_builder_new(a);
    IrOperand zero;
    memset(&zero, 0, sizeof zero);
    zero.kind = IR_OPD_CONST;
    IrLoc loc = {"/src/main.c", 2, 5};
    ir_builder_return(b, zero, loc);
    IrFunc *f = ARENA_NEW(a, IrFunc);
    f->usr = "c:@F@main";
    f->name = "main";
    f->loc = (IrLoc){"/src/main.c", 1, 5};
    f->type = "int (void)";
    u->nfuncs = 1;
    u->funcs = ARENA_ARRAY(a, IrFunc *, 1);
    u->funcs[0] = ir_builder_finish(b, f);
    static HashFile inputs[] = {{"/src/main.c", 0x0123456789abcdefULL}};
    u->ninputs = 1;
    u->inputs = inputs;
    return u;
}

static bool not_dropped(const Diag *d) {
    return strcmp(d->message, "dropped") != 0;
}

static unsigned char *slurp(const char *path, size_t *n) {
    int e;
    return (unsigned char *)base_read_file(path, n, &e);
}

static void spill(const char *path, const unsigned char *d, size_t n) {
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(d, 1, n, f) == n);
    if (f) fclose(f);
}

static void repair_header(unsigned char *d, size_t n) {
    uint64_t len = n - 24, h = hash64(d + 24, len);
    for (int i = 0; i < 8; i++) d[8 + i] = (unsigned char)(len >> (8 * i));
    for (int i = 0; i < 8; i++) d[16 + i] = (unsigned char)(h >> (8 * i));
}

int main(void) {
    char dir[] = "/tmp/facts_test.XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *path = xasprintf("%s/u.rcfacts", dir), *bad = xasprintf("%s/bad.rcfacts", dir);

    IrUnit *u = build_unit();
    FeFactsUnit units[2] = {{7, "/src/main.c", u}, {3, "/src/broken.c", NULL}};
    DiagSink d;
    diag_init(&d);
    diag_report(&d, DIAG_NOTE, NULL, 0, 0, "about the models");                       /* 0: not written */
    diag_report(&d, DIAG_ERROR, "/build/compile_commands.json", 0, 0, "entry 2: missing \"file\""); /* 1: inputs */
    diag_report(&d, DIAG_WARNING, NULL, 0, 0, "cache");                                /* 2: not written */
    diag_report(&d, DIAG_ERROR, "/src/broken.c", 4, 9, "use of undeclared identifier 'x'"); /* 3..: parsing */
    diag_report(&d, DIAG_WARNING, NULL, 0, 0, "dropped");
    FeFactsInfo info = {"1.2.3", 0xfeedULL, {1, 2}, "/rules", NULL, 2, 4};
    char *err = NULL;
    CHECK(fe_facts_write(path, &info, units, 2, &d, 1, 2, 3, d.len, not_dropped, &err));

    /* round trip */
    FeFacts *f = fe_facts_read(path, &err);
    CHECK(f != NULL);
    if (f) {
        CHECK(!strcmp(f->info.version, "1.2.3") && f->info.build == 0xfeedULL);
        CHECK(f->info.config.hi == 1 && f->info.config.lo == 2 && !strcmp(f->info.rules, "/rules"));
        CHECK(f->info.config_file == NULL && f->info.shard == 2 && f->info.shards == 4);
        CHECK(f->nunits == 2);
        CHECK(f->units[0].position == 7 && !strcmp(f->units[0].file, "/src/main.c"));
        CHECK(f->units[0].ir && ir_unit_equal(u, f->units[0].ir, NULL, 0));
        CHECK(f->units[1].position == 3 && !strcmp(f->units[1].file, "/src/broken.c") && !f->units[1].ir);
        CHECK(f->input_diags.len == 1 && !strcmp(f->input_diags.items[0].message, "entry 2: missing \"file\""));
        CHECK(f->parse_diags.len == 1 && f->parse_diags.items[0].line == 4 && f->parse_diags.items[0].col == 9);
        CHECK(f->parse_diags.len == 1 && !strcmp(f->parse_diags.items[0].file, "/src/broken.c"));
        fe_facts_free(f);
    }

    /* corruption */
    size_t n;
    unsigned char *data = slurp(path, &n);
    CHECK(data && n > 24);
    unsigned char *buf = malloc(n);
    unsigned refused = 0, read = 0;
    for (size_t cut = 0; cut < n; cut++) {
        spill(bad, data, cut);
        FeFacts *g = fe_facts_read(bad, &err);
        CHECK(g == NULL && err && err[0]);
        free(err);
        err = NULL;
        fe_facts_free(g);
    }
    static const unsigned char values[] = {0x00, 0x7f, 0x80, 0xff};
    for (size_t at = 24; at < n; at++)
        for (size_t v = 0; v < sizeof values; v++) {
            if (data[at] == values[v]) continue;
            memcpy(buf, data, n);
            buf[at] = values[v];
            spill(bad, buf, n);
            FeFacts *g = fe_facts_read(bad, &err); /* the checksum catches it */
            CHECK(g == NULL && err && strstr(err, "checksum"));
            free(err);
            err = NULL;
            fe_facts_free(g);
            repair_header(buf, n);
            spill(bad, buf, n);
            g = fe_facts_read(bad, &err); /* the payload reader sees it */
            if (g) read++;
            else {
                CHECK(err && err[0]);
                refused++;
            }
            free(err);
            err = NULL;
            fe_facts_free(g);
        }
    CHECK(refused > 0);
    printf("facts_test: %zu bytes; damaged behind a repaired header: %u refused, %u read\n", n, refused, read);

    /* files that are not there, writes that fail */
    CHECK(fe_facts_read("/nonexistent/x.rcfacts", &err) == NULL && strstr(err, "cannot read"));
    free(err);
    err = NULL;
    char *nowhere = xasprintf("%s/no/such/x.rcfacts", dir);
    CHECK(!fe_facts_write(nowhere, &info, units, 2, &d, 0, 0, 0, 0, NULL, &err) && strstr(err, "cannot write"));
    free(err);
    free(nowhere);

    free(buf);
    free(data);
    diag_free(&d);
    ir_unit_free(u);
    unlink(path);
    unlink(bad);
    rmdir(dir);
    free(path);
    free(bad);
    return failures ? 1 : 0;
}
