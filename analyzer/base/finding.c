/* finding.c - the finding list; see finding.h. */
#include "finding.h"

#include <stdlib.h>
#include <string.h>

void findings_init(FindingList *fl) {
    memset(fl, 0, sizeof(*fl));
    fl->arena = arena_new();
}

void findings_free(FindingList *fl) {
    vec_free(&fl->items);
    arena_free(fl->arena);
    fl->arena = NULL;
}

static int str_cmp0(const char *a, const char *b) {
    return strcmp(a ? a : "", b ? b : "");
}

int srcloc_cmp(const SrcLoc *a, const SrcLoc *b) {
    int c = str_cmp0(a->file, b->file);
    if (c) return c;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->col != b->col) return a->col < b->col ? -1 : 1;
    return 0;
}

static int finding_cmp(const void *pa, const void *pb) {
    const Finding *a = pa, *b = pb;
    int c = srcloc_cmp(&a->loc, &b->loc);
    if (c) return c;
    if ((c = str_cmp0(a->rule, b->rule))) return c;
    if ((c = str_cmp0(a->object, b->object))) return c;
    return str_cmp0(a->fingerprint, b->fingerprint);
}

void findings_sort(FindingList *fl) {
    if (fl->items.len > 1) qsort(fl->items.data, fl->items.len, sizeof(Finding), finding_cmp);
}

const char *severity_name(Severity s) {
    switch (s) {
    case SEV_NOTE: return "note";
    case SEV_WARNING: return "warning";
    default: return "error";
    }
}
