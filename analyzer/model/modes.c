/*
 * modes.c - mode variables: what a thread knows of a global it has tested
 * against a constant, until it could see another thread's store.
 *
 * redis's I/O threads run `if (io_threads_op == IO_THREADS_OP_READ)
 * readQueryFromClient(c->conn);`, and deep below, processInputBuffer()
 * executes a command only `if (io_threads_op == IO_THREADS_OP_IDLE)`: in an
 * I/O thread that edge is dead, so the command code below it is not the I/O
 * threads' (without this every command "runs" in every I/O thread).
 *
 * A mode variable is a global (or a field of one, through fields only,
 * not _Atomic, not volatile) that some branch compares with a constant
 * (`==`, `!=`, a truth test). The per-thread pass keeps, per path, the facts
 * `G == c` and `G != c` its branches established (FlowState.modes, a
 * must-set): a branch whose outcome the facts decide has one feasible edge.
 * A fact ends where the thread
 *   - stores into G (an assignment, a read-modify-write; through a call:
 *     the callee or a function it calls stores into G, modes_after_call);
 *   - synchronises: a lock or trylock, a condition-variable, semaphore or
 *     barrier wait, a join, a once, an atomic read or read-modify-write that
 *     is not relaxed (directly, or in a callee).
 * Between two of its own synchronisations a thread can see another thread's
 * store into G only through a data race on G, which the data-race rule
 * reports: the facts hold in every execution without such a race
 * (ASSUMPTION, the one every analysis that trusts locks makes).
 * Stores through pointers count where points-to says they may reach G, and
 * so does any pointer to G handed to the C library or unknown code.
 * PRECISION: values outside 32 bits make no facts.
 */
#include "flow.h"

#include <stdlib.h>
#include <string.h>

typedef struct ModeFact {
    uint32_t mode; /* index into ModeFacts.nodes */
    int32_t value;
    bool eq;       /* G == value (else G != value) */
} ModeFact;

struct ModeFacts {
    IdSet nodes;          /* the mode variables' nodes, sorted */
    IdSet objs;           /* their objects (a quick test before hits) */
    VEC(ModeFact) facts;  /* interned facts; a fact id indexes it */
    U64Map fact_ids;      /* mode << 33 | eq << 32 | (uint32_t)value -> id + 1 */
    U64Map loc_cache;     /* path address -> mode index + 1 (0: none) */
    U64Map ev_cache;      /* event address -> event_modes' answer */
    IdSet *writes;        /* by func: the modes it or its callees store into */
    IdSet *tested;        /* by func: the modes it or its callees test */
    uint8_t *syncs;       /* by func: it or a callee may synchronise */
    size_t nfuncs;
};

static int mode_index(const ModeFacts *m, uint32_t n) {
    uint32_t i = idset_index(&m->nodes, n);
    return i < m->nodes.n && m->nodes.v[i] == n ? (int)i : -1;
}

/* The node of a global path reached through fields only, UINT32_MAX for
 * anything else (also a global that may change under the thread: _Atomic,
 * volatile, a library's hidden state). */
static uint32_t mode_node(Program *p, uint32_t func, const IrPath *path) {
    if (path->root != IR_ROOT_GLOBAL || !path->usr) return UINT32_MAX;
    for (uint32_t i = 0; i < path->nsteps; i++)
        if (path->steps[i].kind != IR_STEP_FIELD) return UINT32_MAX;
    const Global *g = program_global(p, path->usr);
    if (!g || (g->flags & (IR_GLOBAL_ATOMIC | IR_GLOBAL_HIDDEN_STATE)) || (g->type && strstr(g->type, "volatile")))
        return UINT32_MAX;
    IdSet t = {0};
    pt_resolve_path(p, func, path, &t);
    uint32_t n = t.n == 1 ? pt_rep(p, t.v[0]) : UINT32_MAX;
    idset_free(&t);
    return n != UINT32_MAX && model_node_names(p, n, path) ? n : UINT32_MAX;
}

/* Does a store into location t reach node n: n itself, an object
 * enclosing it (a whole-struct store), or any node of n's object when that
 * is field-insensitive? */
