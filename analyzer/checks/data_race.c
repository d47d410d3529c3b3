/*
 * data_race.c - rule `data-race`: aliasing XOR mutability across threads.
 *
 * Two accesses to the same location race when they may run in parallel
 * (model_may_parallel: different threads or two instances of one, not
 * ordered by creation or join), at least one writes (a mutable borrow), not
 * both are atomic, and no lock is held in common at both (model_common_lock;
 * a write under a read lock is not protected).
 *
 * Facts used: the accesses the model recorded per location (shared objects
 * only), their threads, live-child sets and locksets. One finding per racing
 * location lists every access that takes part in at least one racing pair.
 * The primary location is the first such write in (file, line, column)
 * order (docs/testing.md).
 *
 * Precision stance: follows the model's (docs/precision.md): array elements
 * are one location, heap objects are named by allocation site, lock identity
 * is by must-alias of the lock path.
 */
#include "checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Accesses that behave alike for the race rule form one class. */
typedef struct Class {
    const Access *rep;
    VEC(const Access *) members;
    bool racing;
} Class;

static int cmp_node(const void *x, const void *y) {
    const Access *a = *(const Access *const *)x, *b = *(const Access *const *)y;
    if (a->node != b->node) return a->node < b->node ? -1 : 1;
    return a < b ? -1 : a > b;
}

static int cmp_str0(const char *a, const char *b) {
    return strcmp(a ? a : "", b ? b : "");
}

static int cmp_loc(const IrLoc *a, const IrLoc *b) {
    int c = cmp_str0(a->file, b->file);
    if (c) return c;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->col != b->col) return a->col < b->col ? -1 : 1;
    return 0;
}

/* Two accesses to one location are alike when every fact the pairwise
 * decision reads (races(): kind, atomicity, thread, live/started children,
 * the hand-off position, the synchronisation state, locks) is equal; only one of each class is paired. */
static bool same_class(const Access *a, const Access *b) {
    if (a->thread != b->thread || a->write != b->write || a->atomic != b->atomic || a->live != b->live ||
        a->ever != b->ever || a->before_spawn != b->before_spawn || a->nlocks != b->nlocks ||
        a->inst_private != b->inst_private || a->unpublished != b->unpublished || a->elem_spawn != b->elem_spawn ||
        a->waited != b->waited || a->cwaited != b->cwaited || a->posted != b->posted || a->phases != b->phases)
        return false;
    for (uint32_t i = 0; i < a->nlocks; i++)
        if (a->locks[i].node != b->locks[i].node || a->locks[i].mode != b->locks[i].mode ||
            a->locks[i].index_kind != b->locks[i].index_kind || a->locks[i].index != b->locks[i].index)
            return false;
    return true;
}

static bool races(const Program *p, const Access *a, const Access *b) {
    if (!a->write && !b->write) return false;
    if (a->atomic && b->atomic) return false;
    if (model_common_lock(a, b, NULL)) return false;
    return model_may_parallel(p, a, b);
}

static int cmp_access_loc(const void *x, const void *y) {
    const Access *a = *(const Access *const *)x, *b = *(const Access *const *)y;
    int c = cmp_loc(&a->loc, &b->loc);
    if (c) return c;
    if (a->write != b->write) return a->write ? -1 : 1;
    return a->thread < b->thread ? -1 : a->thread > b->thread;
}

static const char *access_kind(const Access *a) {
    if (a->atomic) return a->write ? "atomic write" : "atomic read";
    return a->write ? "write" : "read";
}

/* The lock held at most of the involved accesses, or NULL. */
static const char *best_lock(const Access *const *acc, size_t n, size_t *count) {
    const char *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; i < n; i++)
        for (uint32_t k = 0; k < acc[i]->nlocks; k++) {
            uint32_t node = acc[i]->locks[k].node;
            size_t c = 0;
            for (size_t j = 0; j < n; j++)
                for (uint32_t m = 0; m < acc[j]->nlocks; m++)
                    if (acc[j]->locks[m].node == node) {
                        c++;
                        break;
                    }
            if (c > best_n || (c == best_n && best && cmp_str0(acc[i]->locks[k].spelling, best) < 0)) {
                best_n = c;
                best = acc[i]->locks[k].spelling;
            }
        }
    *count = best_n;
    return best;
}

