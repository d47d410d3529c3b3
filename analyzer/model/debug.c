/*
 * debug.c - the debug intrinsics (testdata/include/racecheck_debug.h): what
 * the model believes at a call to racecheck_pts(e), racecheck_locks() or
 * racecheck_threads(), kept as a DebugNote per distinct observation and
 * checked by `// debug:` directives in verify mode (docs/testing.md).
 */
#include "flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "{a, b}" from names (sorted, duplicates dropped) into the program's strings. */
static const char *name_set(Program *p, const char **names, size_t n, const char *prefix) {
    if (n > 1) qsort(names, n, sizeof(char *), cmp_str);
    char buf[2048];
    size_t len = (size_t)snprintf(buf, sizeof buf, "%s{", prefix);
    for (size_t i = 0; i < n && len < sizeof buf; i++) {
        if (i && !strcmp(names[i], names[i - 1])) continue;
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len > strlen(prefix) + 1 ? ", " : "", names[i]);
    }
    if (len < sizeof buf) snprintf(buf + len, sizeof buf - len, "}");
    return intern(&p->strings, buf);
}

static const char *thread_name(Program *p, uint32_t t) {
    char buf[256];
    snprintf(buf, sizeof buf, "%s%s", p->tm.threads.data[t].routine, model_thread_many(p, t) ? "*" : "");
    return intern(&p->strings, buf);
}

/* racecheck_pts(e): what e may point to; racecheck_locks(): the locks surely
 * held; racecheck_threads(): this thread and its children that may run here.
 * Each distinct observation at a call is kept once (threads reaching it
 * may differ). */
void debug_intrinsic(Program *p, uint32_t thread, uint32_t func, const IrEvent *ev, const FlowState *st) {
    const char *name = ev->call->callee.name + 10, *text = NULL;
    VEC(const char *) names = {0};
    if (!strcmp(name, "pts") && ev->call->nargs == 1) {
        IdSet t = {0};
        pt_operand_targets(p, func, &ev->call->args[0], &t);
        for (uint32_t i = 0; i < t.n; i++) {
            char b[512];
            vec_push(&names, intern(&p->strings, pt_node_name(p, t.v[i], b, sizeof b)));
        }
        idset_free(&t);
        text = name_set(p, names.data, names.len, "pts ");
    } else if (!strcmp(name, "locks")) {
        for (uint32_t i = 0; i < st->held.n; i++) {
            const LockRef *l = &p->lock.refs.data[st->held.v[i]];
            if (l->mode == LMODE_ONCE_INIT || l->mode == LMODE_ONCE_DONE) continue;
            char b[600];
            snprintf(b, sizeof b, "%s%s", l->spelling, l->mode == LMODE_SHARED ? " (shared)" : "");
            vec_push(&names, intern(&p->strings, b));
        }
        text = name_set(p, names.data, names.len, "locks ");
    } else if (!strcmp(name, "threads")) {
        for (uint32_t i = 0; i < st->live.n; i++) vec_push(&names, thread_name(p, st->live.v[i]));
        char prefix[300];
        snprintf(prefix, sizeof prefix, "thread %s live ", thread_name(p, thread));
        text = name_set(p, names.data, names.len, prefix);
    }
    vec_free(&names);
    if (!text) return;
    for (size_t i = 0; i < p->tm.debug_notes.len; i++)
        if (p->tm.debug_notes.data[i].text == text && p->tm.debug_notes.data[i].loc.line == ev->loc.line &&
            p->tm.debug_notes.data[i].loc.col == ev->loc.col && p->tm.debug_notes.data[i].loc.file == ev->loc.file)
            return;
    DebugNote n = {{ev->loc.file, ev->loc.line, ev->loc.col}, text};
    vec_push(&p->tm.debug_notes, n);
}

int debug_note_cmp(const void *a, const void *b) {
    const DebugNote *x = a, *y = b;
    int c = srcloc_cmp(&x->loc, &y->loc);
    return c ? c : strcmp(x->text, y->text);
}