static bool hits(const Program *p, uint32_t t, uint32_t n) {
    const Node *nd = &p->pt.nodes.data[n];
    if (p->pt.nodes.data[t].obj != nd->obj) return false;
    if (p->pt.objs.data[nd->obj].collapsed) return true;
    for (uint32_t x = n; x != UINT32_MAX; x = p->pt.nodes.data[x].parent)
        if (x == t) return true;
    return false;
}

/* The modes locations s may store into: added to out. */
static void modes_hit(Program *p, const ModeFacts *m, const IdSet *s, IdSet *out) {
    for (uint32_t i = 0; i < s->n; i++) {
        uint32_t t = pt_rep(p, s->v[i]);
        if (!idset_has(&m->objs, p->pt.nodes.data[t].obj)) continue;
        for (uint32_t k = 0; k < m->nodes.n; k++)
            if (hits(p, t, m->nodes.v[k])) idset_add(out, k);
    }
}

/* The modes event ev may store into (a store, also through a pointer; a
 * call of the C library or of unknown code through the pointers it is
 * handed; a call of the program is modes_after_call's): cached by the
 * event's address as mode + 1, 0 for none, UINT64_MAX for several. */
static uint64_t event_modes(Program *p, uint32_t func, const IrEvent *ev) {
    ModeFacts *m = p->tm.modes;
    uint64_t v, key = (uint64_t)(uintptr_t)ev;
    if (u64map_get(&m->ev_cache, key, &v)) return v;
    IdSet t = {0}, out = {0};
    if (ev->kind == IR_EV_ASSIGN || ev->kind == IR_EV_WRITE) {
        if (!((ev->path.root == IR_ROOT_LOCAL || ev->path.root == IR_ROOT_TEMP) && !ev->path.nsteps))
            pt_resolve_path(p, func, &ev->path, &t);
    } else if (ev->kind == IR_EV_CALL && ev->call) {
        const CallInfo *ci = program_call(p, ev);
        if (!ci || (ci->kind != CALL_INTERNAL && ci->kind != CALL_INDIRECT))
            for (uint32_t a = 0; a < ev->call->nargs; a++) pt_operand_targets(p, func, &ev->call->args[a], &t);
    }
    modes_hit(p, m, &t, &out);
    v = !out.n ? 0 : out.n == 1 ? (uint64_t)out.v[0] + 1 : UINT64_MAX;
    idset_free(&t);
    idset_free(&out);
    u64map_put(&m->ev_cache, key, v);
    return v;
}

/* The mode a path names (cached by the path's address), -1 for none. */
static int mode_of(Program *p, uint32_t func, const IrPath *path) {
    ModeFacts *m = p->tm.modes;
    if (!m || path->root != IR_ROOT_GLOBAL) return -1;
    uint64_t v, key = (uint64_t)(uintptr_t)path;
    if (u64map_get(&m->loc_cache, key, &v)) return (int)v - 1;
    uint32_t n = mode_node(p, func, path);
    int mi = n == UINT32_MAX ? -1 : mode_index(m, n);
    u64map_put(&m->loc_cache, key, (uint64_t)(mi + 1));
    return mi;
}

/* Is the branch a test of a global against a constant that fits the facts? */
static bool mode_branch(const IrTerm *t) {
    return t->kind == IR_TERM_BRANCH && (t->cmp == IR_CMP_EQ || t->cmp == IR_CMP_NE) &&
           t->cond.kind == IR_OPD_VALUE && !t->cond.offset && t->cond.path.root == IR_ROOT_GLOBAL &&
           t->rhs >= INT32_MIN && t->rhs <= INT32_MAX;
}

/* May the API call synchronise (see the file header)? */
static bool api_syncs(const Program *p, const IrEvent *ev, const ApiModel *m) {
    switch (m->kind) {
    case API_LOCK: case API_TRYLOCK: case API_COND_WAIT: case API_SEM_WAIT: case API_BARRIER_WAIT:
    case API_JOIN: case API_ONCE:
        return true;
    case API_ATOMIC:
        return m->access != ATOMIC_WRITE && !model_atomic_relaxed(p, ev, m);
    case API_FENCE:
        return true;
    default:
        return false;
    }
}