static void report(const Program *p, FindingList *out, const Access **inv, size_t n) {
    qsort(inv, n, sizeof(*inv), cmp_access_loc);
    /* dedupe (same location, kind and thread) */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && cmp_loc(&inv[k - 1]->loc, &inv[i]->loc) == 0 && inv[k - 1]->write == inv[i]->write &&
            inv[k - 1]->thread == inv[i]->thread)
            continue;
        inv[k++] = inv[i];
    }
    n = k;
    const Access *primary = NULL;
    for (size_t i = 0; i < n && !primary; i++)
        if (inv[i]->write && !inv[i]->atomic) primary = inv[i];
    for (size_t i = 0; i < n && !primary; i++)
        if (inv[i]->write) primary = inv[i];
    if (!primary) primary = inv[0];
    Arena *a = out->arena;
    Finding f;
    memset(&f, 0, sizeof f);
    f.rule = "data-race";
    f.severity = SEV_ERROR;
    f.object = arena_strdup(a, primary->spelling ? primary->spelling : "?");
    char nodename[512];
    pt_node_name(p, primary->node, nodename, sizeof nodename);
    f.message = arena_printf(a, "data race on '%s'", f.object);
    f.loc = (SrcLoc){arena_strdup(a, primary->loc.file ? primary->loc.file : "?"), primary->loc.line,
                     primary->loc.col};
    const Obj *root_obj = &p->objs.data[p->nodes.data[primary->node].obj];
    if ((root_obj->kind == OBJ_GLOBAL || root_obj->kind == OBJ_LOCAL) && root_obj->loc.file)
        f.decl = (SrcLoc){arena_strdup(a, root_obj->loc.file), root_obj->loc.line, root_obj->loc.col};
    f.evidence = ARENA_ARRAY(a, Evidence, n);
    f.nevidence = n;
    size_t nthreads = 0;
    uint32_t seen_threads[64];
    for (size_t i = 0; i < n; i++) {
        const Access *x = inv[i];
        const Thread *t = &p->threads.data[x->thread];
        Evidence *e = &f.evidence[i];
        e->loc = (SrcLoc){arena_strdup(a, x->loc.file ? x->loc.file : "?"), x->loc.line, x->loc.col};
        e->kind = access_kind(x);
        e->function = arena_strdup(a, p->funcs.data[x->func].ir->name);
        const IrLoc *fl = &p->funcs.data[x->func].ir->loc;
        e->function_decl = (SrcLoc){fl->file ? arena_strdup(a, fl->file) : NULL, fl->line, fl->col};
        e->thread_routine = arena_strdup(a, t->routine);
        if (t->parent >= 0)
            e->spawn = (SrcLoc){arena_strdup(a, t->spawn_loc.file ? t->spawn_loc.file : "?"), t->spawn_loc.line,
                                t->spawn_loc.col};
        e->many = model_thread_many(p, x->thread);
        e->locks = ARENA_ARRAY(a, const char *, x->nlocks ? x->nlocks : 1);
        for (uint32_t l = 0; l < x->nlocks; l++) e->locks[e->nlocks++] = arena_strdup(a, x->locks[l].spelling);
        bool seen = false;
        for (size_t s = 0; s < nthreads; s++) seen |= seen_threads[s] == x->thread;
        if (!seen && nthreads < 64) seen_threads[nthreads++] = x->thread;
    }
    const char *obj_root = p->objs.data[p->nodes.data[primary->node].obj].name;
    bool one_thread = nthreads == 1;
    f.explain = arena_printf(
        a, "'%s' (%s) is mutably borrowed (written) by thread %s while %s also borrows it, with no "
        "lock held in common: shared between threads, it needs one lock at every access or atomics",
        f.object, nodename,
        primary->thread < p->threads.len ? p->threads.data[primary->thread].routine : "?",
        one_thread ? "another instance of the same thread" : "another thread");
    (void)obj_root;
    /* a thread no join waits for: say what is assumed (counter- or
     * flag-based joins are not recognised) */
    for (size_t s = 0; s < nthreads; s++) {
        const Thread *t = &p->threads.data[seen_threads[s]];
        if (t->parent < 0 || t->joined) continue;
        f.explain = arena_printf(a, "%s; assumption: thread %s is never joined, so it may run until the program "
                                 "ends (a wait for it through a counter, a flag or a condition variable is not "
                                 "recognised)", f.explain, t->routine);
        break;
    }
    size_t held = 0;
    const char *lock = best_lock(inv, n, &held);
    if (lock)
        f.help = arena_printf(a, "hold '%s' at every access to '%s' (it is already held at %zu of %zu)", lock,
                              f.object, held, n);
    else
        f.help = arena_printf(a, "protect '%s' with one mutex held at every access, or make it _Atomic",
                              f.object);
    vec_push(&out->items, f);
}

