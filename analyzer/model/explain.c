/*
 * explain.c - --explain-pair: why two source locations race, or why not.
 *
 * For the accesses recorded at two source lines (and columns, when given),
 * each pair touching one location is classified the way the data-race rule
 * decides: both reads; both atomic; a lock held in common; ordered by a
 * named rule of mhp.c; or racing. A line with no recorded access says so
 * (thread-private memory, or code no thread reaches). Reads the model only
 * through the facts API.
 */
#include "model.h"

#include <string.h>

/* Does an access file name (as clang spells it) designate the file the user
 * typed? Equal, or one is the other's path suffix at a '/' boundary. */
static bool same_file(const char *spelled, const char *typed) {
    if (!spelled || !typed) return false;
    size_t a = strlen(spelled), b = strlen(typed);
    if (a == b) return !strcmp(spelled, typed);
    const char *lng = a > b ? spelled : typed, *shr = a > b ? typed : spelled;
    size_t ll = a > b ? a : b, sl = a > b ? b : a;
    while (sl > 2 && !strncmp(shr, "./", 2)) shr += 2, sl -= 2;
    return ll > sl && !strcmp(lng + ll - sl, shr) && lng[ll - sl - 1] == '/';
}

static bool at(const Access *a, SrcLoc want) {
    SrcLoc l = facts_access_loc(a);
    return l.line == want.line && (!want.col || l.col == want.col) && same_file(l.file, want.file);
}

/* path below root, relative to it; else as given */
static const char *rel(const char *path, const char *root) {
    size_t n = root ? strlen(root) : 0;
    if (!path || !n || strncmp(path, root, n) || path[n] != '/') return path ? path : "?";
    return path + n + 1;
}

static void describe(const Program *p, const Access *a, const char *root, FILE *out) {
    SrcLoc l = facts_access_loc(a);
    FactsThread t = facts_thread(p, facts_access_thread(a));
    const char *kind = facts_access_writes(a) ? (facts_access_atomic(a) ? "atomic write" : "write")
                                              : (facts_access_atomic(a) ? "atomic read" : "read");
    fprintf(out, "%s:%u:%u: %s of '%s' in %s(), thread %s%s", rel(l.file, root), l.line, l.col, kind,
            facts_access_spelling(a), facts_access_function(p, a, NULL), t.routine, t.many ? " (many instances)" : "");
    uint32_t n = facts_access_nlocks(a);
    if (!n) fprintf(out, ", no lock held\n");
    for (uint32_t i = 0; i < n; i++)
        fprintf(out, "%s'%s'%s", i ? ", " : ", holding ", facts_access_lock(a, i).spelling, i + 1 == n ? "\n" : "");
    /* how the thread gets there */
    FactsCall chain[16];
    size_t len = facts_access_call_chain(p, a, chain, 16);
    for (size_t i = 0; i < len && i < 16; i++)
        fprintf(out, "    %s %s:%u:%u: %s() calls %s()%s\n", i ? "  " : "via", rel(chain[i].loc.file, root),
                chain[i].loc.line, chain[i].loc.col, chain[i].caller, chain[i].callee,
                chain[i].indirect ? " through a function pointer" : "");
    if (len > 16) fprintf(out, "      ... %zu calls more\n", len - 16);
}

/* One line of verdict for a pair of accesses to one location. */
static void verdict(const Program *p, const Access *a, const Access *b, FILE *out) {
    const char *lock = NULL, *why = NULL, *rule;
    if (!facts_access_writes(a) && !facts_access_writes(b))
        fprintf(out, "  no race: both read (shared borrows)\n");
    else if (facts_access_atomic(a) && facts_access_atomic(b))
        fprintf(out, "  no race: both are atomic\n");
    else if (facts_common_lock(p, a, b, &lock))
        fprintf(out, "  no race: both hold '%s'\n", lock);
    else if ((rule = facts_ordering_rule(p, a, b, &why)))
        fprintf(out, "  no race: ordered by rule '%s': %s\n", rule, why);
    else
        fprintf(out, "  race: no ordering rule orders them (creation, join, hand-off, per-instance data, "
                     "semaphore, condvar, barrier ...) and no lock is held at both\n");
}

int model_explain_pair(const Program *p, const SrcLoc want[2], const char *root, FILE *out) {
    VEC(const Access *) side[2] = {{0}, {0}};
    for (size_t li = 0; li < facts_nlocations(p); li++) {
        FactsLocation loc = facts_location(p, li);
        for (size_t k = 0; k < loc.naccesses; k++)
            for (int s = 0; s < 2; s++)
                if (at(loc.accesses[k], want[s])) vec_push(&side[s], loc.accesses[k]);
    }
    for (int s = 0; s < 2; s++) {
        if (side[s].len) continue;
        fprintf(out, "%s:%u", want[s].file, want[s].line);
        if (want[s].col) fprintf(out, ":%u", want[s].col);
        fprintf(out, ": no access to memory threads share is recorded here (thread-private data, or code no "
                     "thread reaches)\n");
    }
    /* the same place twice: each unordered pair once, an access with itself
     * standing for two instances of its thread */
    bool same = want[0].line == want[1].line && want[0].col == want[1].col && !strcmp(want[0].file, want[1].file);
    size_t pairs = 0;
    for (size_t i = 0; i < side[0].len; i++)
        for (size_t k = same ? i : 0; k < side[1].len; k++) {
            const Access *a = side[0].data[i], *b = side[1].data[k];
            if (facts_access_location(a) != facts_access_location(b)) continue;
            /* one line per pair of alike accesses */
            bool dup = false;
            for (size_t i2 = 0; i2 < i && !dup; i2++)
                dup = facts_alike(side[0].data[i2], a) && facts_access_loc(side[0].data[i2]).col == facts_access_loc(a).col;
            for (size_t k2 = 0; k2 < k && !dup; k2++)
                dup = facts_alike(side[1].data[k2], b) && facts_access_loc(side[1].data[k2]).col == facts_access_loc(b).col;
            if (dup) continue;
            char name[512];
            fprintf(out, "%s'%s':\n", pairs ? "\n" : "", facts_location_name(p, facts_access_location(a), name, sizeof name));
            describe(p, a, root, out);
            describe(p, b, root, out);
            verdict(p, a, b, out);
            pairs++;
        }
    if (side[0].len && side[1].len && !pairs)
        fprintf(out, "the accesses at the two locations touch different memory\n");
    vec_free(&side[0]);
    vec_free(&side[1]);
    return (int)pairs;
}