bool *model_returning_blocks(const IrFunc *f) {
    bool *can = xcalloc(f->nblocks ? f->nblocks : 1, 1);
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t b = f->nblocks; b-- > 0;) {
            if (can[b]) continue;
            const IrBlock *bb = &f->blocks[b];
            bool r = bb->term.kind == IR_TERM_RETURN;
            for (uint32_t s = 0; s < bb->nsucc && !r; s++) r = bb->succ[s] < f->nblocks && can[bb->succ[s]];
            if (r) can[b] = changed = true;
        }
    }
    return can;
}

void modes_build(Program *p) {
    size_t nf = p->link.funcs.len;
    IdSet nodes = {0};
    for (size_t f = 0; f < nf; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
        if (!p->link.funcs.data[f].reachable) continue;
        for (uint32_t b = 0; b < ir->nblocks; b++) {
            const IrTerm *t = &ir->blocks[b].term;
            if (ir->blocks[b].nsucc != 2 || !mode_branch(t)) continue;
            uint32_t n = mode_node(p, (uint32_t)f, &t->cond.path);
            if (n != UINT32_MAX) idset_add(&nodes, n);
        }
    }
    if (!nodes.n) return;
    ModeFacts *m = xcalloc(1, sizeof *m);
    m->nodes = nodes;
    for (uint32_t k = 0; k < nodes.n; k++) idset_add(&m->objs, p->pt.nodes.data[nodes.v[k]].obj);
    m->nfuncs = nf;
    m->writes = xcalloc(nf ? nf : 1, sizeof(IdSet));
    m->tested = xcalloc(nf ? nf : 1, sizeof(IdSet));
    m->syncs = xcalloc(nf ? nf : 1, 1);
    p->tm.modes = m;
    /* what each function does itself on paths that return, and the
     * functions it calls there ... */
    IdSet *callees = xcalloc(nf ? nf : 1, sizeof(IdSet)), *below = xcalloc(nf ? nf : 1, sizeof(IdSet));
    for (size_t f = 0; f < nf; f++) {
        const IrFunc *ir = p->link.funcs.data[f].ir;
        if (!p->link.funcs.data[f].reachable) continue;
        bool *can = model_returning_blocks(ir);
        for (uint32_t b = 0; b < ir->nblocks; b++) {
            const IrTerm *t = &ir->blocks[b].term;
            if (ir->blocks[b].nsucc == 2 && mode_branch(t)) {
                int mi = mode_of(p, (uint32_t)f, &t->cond.path);
                if (mi >= 0) idset_add(&m->tested[f], (uint32_t)mi);
            }
            if (!can[b]) continue;
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const IrEvent *ev = &ir->blocks[b].events[e];
                uint64_t w = event_modes(p, (uint32_t)f, ev);
                if (w == UINT64_MAX)
                    for (uint32_t k = 0; k < m->nodes.n; k++) idset_add(&m->writes[f], k);
                else if (w)
                    idset_add(&m->writes[f], (uint32_t)(w - 1));
                if (ev->kind != IR_EV_CALL || !ev->call) continue;
                const CallInfo *ci = program_call(p, ev);
                if (ci && ci->kind == CALL_API && api_syncs(p, ev, ci->api)) m->syncs[f] = 1;
                if (ci && (ci->kind == CALL_INTERNAL || ci->kind == CALL_INDIRECT)) idset_union(&callees[f], &ci->targets);
            }
        }
        /* what it tests below: through every call, also on paths that do not return */
        for (uint32_t b = 0; b < ir->nblocks; b++)
            for (uint32_t e = 0; e < ir->blocks[b].nevents; e++) {
                const IrEvent *ev = &ir->blocks[b].events[e];
                const CallInfo *ci = ev->kind == IR_EV_CALL && ev->call ? program_call(p, ev) : NULL;
                if (ci) idset_union(&below[f], &ci->targets);
            }
        free(can);
    }
    /* ... and with those callees */
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t f = 0; f < nf; f++)
            for (uint32_t k = 0; k < callees[f].n; k++) {
                uint32_t g = callees[f].v[k];
                changed |= idset_union(&m->writes[f], &m->writes[g]);
                if (m->syncs[g] && !m->syncs[f]) {
                    m->syncs[f] = 1;
                    changed = true;
                }
            }
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t f = 0; f < nf; f++)
            for (uint32_t k = 0; k < below[f].n; k++) changed |= idset_union(&m->tested[f], &m->tested[below[f].v[k]]);
    }
    for (size_t f = 0; f < nf; f++) {
        idset_free(&callees[f]);
        idset_free(&below[f]);
    }
    free(callees);
    free(below);
}