static int cmp_finding_key(const void *x, const void *y) {
    const Finding *a = x, *b = y;
    int c = srcloc_cmp(&a->loc, &b->loc);
    return c ? c : cmp_str0(a->object, b->object);
}

static bool same_evidence(const Evidence *a, const Evidence *b) {
    return !srcloc_cmp(&a->loc, &b->loc) && !cmp_str0(a->kind, b->kind) && !cmp_str0(a->thread_routine, b->thread_routine) &&
           a->spawn.line == b->spawn.line && a->spawn.col == b->spawn.col;
}

static int cmp_evidence(const void *x, const void *y) {
    const Evidence *a = x, *b = y;
    int c = srcloc_cmp(&a->loc, &b->loc);
    if (c) return c;
    if ((c = cmp_str0(a->kind, b->kind))) return c;
    return cmp_str0(a->thread_routine, b->thread_routine);
}

/* One abstract location per heap object or alias target can give several
 * findings with the same primary access and spelling (`it->next` for every
 * object `it` may point to): the user sees one race there, so merge them. */
static void merge_same_spelling(FindingList *out, size_t from) {
    Finding *f = out->items.data + from;
    size_t n = out->items.len - from, k = 0;
    if (n < 2) return;
    qsort(f, n, sizeof(Finding), cmp_finding_key);
    for (size_t i = 0; i < n; i++) {
        if (k && cmp_finding_key(&f[k - 1], &f[i]) == 0) {
            Finding *m = &f[k - 1];
            Evidence *ev = ARENA_ARRAY(out->arena, Evidence, m->nevidence + f[i].nevidence);
            memcpy(ev, m->evidence, m->nevidence * sizeof(Evidence));
            size_t ne = m->nevidence;
            for (size_t e = 0; e < f[i].nevidence; e++) {
                bool dup = false;
                for (size_t x = 0; x < ne && !dup; x++) dup = same_evidence(&ev[x], &f[i].evidence[e]);
                if (!dup) ev[ne++] = f[i].evidence[e];
            }
            qsort(ev, ne, sizeof(Evidence), cmp_evidence);
            m->evidence = ev;
            m->nevidence = ne;
            continue;
        }
        f[k++] = f[i];
    }
    out->items.len = from + k;
}

void check_data_race(const Program *p, FindingList *out) {
    size_t n = p->accesses.len;
    size_t first = out->items.len;
    if (!n) return;
    const Access **acc = xmalloc(n * sizeof(*acc));
    for (size_t i = 0; i < n; i++) acc[i] = &p->accesses.data[i];
    qsort(acc, n, sizeof(*acc), cmp_node);
    VEC(Class) classes = {0};
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && acc[j]->node == acc[i]->node) j++;
        /* quick exit: no write to this location */
        bool any_write = false;
        for (size_t k = i; k < j; k++) any_write |= acc[k]->write;
        if (any_write) {
            classes.len = 0;
            for (size_t k = i; k < j; k++) {
                size_t c = 0;
                while (c < classes.len && !same_class(classes.data[c].rep, acc[k])) c++;
                if (c == classes.len) {
                    Class nc;
                    memset(&nc, 0, sizeof nc);
                    nc.rep = acc[k];
                    vec_push(&classes, nc);
                }
                vec_push(&classes.data[c].members, acc[k]);
            }
            bool any = false;
            for (size_t x = 0; x < classes.len; x++)
                for (size_t y = x; y < classes.len; y++) {
                    if (classes.data[x].racing && classes.data[y].racing) continue;
                    if (races(p, classes.data[x].rep, classes.data[y].rep)) {
                        classes.data[x].racing = classes.data[y].racing = true;
                        any = true;
                    }
                }
            if (any) {
                VEC(const Access *) inv = {0};
                for (size_t x = 0; x < classes.len; x++)
                    if (classes.data[x].racing)
                        for (size_t m = 0; m < classes.data[x].members.len; m++)
                            vec_push(&inv, classes.data[x].members.data[m]);
                report(p, out, inv.data, inv.len);
                vec_free(&inv);
            }
            for (size_t x = 0; x < classes.len; x++) vec_free(&classes.data[x].members);
        }
        i = j;
    }
    vec_free(&classes);
    free(acc);
    merge_same_spelling(out, first);
}
