/*
 * hover.c - the ownership summary of a shared location, what the borrow
 * checker would say about it: which threads borrow it, reading (a shared
 * borrow) or writing (a mutable borrow), atomically or not, under which
 * locks, and which of those accesses may race (run at the same time as a
 * conflicting one with no lock held at both, decided as the data-race check
 * does); the lock held at every access when there is one (the GUARDED_BY a
 * thread-safety annotation would state), else the lock held most often; and
 * the findings reported on it.
 *
 * Read only through the facts API (model/facts.h), on the model of the last
 * finished run: hovering an access (its access path as written) or the
 * declaration of the variable a location belongs to. Accesses alike in
 * thread, kind and locks are one line with a count, so a location touched in
 * a thousand places still gives a short summary.
 */
#include "lsp_int.h"

#include "../report/report.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>

typedef struct {
    char *s;
    size_t len, cap;
} Buf;

static void bprintf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(Buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if (b->len + (size_t)n + 1 > b->cap) {
        b->cap = (b->len + (size_t)n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

enum { MAX_GROUP_LOCKS = 8, MAX_LOCATIONS = 4, MAX_GROUPS = 16 };

typedef struct {
    uint32_t thread;
    bool write, atomic;
    bool racing;        /* may run in parallel with a conflicting access, no lock in common */
    uint32_t nlocks;
    uint32_t locks[MAX_GROUP_LOCKS]; /* ids, sorted */
    size_t count;
    const Access *first;
} Group;

static int cmp_u32(const void *x, const void *y) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

static Group group_of(const Access *a, bool racing) {
    Group g = {facts_access_thread(a), facts_access_writes(a), facts_access_atomic(a), racing, 0, {0}, 1, a};
    uint32_t n = facts_access_nlocks(a);
    for (uint32_t i = 0; i < n && g.nlocks < MAX_GROUP_LOCKS; i++) g.locks[g.nlocks++] = facts_access_lock(a, i).id;
    qsort(g.locks, g.nlocks, sizeof *g.locks, cmp_u32);
    return g;
}

static bool same_group(const Group *a, const Group *b) {
    return a->thread == b->thread && a->write == b->write && a->atomic == b->atomic && a->racing == b->racing &&
           a->nlocks == b->nlocks &&
           !memcmp(a->locks, b->locks, a->nlocks * sizeof *a->locks);
}

static const char *thread_label(const Program *p, uint32_t id, const char *root, char *buf, size_t n) {
    FactsThread t = facts_thread(p, id);
    if (t.root || !t.spawn.line) {
        snprintf(buf, n, "%s", t.routine);
        return buf;
    }
    char rel[4096];
    snprintf(buf, n, "%s (spawned at %s:%u:%u, %s)", t.routine, report_relpath(t.spawn.file, root, rel, sizeof rel),
             t.spawn.line, t.spawn.col, t.many ? "many instances" : "one instance");
    return buf;
}

static void describe_locks(Buf *b, const Access *a) {
    uint32_t n = facts_access_nlocks(a);
    if (!n) {
        bprintf(b, "no lock held");
        return;
    }
    bprintf(b, "holding ");
    for (uint32_t i = 0; i < n; i++) bprintf(b, "%s`%s`", i ? ", " : "", facts_access_lock(a, i).spelling);
}

/* As the data-race check decides (checks/data_race.c): a pair races when
 * one writes, not both are atomic, no lock is held at both and no ordering
 * rule keeps them apart. */
static bool races(const Program *p, const Access *a, const Access *b) {
    if (!facts_access_writes(a) && !facts_access_writes(b)) return false;
    if (facts_access_atomic(a) && facts_access_atomic(b)) return false;
    if (facts_common_lock(p, a, b, NULL)) return false;
    return facts_may_happen_in_parallel(p, a, b);
}

/* racing[k] for each access k of L: does it race with some access of L
 * (itself included: another instance of its thread)? Accesses alike in
 * every fact (facts_alike) are decided once, as the check does. */
static bool *racing_accesses(const Program *p, FactsLocation L) {
    size_t n = L.naccesses ? L.naccesses : 1;
    bool *racing = xcalloc(n, sizeof *racing);
    size_t *cls = xmalloc(n * sizeof *cls);
    /* classes: a representative, whether it races, the next class with the
     * same facts_alike_key */
    typedef struct {
        const Access *rep;
        bool racing;
        size_t next;
    } Class;
    VEC(Class) classes = {0};
    U64Map by_key; /* facts_alike_key -> the first class with it */
    u64map_init(&by_key);
    for (size_t k = 0; k < L.naccesses; k++) {
        const Access *a = L.accesses[k];
        uint64_t key = facts_alike_key(a), head;
        size_t c = u64map_get(&by_key, key, &head) ? (size_t)head : SIZE_MAX, last = SIZE_MAX;
        for (; c != SIZE_MAX && !facts_alike(classes.data[c].rep, a); c = classes.data[c].next) last = c;
        if (c == SIZE_MAX) {
            c = classes.len;
            vec_push(&classes, ((Class){a, false, SIZE_MAX}));
            if (last == SIZE_MAX) u64map_put(&by_key, key, c);
            else classes.data[last].next = c;
        }
        cls[k] = c;
    }
    u64map_free(&by_key);
    for (size_t x = 0; x < classes.len; x++)
        for (size_t y = x; y < classes.len; y++) {
            if (classes.data[x].racing && classes.data[y].racing) continue;
            if (races(p, classes.data[x].rep, classes.data[y].rep))
                classes.data[x].racing = classes.data[y].racing = true;
        }
    for (size_t k = 0; k < L.naccesses; k++) racing[k] = classes.data[cls[k]].racing;
    vec_free(&classes);
    free(cls);
    return racing;
}

/* The summary of location i (facts_location index). */
static void summarise(Buf *b, const LspResult *r, size_t li) {
    const Program *p = &r->prog;
    FactsLocation L = facts_location(p, li);
    char name[512], label[8192], rel[4096];
    VEC(Group) groups = {0};
    VEC(uint32_t) threads = {0};
    bool any_write = false, all_atomic = true;
    /* locks by how many accesses hold them */
    U64Map lock_count;
    u64map_init(&lock_count);
    VEC(FactsLock) locks = {0};
    bool *racing = racing_accesses(p, L), any_racing = false;
    for (size_t k = 0; k < L.naccesses; k++) {
        const Access *a = L.accesses[k];
        Group g = group_of(a, racing[k]);
        any_racing |= racing[k];
        any_write |= g.write;
        all_atomic &= g.atomic;
        size_t j = 0;
        while (j < groups.len && !same_group(&groups.data[j], &g)) j++;
        if (j < groups.len) groups.data[j].count++;
        else vec_push(&groups, g);
        size_t t = 0;
        while (t < threads.len && threads.data[t] != g.thread) t++;
        if (t == threads.len) vec_push(&threads, g.thread);
        uint32_t nl = facts_access_nlocks(a);
        for (uint32_t i = 0; i < nl; i++) {
            FactsLock fl = facts_access_lock(a, i);
            bool dup = false;
            for (uint32_t j2 = 0; j2 < i; j2++) dup |= facts_access_lock(a, j2).id == fl.id;
            if (dup) continue;
            uint64_t c = 0;
            if (!u64map_get(&lock_count, fl.id, &c)) vec_push(&locks, fl);
            u64map_put(&lock_count, fl.id, c + 1);
        }
    }
    const Access *a0 = L.naccesses ? L.accesses[0] : NULL;
    bool many = threads.len == 1 && facts_thread(p, threads.data[0]).many;
    bprintf(b, "**`%s`** (location `%s`) is shared by %s%zu thread%s\n\n", a0 ? facts_access_spelling(a0) : "?",
            facts_location_name(p, L.id, name, sizeof name), many ? "the instances of " : "", threads.len,
            threads.len == 1 ? "" : "s");
    for (size_t j = 0; j < groups.len && j < MAX_GROUPS; j++) {
        const Group *g = &groups.data[j];
        SrcLoc decl, at = facts_access_loc(g->first);
        const char *fn = facts_access_function(p, g->first, &decl);
        bprintf(b, "- %s%s (%s borrow) by thread `%s`, ", g->atomic ? "atomic " : "", g->write ? "**written**" : "read",
                g->write ? "mutable" : "shared", thread_label(p, g->thread, r->root, label, sizeof label));
        describe_locks(b, g->first);
        bprintf(b, ", in `%s()` at %s:%u:%u", fn ? fn : "?", report_relpath(at.file, r->root, rel, sizeof rel), at.line,
                at.col);
        if (g->count > 1) bprintf(b, " (and %zu more like this)", g->count - 1);
        bprintf(b, "%s\n", g->racing ? " — *may race*" : "");
    }
    if (groups.len > MAX_GROUPS) bprintf(b, "- ... and %zu more kinds of access\n", groups.len - MAX_GROUPS);
    bprintf(b, "\n");
    /* the locking discipline */
    const FactsLock *every = NULL, *most = NULL;
    uint64_t most_n = 0;
    for (size_t i = 0; i < locks.len; i++) {
        uint64_t c = 0;
        u64map_get(&lock_count, locks.data[i].id, &c);
        if (c == L.naccesses && !every) every = &locks.data[i];
        if (c > most_n) {
            most_n = c;
            most = &locks.data[i];
        }
    }
    if (!any_write)
        bprintf(b, "Only read once shared: shared borrows alone never conflict.\n");
    else if (every)
        bprintf(b, "Every access holds `%s`: it guards this location (what `GUARDED_BY(%s)` would state).\n",
                every->spelling, every->spelling);
    else if (all_atomic)
        bprintf(b, "Every access is atomic.\n");
    else if (most)
        bprintf(b, "No lock is held at every access; `%s` is held at %llu of %zu.\n", most->spelling,
                (unsigned long long)most_n, L.naccesses);
    else
        bprintf(b, "No lock is held at any access.\n");
    if (any_racing)
        bprintf(b, "The accesses marked *may race* may run at the same time as a conflicting access with no lock "
                   "held at both.\n");
    else if (any_write)
        bprintf(b, "No two conflicting accesses may run at the same time unguarded (each pair is ordered, locked "
                   "or atomic).\n");
    /* the findings reported on it (by primary location) */
    for (size_t i = 0; i < r->findings.items.len; i++) {
        const Finding *f = &r->findings.items.data[i];
        for (size_t k = 0; k < L.naccesses; k++) {
            SrcLoc at = facts_access_loc(L.accesses[k]);
            if (at.line != f->loc.line || at.col != f->loc.col || !at.file || !f->loc.file || strcmp(at.file, f->loc.file))
                continue;
            bprintf(b, "\n**%s**: %s at %s:%u:%u\n", f->rule, f->message,
                    report_relpath(f->loc.file, r->root, rel, sizeof rel), f->loc.line, f->loc.col);
            break;
        }
    }
    free(racing);
    vec_free(&groups);
    vec_free(&threads);
    vec_free(&locks);
    u64map_free(&lock_count);
}

/* Is raw (a path as the model has it) the normalised path? One cached answer:
 * the accesses of one line mostly share their file's pointer. */
typedef struct {
    const char *raw;
    bool same;
} PathMemo;

static bool same_path(PathMemo *m, const char *raw, const char *path) {
    if (!raw) return false;
    if (raw == m->raw) return m->same;
    char *n = lsp_path_normalize(raw);
    m->raw = raw;
    m->same = !strcmp(n, path);
    free(n);
    return m->same;
}

/* The column of the variable's name in its declaration (which starts at
 * d.col, with its type): the location's root name as a whole word. */
static unsigned decl_name_col(const Program *p, uint32_t loc, LspTexts *t, const char *path, SrcLoc d) {
    char name[512];
    const char *n = facts_location_name(p, loc, name, sizeof name);
    const char *colons = strstr(n, "::");
    if (colons) n = colons + 2;
    size_t nl = 0;
    while (n[nl] && n[nl] != '.' && n[nl] != '[' && n[nl] != '-') nl++;
    size_t len;
    const char *s = lsp_text_line(t, path, d.line, &len);
    if (!s || !nl) return d.col;
    for (size_t i = d.col ? d.col - 1 : 0; i + nl <= len; i++) {
        bool word = !memcmp(s + i, n, nl) && (i == 0 || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_')) &&
                    (i + nl == len || !(isalnum((unsigned char)s[i + nl]) || s[i + nl] == '_'));
        if (word) return (unsigned)i + 1;
    }
    return d.col;
}

char *lsp_hover(const LspResult *r, LspTexts *t, const char *path, unsigned line, unsigned col, cJSON **range) {
    *range = NULL;
    if (!r->have_prog) return NULL;
    const Program *p = &r->prog;
    size_t hits[MAX_LOCATIONS], nhits = 0;
    unsigned span_col = 0, span_end = 0;
    PathMemo memo = {NULL, false};
    size_t n = facts_nlocations(p);
    for (size_t i = 0; i < n && nhits < MAX_LOCATIONS; i++) {
        FactsLocation L = facts_location(p, i);
        bool hit = false;
        for (size_t k = 0; k < L.naccesses && !hit; k++) {
            SrcLoc at = facts_access_loc(L.accesses[k]);
            if (at.line != line || at.col > col || !same_path(&memo, at.file, path)) continue;
            unsigned end = lsp_span_end(t, path, line, at.col, facts_access_spelling(L.accesses[k]));
            if (col >= end) continue;
            hit = true;
            if (!span_col) {
                span_col = at.col;
                span_end = end;
            }
        }
        SrcLoc d = facts_location_decl(p, L.id);
        if (!hit && d.line == line && d.col <= col && same_path(&memo, d.file, path)) {
            unsigned at = decl_name_col(p, L.id, t, path, d);
            unsigned end = lsp_span_end(t, path, line, at, NULL);
            if (col >= at && col < end) {
                hit = true;
                if (!span_col) {
                    span_col = at;
                    span_end = end;
                }
            }
        }
        if (hit) hits[nhits++] = i;
    }
    if (!nhits) return NULL;
    Buf b = {0};
    for (size_t i = 0; i < nhits; i++) {
        if (i) bprintf(&b, "\n---\n\n");
        summarise(&b, r, hits[i]);
    }
    bprintf(&b, "\n*racecheck*");
    cJSON *rg = cJSON_CreateObject();
    cJSON_AddItemToObject(rg, "start", lsp_position(t, path, line, span_col));
    cJSON_AddItemToObject(rg, "end", lsp_position(t, path, line, span_end));
    *range = rg;
    return b.s;
}