void modes_context_key(const Program *p, uint32_t callee, const IdSet *facts, IdSet *out) {
    const ModeFacts *m = p->tm.modes;
    out->n = 0;
    if (!m || callee >= m->nfuncs) return;
    for (uint32_t i = 0; i < facts->n; i++)
        if (idset_has(&m->tested[callee], m->facts.data[facts->v[i]].mode)) idset_add(out, facts->v[i]);
}

void modes_free(Program *p) {
    ModeFacts *m = p->tm.modes;
    if (!m) return;
    idset_free(&m->nodes);
    vec_free(&m->facts);
    u64map_free(&m->fact_ids);
    u64map_free(&m->loc_cache);
    u64map_free(&m->ev_cache);
    idset_free(&m->objs);
    for (size_t f = 0; f < m->nfuncs; f++) {
        idset_free(&m->writes[f]);
        idset_free(&m->tested[f]);
    }
    free(m->writes);
    free(m->tested);
    free(m->syncs);
    free(m);
    p->tm.modes = NULL;
}

static uint32_t fact_id(ModeFacts *m, uint32_t mode, int32_t value, bool eq) {
    uint64_t v, key = (uint64_t)mode << 33 | (uint64_t)eq << 32 | (uint32_t)value;
    if (u64map_get(&m->fact_ids, key, &v)) return (uint32_t)v - 1;
    vec_push(&m->facts, ((ModeFact){mode, value, eq}));
    u64map_put(&m->fact_ids, key, m->facts.len);
    return (uint32_t)m->facts.len - 1;
}

/* Forget the facts of mode mi (every mode: mi < 0). */
static void forget(const ModeFacts *m, IdSet *facts, int mi) {
    uint32_t k = 0;
    for (uint32_t i = 0; i < facts->n; i++)
        if (mi >= 0 && m->facts.data[facts->v[i]].mode != (uint32_t)mi) facts->v[k++] = facts->v[i];
    facts->n = k;
}

bool modes_edge(Program *p, uint32_t func, const IrTerm *t, bool taken, IdSet *facts) {
    ModeFacts *m = p->tm.modes;
    if (!m || !mode_branch(t)) return true;
    int mi = mode_of(p, func, &t->cond.path);
    if (mi < 0) return true;
    int32_t c = (int32_t)t->rhs;
    bool eq = (t->cmp == IR_CMP_EQ) == taken; /* on this edge G == c (else G != c) */
    for (uint32_t i = 0; i < facts->n; i++) {
        const ModeFact *x = &m->facts.data[facts->v[i]];
        if (x->mode != (uint32_t)mi) continue;
        if (eq && ((x->eq && x->value != c) || (!x->eq && x->value == c))) return false;
        if (!eq && x->eq && x->value == c) return false;
    }
    if (eq) forget(m, facts, mi);
    idset_add(facts, fact_id(m, (uint32_t)mi, c, eq));
    return true;
}

void modes_event(Program *p, uint32_t func, const IrEvent *ev, IdSet *facts) {
    ModeFacts *m = p->tm.modes;
    if (!m || !facts->n) return;
    uint64_t w = event_modes(p, func, ev);
    if (w) forget(m, facts, w == UINT64_MAX ? -1 : (int)(w - 1));
    if (ev->kind == IR_EV_CALL && ev->call && facts->n) {
        const CallInfo *ci = program_call(p, ev);
        if (ci && ci->kind == CALL_API && api_syncs(p, ev, ci->api)) facts->n = 0;
    }
}

void modes_after_call(Program *p, const CallInfo *ci, IdSet *facts) {
    ModeFacts *m = p->tm.modes;
    if (!m || !facts->n) return;
    if (ci->kind == CALL_INDIRECT && !ci->targets.n) {
        facts->n = 0; /* a call racecheck cannot resolve may store anything */
        return;
    }
    for (uint32_t k = 0; k < ci->targets.n && facts->n; k++) {
        uint32_t g = ci->targets.v[k];
        if (m->syncs[g]) {
            facts->n = 0;
            return;
        }
        for (uint32_t i = 0; i < m->writes[g].n; i++) forget(m, facts, (int)m->writes[g].v[i]);
    }
}
