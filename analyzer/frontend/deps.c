/*
 * deps.c - the files a translation unit was made from: its main file and
 * every file it includes (system headers too: a libc upgrade changes what a
 * unit means), each with the hash of its contents as clang parsed them.
 * They go into IrUnit.inputs and are what the unit's cache key is computed
 * from (base/hash.h, hash_unit_key); a later run re-hashes the same paths to
 * decide whether a cached unit is still valid.
 *
 * Paths are clang's real paths where it knows them (symlinks resolved,
 * absolute), else the names it opened. Contents are the buffers clang
 * parsed, so an edit racing with the parse cannot give a key for contents
 * that were not analysed. Order: the main file first, then the included
 * files sorted by path and without duplicates, so the list does not depend
 * on the order of #include lines elsewhere than in what they include.
 */
#include "../base/hash.h"
#include "lower.h"

#include <stdlib.h>
#include <string.h>

typedef struct DepCtx {
    CXTranslationUnit tu;
    Arena *a;
    VEC(HashFile) files;
    bool have_main;
    HashFile main;
} DepCtx;

static char *file_path(Arena *a, CXFile f) {
    CXString s = clang_File_tryGetRealPathName(f);
    const char *c = clang_getCString(s);
    if (!c || !c[0]) {
        clang_disposeString(s);
        s = clang_getFileName(f);
        c = clang_getCString(s);
    }
    char *r = arena_strdup(a, c ? c : "");
    clang_disposeString(s);
    return r;
}

static void visit_inclusion(CXFile f, CXSourceLocation *stack, unsigned depth, CXClientData d) {
    (void)stack;
    DepCtx *c = d;
    HashFile hf = {file_path(c->a, f), 0};
    size_t size = 0;
    const char *buf = clang_getFileContents(c->tu, f, &size);
    if (buf) hf.hash = hash64(buf, size);
    else if (!hash_file(hf.path, &hf.hash, NULL)) hf.hash = 0; /* unreadable now: never matches a re-hash */
    if (depth == 0 && !c->have_main) {
        c->main = hf;
        c->have_main = true;
    } else {
        vec_push(&c->files, hf);
    }
}

static int by_path(const void *x, const void *y) {
    return strcmp(((const HashFile *)x)->path, ((const HashFile *)y)->path);
}

void fe_record_inputs(CXTranslationUnit tu, IrUnit *u) {
    DepCtx c = {tu, u->arena, {0}, false, {NULL, 0}};
    clang_getInclusions(tu, visit_inclusion, &c);
    if (c.files.len) qsort(c.files.data, c.files.len, sizeof(HashFile), by_path);
    u->inputs = ARENA_ARRAY(u->arena, HashFile, c.files.len + 1);
    uint32_t n = 0;
    if (c.have_main) u->inputs[n++] = c.main;
    for (size_t i = 0; i < c.files.len; i++) {
        const HashFile *f = &c.files.data[i];
        if (i && strcmp(f->path, c.files.data[i - 1].path) == 0) continue;
        if (c.have_main && strcmp(f->path, c.main.path) == 0) continue;
        u->inputs[n++] = *f;
    }
    u->ninputs = n;
    vec_free(&c.files);
}
