/*
 * suppress_fuzz.c - the racecheck-ignore scanner (config/suppress.c): the
 * input is a C source file holding a finding's lines; the scanner reads its
 * directives and decides whether they suppress the finding.
 */
#include "../analyzer/config/config.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *path = fuzz_write("source.c", data, size);
    Config c;
    config_init(&c);
    FindingList fl;
    findings_init(&fl);
    Finding f;
    memset(&f, 0, sizeof f);
    f.rule = "data-race";
    f.severity = SEV_ERROR;
    f.message = "data race on 'x'";
    f.object = "x";
    f.fingerprint = "0123456789abcdef";
    f.loc = (SrcLoc){path, 3, 1};
    f.decl = (SrcLoc){path, 1, 1};
    Evidence ev[2];
    memset(ev, 0, sizeof ev);
    ev[0].loc = (SrcLoc){path, 7, 2};
    ev[0].function_decl = (SrcLoc){path, 5, 1};
    ev[1].loc = (SrcLoc){path, 100000, 1};
    f.evidence = ev;
    f.nevidence = 2;
    vec_push(&fl.items, f);
    SuppressResult r;
    memset(&r, 0, sizeof r);
    DiagSink d;
    diag_init(&d);
    suppress_apply(&c, &fl, &r, &d);
    if (r.suppressed.arena) suppress_result_free(&r);
    diag_free(&d);
    fl.items.len = 0;
    findings_free(&fl);
    config_free(&c);
    return 0;
}
