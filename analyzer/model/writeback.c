/*
 * writeback.c - reads whose value is written back (facts.h, "read, then
 * write back"), for the atomicity-violation rule: which writes take their
 * value from the value a read returned, or are reached only through a test
 * of it, and whether a lock held at the read is released on the way.
 *
 * Model. A taint dataflow over one function's CFG, from one source: a read
 * event (the value it loads), an atomic load call (its result), a call of
 * a getter (its result) or a parameter (a setter's argument). The tainted
 * set holds bare locals and temporaries (ir.h: a path without steps); it
 * is a may-set (union at merges, a strong update at each store to a bare
 * variable), iterated to its fixpoint in reverse post-order. Arithmetic is
 * not in the IR (`x = t + 1` is READ t, WRITE x, ASSIGN x := <unknown>), so
 * an unknown value depends on the reads of its expression: the events
 * since the last store or statement-level call of the block (the
 * *window*). A value read through a tainted pointer (`old->next`) counts
 * as computed from it (the lock-free pop).
 *
 * Control dependence: on the CFG of one loop iteration (the back edges of
 * a depth-first search removed, each block left without a successor tied
 * to a virtual exit), a block is control dependent on a branch when it
 * post-dominates one of the branch's successors but not the branch
 * (Ferrante-Ottenstein-Warren, with Cooper-Harvey-Kennedy's intersection on
 * the post-dominator tree), closed over nested branches. Cutting the back
 * edges keeps `for (;;) { lock; if (x == 0) { ..; x = 1; } unlock; }`
 * dependent (a worker loop never reaches the exit) and makes the write
 * after `while (!flag) ;` dependent on the loop's test.
 *
 * Joining functions: a getter's return value taints the result of each of
 * its calls (callers of callers too: two levels), and a tainted argument
 * taints the callee's parameter (one level, the setter's own writes).
 *
 * Exact copies: beside the taint, a must-set (intersection at merges) of
 * the bare variables that hold the very value the source returned in its
 * latest execution (`v = x`, `t = atomic_load(&x)`, a getter's result when
 * the getter returns its read on every path), cleared at the source. A
 * branch testing a copy against a constant says what the value read was
 * on each edge: a store of the constant a test found missing is
 * idempotent (reached_when_missing), facts_write_back_tested says what a
 * write-back's read is known to be (a constant, or not that constant), and
 * facts_write_guard which test a write is made under. A branch whose other
 * side only ends the program (an assertion) makes no control dependence.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

/* PRECISION: at most this many callers of a getter, targets of a setter
 * call and levels of getters are followed. */
enum { WB_MAX_CALLERS = 16, WB_MAX_TARGETS = 8, WB_MAX_GETTER_DEPTH = 2, WB_MAX_ROUNDS = 64 };

typedef struct Sink {
    IrEventId ev;      /* the write (or the call of a setter, with callee) */
    bool control;
    bool setter;       /* a call: the callee's writes */
    uint32_t arg;      /* setter, data: the tainted argument */
    IrEventId call;    /* setter: the call */
    bool missing;      /* setter, control: the test found the constant `absent` missing */
    int64_t absent;    /* (its stores of that constant are idempotent) */
} Sink;

typedef struct Run {
    const Program *p;
    uint32_t func;
    const IrFunc *f;
    const IrDefUse *du;
    /* the source */
    bool from_param;
    uint32_t param;
    IrEventId src;
    const IrPath *srcpath;  /* a READ source: the path read (a value read through it is the value) */
    const IrPath *objpath;  /* the object read, for the re-validating RMW (NULL: none) */
    /* state */
    uint32_t words;
    uint64_t *in;           /* per block, words each */
    uint64_t *cur;
    bool win, fresh, pending;
    IrEventId pending_write;
    bool collect;
    /* results (collect pass) */
    bool returns;
    VEC(Sink) sinks;
    VEC(IrEventId) rmws;    /* atomic read-modify-writes of objpath */
    uint8_t *branch;        /* per block: 1 its branch tests a tainted value, 2 and directly */
    /* exact copies of the value read (copy_on: facts_write_back_tested and
     * the idempotent stores): a must-set of bare variables holding the value
     * the source returned in this execution of it, intersected at merges */
    bool copy_on, src_copy; /* src_copy: a getter source returns an exact copy of its read */
    bool fresh_copy;        /* the source READ's value is what srcpath holds now */
    bool copy_stale;        /* the fixpoint was cut short: no copies are claimed */
    uint64_t *cin, *ccur;
    uint8_t *cvis;          /* per block: reached, cin[b] meaningful */
    uint8_t *copy_branch;   /* per block: its branch tests an exact copy */
    bool ret_any, ret_copy; /* reached returns: any with a value; all of an exact copy */
} Run;

static int64_t var_of(const IrFunc *f, const IrPath *p) {
    if (p->nsteps) return -1;
    if (p->root == IR_ROOT_LOCAL) return p->id < f->nlocals ? (int64_t)p->id : -1;
    if (p->root == IR_ROOT_TEMP) return p->id < f->ntemps ? (int64_t)f->nlocals + p->id : -1;
    return -1;
}

static bool bit(const Run *r, int64_t v) {
    return v >= 0 && (r->cur[v / 64] >> (v % 64) & 1);
}

static void set_bit(Run *r, int64_t v, bool on) {
    if (v < 0) return;
    if (on) r->cur[v / 64] |= 1ull << (v % 64);
    else r->cur[v / 64] &= ~(1ull << (v % 64));
}

/* The root variable of a path (with or without steps), or -1. */
static int64_t root_var(const IrFunc *f, const IrPath *p) {
    IrPath bare = *p;
    bare.nsteps = 0;
    return var_of(f, &bare);
}

/* Is the operand's value computed from the source? */
static bool op_tainted(const Run *r, const IrOperand *op, bool addr_ok) {
    switch (op->kind) {
    case IR_OPD_UNKNOWN:
        if (r->win) return true;
        /* arithmetic of a tainted variable (`t + 1`, t a temporary the
         * source's value was read into) */
        for (uint32_t i = 0; i < ir_operand_narith(op); i++) {
            const IrArith *t = &op->arith[i];
            if ((t->kind == IR_ARITH_LOCAL && t->local < r->f->nlocals && bit(r, t->local)) ||
                (t->kind == IR_ARITH_TEMP && t->local < r->f->ntemps && bit(r, (int64_t)r->f->nlocals + t->local)))
                return true;
        }
        return false;
    case IR_OPD_VALUE:
        if (bit(r, root_var(r->f, &op->path))) return true;
        return r->fresh && r->srcpath && ir_path_has_prefix(&op->path, r->srcpath);
    case IR_OPD_ADDR: return addr_ok && !op->path.nsteps && bit(r, var_of(r->f, &op->path));
    default: return false;
    }
}

/* ---- exact copies ------------------------------------------------------------------ */

static bool cbit(const Run *r, int64_t v) {
    return v >= 0 && (r->ccur[v / 64] >> (v % 64) & 1);
}

/* A variable that can hold a copy: bare, its address never taken (a
 * store through a pointer would change it unseen). */
static void set_cbit(Run *r, int64_t v, bool on) {
    if (v < 0) return;
    if (on && v < r->f->nlocals && (r->f->locals[v].flags & IR_LOCAL_ADDR_TAKEN)) on = false;
    if (on) r->ccur[v / 64] |= 1ull << (v % 64);
    else r->ccur[v / 64] &= ~(1ull << (v % 64));
}

/* Is the operand's value exactly the value the source returned (not
 * computed from it: `v`, `tmp`, the location itself right after the
 * source read it)? PRECISION: conversions are not in the IR; a narrowing
 * one (`char c = x`) is taken for a copy. */
static bool op_copy(const Run *r, const IrOperand *op) {
    if (!r->copy_on || op->kind != IR_OPD_VALUE || op->offset || op->record) return false;
    int64_t v = var_of(r->f, &op->path);
    if (v >= 0) return cbit(r, v);
    return r->fresh_copy && r->srcpath && ir_path_equal(&op->path, r->srcpath);
}

static bool is_source(const Run *r, uint32_t b, uint32_t i) {
    return !r->from_param && r->src.block == b && r->src.index == i;
}

static void add_sink(Run *r, Sink s) {
    if (r->collect) vec_push(&r->sinks, s);
}

/* A write to this path is a candidate write-back (bare locals and temps are
 * the taint's carriers, shared only when their address escaped). */
static bool sink_path(const IrFunc *f, const IrPath *p) {
    if (p->nsteps || p->root == IR_ROOT_GLOBAL) return p->root != IR_ROOT_STRING;
    return p->root == IR_ROOT_LOCAL && p->id < f->nlocals && (f->locals[p->id].flags & IR_LOCAL_ADDR_TAKEN);
}

static const ApiModel *atomic_api(const Program *p, const IrEvent *ev) {
    const CallInfo *ci = program_call(p, ev);
    return ci && ci->kind == CALL_API && api_atomic_access(ci->api) ? ci->api : NULL;
}

/* A call of program functions whose targets are known (not guessed by arity). */
static bool program_callee_known(const Program *p, const IrEvent *ev) {
    const CallInfo *ci = program_call(p, ev);
    return ci && (ci->kind == CALL_INTERNAL || (ci->kind == CALL_INDIRECT && !ci->fallback)) && ci->targets.n;
}

static void reset_window(Run *r) {
    r->win = r->fresh = r->pending = r->fresh_copy = false;
}

static void step_call(Run *r, uint32_t b, uint32_t i, const IrEvent *ev) {
    const IrCall *c = ev->call;
    bool result = false, copy = false;
    if (r->copy_on) {
        /* a variable whose address is passed may be stored to */
        for (uint32_t k = 0; k < c->nargs; k++)
            if (c->args[k].kind == IR_OPD_ADDR) set_cbit(r, var_of(r->f, &c->args[k].path), false);
    }
    if (is_source(r, b, i)) {
        result = true;
        const ApiModel *am = atomic_api(r->p, ev);
        if (r->copy_on) {
            /* copies of an earlier execution of the source are stale now */
            memset(r->ccur, 0, r->words * sizeof(uint64_t));
            copy = am ? am->access == ATOMIC_READ : r->src_copy;
        }
        /* __atomic_load(&x, &v, order): the value goes to v (the builtins'
         * arguments come as the AST has them: object, order, then the rest) */
        const IrOperand *last = c->nargs >= 2 ? &c->args[c->nargs - 1] : NULL;
        if (am && am->access == ATOMIC_READ && last && last->kind == IR_OPD_ADDR)
            set_bit(r, var_of(r->f, &last->path), true);
    } else {
        const ApiModel *am = atomic_api(r->p, ev);
        bool any = false;
        for (uint32_t k = 0; k < c->nargs; k++) {
            bool t = op_tainted(r, &c->args[k], true);
            any |= t;
            if (!t || am) continue;
            if (program_callee_known(r->p, ev)) add_sink(r, (Sink){{b, i}, false, true, k, {b, i}, false, 0});
        }
        if (am && am->access == ATOMIC_WRITE) {
            bool t = false;
            for (uint32_t k = 0; k < c->nargs; k++)
                if ((int)k != am->object) t |= op_tainted(r, &c->args[k], true);
            if (t) add_sink(r, (Sink){{b, i}, false, false, 0, {0, 0}, false, 0});
        } else if (am && am->access == ATOMIC_RMW && r->collect && r->objpath && am->object >= 0 &&
                   (uint32_t)am->object < c->nargs && c->args[am->object].kind == IR_OPD_ADDR &&
                   ir_path_equal(&c->args[am->object].path, r->objpath)) {
            vec_push(&r->rmws, ((IrEventId){b, i}));
        }
        result = any && !(am && am->access == ATOMIC_READ);
    }
    if (c->result >= 0 && (uint32_t)c->result < r->f->ntemps) {
        set_bit(r, (int64_t)r->f->nlocals + (uint32_t)c->result, result);
        if (r->copy_on) set_cbit(r, (int64_t)r->f->nlocals + (uint32_t)c->result, copy);
        r->win |= result;
    } else {
        reset_window(r); /* a call as a statement */
    }
}

/* One event of block b at index i. */
static void step(Run *r, uint32_t b, uint32_t i) {
    const IrBlock *bb = &r->f->blocks[b];
    const IrEvent *ev = &bb->events[i];
    switch (ev->kind) {
    case IR_EV_READ:
        if (is_source(r, b, i)) {
            r->win = r->fresh = true;
            if (r->copy_on) {
                memset(r->ccur, 0, r->words * sizeof(uint64_t)); /* stale copies */
                r->fresh_copy = true;
            }
        } else {
            if (bit(r, root_var(r->f, &ev->path))) r->win = true;
            /* another read of the location: its value may be another one */
            if (r->srcpath && ir_path_equal(&ev->path, r->srcpath)) r->fresh_copy = false;
        }
        break;
    case IR_EV_WRITE: {
        const IrEvent *next = i + 1 < bb->nevents ? &bb->events[i + 1] : NULL;
        if (!(ev->flags & IR_EV_RMW) && next && next->kind == IR_EV_ASSIGN && ir_path_equal(&next->path, &ev->path)) {
            r->pending = true;
            r->pending_write = (IrEventId){b, i};
            break;
        }
        int64_t v = var_of(r->f, &ev->path);
        bool t = r->win;
        if (r->copy_on) set_cbit(r, v, false);
        if (v >= 0) set_bit(r, v, t || ((ev->flags & IR_EV_RMW) && bit(r, v)));
        else if (t && sink_path(r->f, &ev->path)) add_sink(r, (Sink){{b, i}, false, false, 0, {0, 0}, false, 0});
        reset_window(r);
        break;
    }
    case IR_EV_ASSIGN: {
        bool t = ev->src && op_tainted(r, ev->src, false);
        int64_t v = var_of(r->f, &ev->path);
        if (r->copy_on) set_cbit(r, v, ev->src && op_copy(r, ev->src));
        if (v >= 0) set_bit(r, v, t);
        else if (t && r->pending && sink_path(r->f, &ev->path)) add_sink(r, (Sink){r->pending_write, false, false, 0, {0, 0}, false, 0});
        reset_window(r);
        break;
    }
    case IR_EV_CALL:
        if (ev->call) step_call(r, b, i, ev);
        break;
    default: break;
    }
}

/* Run block b from r->in[b] into r->cur; returns through cur. */
static void run_block(Run *r, uint32_t b) {
    memcpy(r->cur, r->in + (size_t)b * r->words, r->words * sizeof(uint64_t));
    bool reached = r->copy_on && r->cvis[b];
    if (r->copy_on) {
        if (reached) memcpy(r->ccur, r->cin + (size_t)b * r->words, r->words * sizeof(uint64_t));
        else memset(r->ccur, 0, r->words * sizeof(uint64_t));
    }
    reset_window(r);
    const IrBlock *bb = &r->f->blocks[b];
    for (uint32_t i = 0; i < bb->nevents; i++) step(r, b, i);
    if (!r->collect) return;
    const IrTerm *t = &bb->term;
    if (t->kind == IR_TERM_BRANCH) {
        bool direct = t->cond.kind == IR_OPD_VALUE && op_tainted(r, &t->cond, false);
        if (direct || (t->cond.kind == IR_OPD_UNKNOWN && r->win)) r->branch[b] = direct ? 2 : 1;
        if (reached && !r->copy_stale && op_copy(r, &t->cond)) r->copy_branch[b] = 1;
    } else if (t->kind == IR_TERM_SWITCH && r->win) {
        r->branch[b] = 1;
    } else if (t->kind == IR_TERM_RETURN) {
        if (op_tainted(r, &t->ret, false)) r->returns = true;
        if (reached && t->ret.kind != IR_OPD_UNKNOWN) {
            r->ret_copy = (r->ret_any ? r->ret_copy : true) && !r->copy_stale && op_copy(r, &t->ret);
            r->ret_any = true;
        }
    }
}

static void run_init(Run *r, const Program *p, uint32_t func) {
    memset(r, 0, sizeof *r);
    r->p = p;
    r->func = func;
    r->f = p->link.funcs.data[func].ir;
    r->du = model_defuse(p, r->f);
    uint32_t nvars = r->f->nlocals + r->f->ntemps;
    r->words = nvars / 64 + 1;
    r->copy_on = true;
}

static void run_free(Run *r) {
    free(r->in);
    free(r->cur);
    free(r->branch);
    free(r->cin);
    free(r->ccur);
    free(r->cvis);
    free(r->copy_branch);
    vec_free(&r->sinks);
    vec_free(&r->rmws);
}

/* The fixpoint, then one collecting pass. */
static void run_solve(Run *r) {
    const IrFunc *f = r->f;
    r->in = xcalloc((size_t)f->nblocks * r->words + 1, sizeof(uint64_t));
    r->cur = xcalloc(r->words, sizeof(uint64_t));
    r->branch = xcalloc(f->nblocks + 1, 1);
    if (r->from_param && f->nblocks) r->in[r->param / 64] |= 1ull << (r->param % 64);
    if (r->copy_on) {
        r->cin = xcalloc((size_t)f->nblocks * r->words + 1, sizeof(uint64_t));
        r->ccur = xcalloc(r->words, sizeof(uint64_t));
        r->cvis = xcalloc(f->nblocks + 1, 1);
        r->copy_branch = xcalloc(f->nblocks + 1, 1);
        if (f->nblocks) r->cvis[0] = 1; /* the entry: no copy yet */
    }
    const uint32_t *order = ir_defuse_block_order(r->du);
    bool changed = true;
    for (int round = 0; changed && round < WB_MAX_ROUNDS; round++) {
        changed = false;
        for (uint32_t k = 0; k < f->nblocks; k++) {
            uint32_t b = order[k];
            run_block(r, b);
            const IrBlock *bb = &f->blocks[b];
            for (uint32_t s = 0; s < bb->nsucc; s++) {
                uint64_t *in = r->in + (size_t)bb->succ[s] * r->words;
                for (uint32_t w = 0; w < r->words; w++)
                    if ((in[w] | r->cur[w]) != in[w]) in[w] |= r->cur[w], changed = true;
                if (!r->copy_on || !r->cvis[b]) continue;
                /* copies: a must-set, the first visit sets it, later ones intersect */
                uint32_t x = bb->succ[s];
                uint64_t *cin = r->cin + (size_t)x * r->words;
                if (!r->cvis[x]) {
                    memcpy(cin, r->ccur, r->words * sizeof(uint64_t));
                    r->cvis[x] = 1;
                    changed = true;
                    continue;
                }
                for (uint32_t w = 0; w < r->words; w++)
                    if ((cin[w] & r->ccur[w]) != cin[w]) cin[w] &= r->ccur[w], changed = true;
            }
        }
    }
    r->copy_stale = changed; /* cut short: the must-set may still be too large */
    r->collect = true;
    for (uint32_t b = 0; b < f->nblocks; b++) run_block(r, b);
}

/* ---- paths inside one function ------------------------------------------------------ */

/* Is there a path from just after event `from` to event `to` that does not
 * pass event `avoid` (from == avoid: does not come back to it)? */
static bool reach_avoid_edge(const IrFunc *f, IrEventId from, IrEventId to, IrEventId avoid, uint32_t eb, uint32_t es);

static bool reach_avoid(const IrFunc *f, IrEventId from, IrEventId to, IrEventId avoid) {
    return reach_avoid_edge(f, from, to, avoid, UINT32_MAX, UINT32_MAX);
}

/* The same, not along the edge eb -> es either (eb UINT32_MAX: none). */
static bool reach_avoid_edge(const IrFunc *f, IrEventId from, IrEventId to, IrEventId avoid, uint32_t eb, uint32_t es) {
    if (from.block == to.block && to.index > from.index &&
        !(avoid.block == from.block && avoid.index > from.index && avoid.index < to.index))
        return true;
    if (avoid.block == from.block && avoid.index > from.index) return false;
    uint8_t *seen = xcalloc(f->nblocks + 1, 1);
    uint32_t *stack = xmalloc((f->nblocks + 1) * sizeof(uint32_t));
    size_t n = 0;
    bool found = false;
    const IrBlock *fb = &f->blocks[from.block];
    for (uint32_t s = 0; s < fb->nsucc; s++)
        if (!seen[fb->succ[s]] && !(from.block == eb && fb->succ[s] == es)) seen[fb->succ[s]] = 1, stack[n++] = fb->succ[s];
    while (n && !found) {
        uint32_t b = stack[--n];
        bool blocked = b == avoid.block;
        if (b == to.block && (!blocked || avoid.index >= to.index)) found = true;
        if (blocked) continue;
        const IrBlock *bb = &f->blocks[b];
        for (uint32_t s = 0; s < bb->nsucc; s++)
            if (!seen[bb->succ[s]] && !(b == eb && bb->succ[s] == es)) seen[bb->succ[s]] = 1, stack[n++] = bb->succ[s];
    }
    free(seen);
    free(stack);
    return found;
}

/* ---- one loop iteration ----------------------------------------------------------------- */

/* Depth-first search from the entry: each reached block's post-order rank
 * (UINT32_MAX: unreached), and the blocks in post-order in *post (nblocks
 * + 1 entries, malloc'd; may be NULL). An edge b -> s is a back edge when
 * s finishes after b; the others form the CFG of one loop iteration, a DAG
 * (DAG_EDGE). */
static uint32_t *dfs_ranks(const IrFunc *f, uint32_t **post_out, uint32_t *npost_out) {
    uint32_t nb = f->nblocks;
    uint32_t *rank = xmalloc((nb + 1) * sizeof(uint32_t));
    uint8_t *state = xcalloc(nb + 1, 1); /* 0 new, 1 on the stack, 2 done */
    uint32_t *stack = xmalloc((nb + 1) * sizeof(uint32_t)), *next = xcalloc(nb + 1, sizeof(uint32_t));
    uint32_t *post = xmalloc((nb + 1) * sizeof(uint32_t));
    uint32_t npost = 0, sp = 0;
    for (uint32_t b = 0; b <= nb; b++) rank[b] = UINT32_MAX;
    if (nb) {
        stack[sp++] = 0;
        state[0] = 1;
    }
    while (sp) {
        uint32_t b = stack[sp - 1];
        const IrBlock *bb = &f->blocks[b];
        if (next[b] < bb->nsucc) {
            uint32_t s = bb->succ[next[b]++];
            if (s < nb && !state[s]) state[s] = 1, stack[sp++] = s;
            continue;
        }
        state[b] = 2;
        rank[b] = npost;
        post[npost++] = b;
        sp--;
    }
    free(state);
    free(stack);
    free(next);
    if (post_out) *post_out = post, *npost_out = npost;
    else free(post);
    return rank;
}

#define DAG_EDGE(b, s) ((s) < nb && rank[s] != UINT32_MAX && rank[s] < rank[b])

/* Is there a path from just after `from` to `to` within one loop iteration
 * (no back edge)? */
static bool reach_dag(const IrFunc *f, const uint32_t *rank, IrEventId from, IrEventId to) {
    uint32_t nb = f->nblocks;
    if (from.block == to.block) return to.index > from.index;
    uint8_t *seen = xcalloc(nb + 1, 1);
    uint32_t *stack = xmalloc((nb + 1) * sizeof(uint32_t));
    size_t n = 0;
    bool found = false;
    stack[n++] = from.block;
    seen[from.block] = 1;
    while (n && !found) {
        uint32_t b = stack[--n];
        const IrBlock *bb = &f->blocks[b];
        for (uint32_t k = 0; k < bb->nsucc && !found; k++) {
            uint32_t x = bb->succ[k];
            if (!DAG_EDGE(b, x) || seen[x]) continue;
            seen[x] = 1;
            found = x == to.block;
            stack[n++] = x;
        }
    }
    free(seen);
    free(stack);
    return found;
}

/* From `from` to `to` not coming back to `from`: within one iteration when
 * rank is given (a control dependence is one iteration's), else along any
 * path. */
static bool reach(const IrFunc *f, const uint32_t *rank, IrEventId from, IrEventId to) {
    return rank ? reach_dag(f, rank, from, to) : reach_avoid(f, from, to, from);
}

/* ---- control dependence --------------------------------------------------------------- */

/* Per block of r's function: 0 not controlled, else 1 + the branch block
 * whose test (directly) controls it, with the edge in *edge (UINT32_MAX:
 * controlled through a nested branch). NULL when no branch is tainted. */
static uint32_t *controlled_blocks(const Run *r, uint32_t **edge_out) {
    const IrFunc *f = r->f;
    uint32_t nb = f->nblocks, exit = nb;
    bool any = false;
    for (uint32_t b = 0; b < nb && !any; b++) any = r->branch[b] != 0;
    if (!any) return NULL;
    uint32_t *post = NULL, npost = 0;
    uint32_t *rank = dfs_ranks(f, &post, &npost);
    uint32_t *ipdom = xmalloc((nb + 1) * sizeof(uint32_t));
    rank[exit] = UINT32_MAX; /* the virtual exit: above every block */
    /* the blocks that always end the program (an assertion's failure:
     * every path within the iteration reaches a noreturn call) are left
     * out of the post-dominators: after `assert(v != 0)` the program goes
     * on only one way, so what follows post-dominates the assertion and
     * stays dependent on the tests before it */
    uint8_t *dies = xcalloc(nb + 1, 1);
    for (uint32_t k = 0; k < npost; k++) {
        uint32_t b = post[k];
        const IrBlock *bb = &f->blocks[b];
        bool any = false, all = true;
        for (uint32_t s = 0; s < bb->nsucc; s++)
            if (DAG_EDGE(b, bb->succ[s])) any = true, all &= dies[bb->succ[s]];
        dies[b] = bb->term.kind == IR_TERM_EXIT || (any && all);
        uint32_t acc = UINT32_MAX;
        for (uint32_t s = 0; s < bb->nsucc; s++) {
            uint32_t x = bb->succ[s];
            if (!DAG_EDGE(b, x) || (dies[x] && !dies[b])) continue;
            if (acc == UINT32_MAX) {
                acc = x;
                continue;
            }
            uint32_t y = x;
            /* walk the one farther from the exit up (ranks fall towards it; the exit is 0) */
            while (acc != y) {
                uint32_t ra = acc == exit ? 0 : rank[acc] + 1, ry = y == exit ? 0 : rank[y] + 1;
                if (ra > ry) acc = ipdom[acc];
                else y = ipdom[y];
            }
        }
        ipdom[b] = acc == UINT32_MAX ? exit : acc;
    }
    /* mark: for each tainted branch (and each controlled branch, nested),
     * the blocks from each successor up to the branch's post-dominator
     * (not the side of an assertion that ends the program: an assertion
     * decides nothing, what follows it post-dominates it) */
    uint32_t *ctl = xcalloc(nb + 1, sizeof(uint32_t)), *edge = xcalloc(nb + 1, sizeof(uint32_t));
    uint32_t *work = xmalloc((nb + 1) * sizeof(uint32_t));
    uint8_t *queued = xcalloc(nb + 1, 1);
    size_t nw = 0;
    for (uint32_t b = 0; b < nb; b++)
        if (r->branch[b] && rank[b] != UINT32_MAX) work[nw++] = b, queued[b] = 1;
    while (nw) {
        uint32_t b = work[--nw];
        const IrBlock *bb = &f->blocks[b];
        for (uint32_t s = 0; s < bb->nsucc; s++) {
            uint32_t x = bb->succ[s];
            if (!DAG_EDGE(b, x) || dies[x]) continue;
            for (uint32_t run = x; run != exit && run != ipdom[b]; run = ipdom[run]) {
                if (!ctl[run]) {
                    ctl[run] = b + 1;
                    edge[run] = r->branch[b] ? s : UINT32_MAX;
                }
                const IrTerm *t = &f->blocks[run].term;
                if (!queued[run] && (t->kind == IR_TERM_BRANCH || t->kind == IR_TERM_SWITCH)) {
                    queued[run] = 1;
                    work[nw++] = run;
                }
            }
        }
    }
#undef DAG_EDGE
    free(dies);
    free(rank);
    free(post);
    free(ipdom);
    free(work);
    free(queued);
    *edge_out = edge;
    return ctl;
}

/* The operand a write stores: its ASSIGN's source, or an atomic store's
 * value argument; NULL when not known. */
static const IrOperand *stored_operand(const Program *p, const IrFunc *f, IrEventId id) {
    const IrBlock *bb = &f->blocks[id.block];
    const IrEvent *ev = &bb->events[id.index];
    if (ev->kind == IR_EV_WRITE && !(ev->flags & IR_EV_RMW) && id.index + 1 < bb->nevents &&
        bb->events[id.index + 1].kind == IR_EV_ASSIGN && ir_path_equal(&bb->events[id.index + 1].path, &ev->path))
        return bb->events[id.index + 1].src;
    if (ev->kind == IR_EV_CALL && ev->call) {
        const ApiModel *am = atomic_api(p, ev);
        /* the value is the last argument (atomic_store(&x, v); the builtins
         * as lowered: object, order, value) */
        if (am && am->access == ATOMIC_WRITE && am->object == 0 && ev->call->nargs >= 2)
            return &ev->call->args[ev->call->nargs - 1];
    }
    return NULL;
}

/* The parameter whose value the entry gave an operand (`count` in a
 * setter never assigned), or -1. */
static int64_t entry_param(const Program *p, const IrFunc *f, const IrOperand *op) {
    if (op->kind != IR_OPD_VALUE || op->offset || op->path.root != IR_ROOT_LOCAL || op->path.nsteps ||
        op->path.id >= f->nparams || (f->locals[op->path.id].flags & IR_LOCAL_ADDR_TAKEN))
        return -1;
    const IrVarDefs *d = ir_defuse_local(model_defuse(p, f), op->path.id);
    return d && d->ndefs == 1 && !d->has_def ? (int64_t)op->path.id : -1;
}

/* The constant the write at id of f stores: a constant, or (call given:
 * f called there) a parameter the call passes a constant for. */
static bool stored_const(const Program *p, const IrFunc *f, IrEventId id, const IrEvent *call, int64_t *value) {
    const IrOperand *op = stored_operand(p, f, id);
    if (!op) return false;
    if (op->kind == IR_OPD_CONST) {
        *value = op->value;
        return true;
    }
    int64_t k = call && call->kind == IR_EV_CALL && call->call ? entry_param(p, f, op) : -1;
    if (k < 0 || (uint64_t)k >= call->call->nargs || call->call->args[k].kind != IR_OPD_CONST) return false;
    *value = call->call->args[k].value;
    return true;
}

/* Within one iteration (rank: dfs_ranks), is event `to` reached from the
 * start of block b? */
static bool reach_from_block(const IrFunc *f, const uint32_t *rank, uint32_t b, IrEventId to) {
    return b == to.block || reach_dag(f, rank, (IrEventId){b, UINT32_MAX}, to);
}

/* Is the event at id reached from the read, within one iteration, only
 * through tests of an exact copy of the value read that found one
 * constant missing (`if (x != c)`, `if (!(x == c))`, nested in tests of
 * other values: `if (x != c) { if (y) .. }`), and through no other test of
 * the value? Then a store of that constant at id is the same as an
 * unconditional store: whatever another thread wrote in between, x ends
 * up c, as in the serial order where that write came first. *c: the
 * constant. */
static bool reached_when_missing(const Run *r, const uint32_t *rank, IrEventId id, int64_t *c) {
    const IrFunc *f = r->f;
    if (r->from_param || !reach_dag(f, rank, r->src, id)) return false;
    bool any = false;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!r->branch[b]) continue;
        const IrBlock *bb = &f->blocks[b];
        IrEventId term = {b, bb->nevents};
        if (!reach_dag(f, rank, r->src, term) || !reach_dag(f, rank, term, id)) continue; /* not on the way */
        const IrTerm *t = &bb->term;
        if (!r->copy_branch[b] || t->kind != IR_TERM_BRANCH || bb->nsucc != 2 || bb->succ[0] == bb->succ[1] ||
            (t->cmp != IR_CMP_EQ && t->cmp != IR_CMP_NE) || (any && t->rhs != *c))
            return false;
        uint32_t present = bb->succ[t->cmp == IR_CMP_EQ ? 0 : 1]; /* where the value is rhs */
        if (rank[present] != UINT32_MAX && rank[present] < rank[b] && reach_from_block(f, rank, present, id))
            return false;
        *c = t->rhs;
        any = true;
    }
    return any;
}

/* Is the act between the read and the event at id (within one iteration)
 * nothing but moving values through locals and taking or releasing locks:
 * no read of other shared memory, no call that may read it? A store of
 * the constant a test found missing is an unconditional store only when
 * the act is the store alone: `if (dirty != 0) { flush(); dirty = 0; }`
 * loses what was announced while flush() ran (a lost notification). */
static bool quiet_between(const Run *r, const uint32_t *rank, IrEventId id) {
    const IrFunc *f = r->f;
    for (uint32_t b = 0; b < f->nblocks; b++) {
        bool from_src = b == r->src.block;
        if (!from_src && (!reach_dag(f, rank, r->src, (IrEventId){b, 0}) || !reach_from_block(f, rank, b, id)))
            continue;
        const IrBlock *bb = &f->blocks[b];
        uint32_t first = from_src ? r->src.index + 1 : 0, end = b == id.block && id.index >= first ? id.index : bb->nevents;
        if (from_src && b != id.block && !reach_dag(f, rank, r->src, id)) continue;
        for (uint32_t i = first; i < end; i++) {
            const IrEvent *ev = &bb->events[i];
            if (ev->kind == IR_EV_READ) {
                if (var_of(f, &ev->path) >= 0 || (r->srcpath && ir_path_equal(&ev->path, r->srcpath)) ||
                    (r->objpath && ir_path_equal(&ev->path, r->objpath)))
                    continue;
                return false;
            }
            if (ev->kind != IR_EV_CALL || !ev->call) continue;
            const CallInfo *ci = program_call(r->p, ev);
            if (!ci || ci->kind != CALL_API) return false;
            uint8_t k = ci->api->kind;
            if (k == API_LOCK || k == API_TRYLOCK || k == API_UNLOCK) continue;
            const IrPath *obj = api_atomic_access(ci->api) && ci->api->object >= 0 && (uint32_t)ci->api->object < ev->call->nargs &&
                                        ev->call->args[ci->api->object].kind == IR_OPD_ADDR
                                    ? &ev->call->args[ci->api->object].path
                                    : NULL;
            if (obj && r->objpath && ir_path_equal(obj, r->objpath)) continue;
            return false;
        }
    }
    return true;
}

/* The writes (and setter calls) of the controlled blocks, as control
 * sinks; not a store of the very constant the test found missing with
 * nothing else done in between (`if (x != c) x = c`: idempotent,
 * reached_when_missing, quiet_between). */
static void control_sinks(Run *r) {
    uint32_t *edge = NULL;
    uint32_t *ctl = controlled_blocks(r, &edge);
    if (!ctl) return;
    const IrFunc *f = r->f;
    uint32_t *rank = dfs_ranks(f, NULL, NULL);
    for (uint32_t b = 0; b < f->nblocks; b++) {
        if (!ctl[b]) continue;
        const IrBlock *bb = &f->blocks[b];
        for (uint32_t i = 0; i < bb->nevents; i++) {
            const IrEvent *ev = &bb->events[i];
            IrEventId id = {b, i};
            int64_t c = 0, v = 0;
            if (ev->kind == IR_EV_WRITE) {
                if ((ev->flags & IR_EV_RMW) || !sink_path(f, &ev->path) ||
                    (stored_const(r->p, f, id, NULL, &v) && reached_when_missing(r, rank, id, &c) && v == c &&
                     quiet_between(r, rank, id)))
                    continue;
                vec_push(&r->sinks, ((Sink){id, true, false, 0, {0, 0}, false, 0}));
            } else if (ev->kind == IR_EV_CALL && ev->call) {
                const ApiModel *am = atomic_api(r->p, ev);
                if (am) {
                    if (am->access == ATOMIC_WRITE &&
                        !(stored_const(r->p, f, id, NULL, &v) && reached_when_missing(r, rank, id, &c) && v == c &&
                          quiet_between(r, rank, id)))
                        vec_push(&r->sinks, ((Sink){id, true, false, 0, {0, 0}, false, 0}));
                    continue;
                }
                /* a setter called where the constant is missing: its stores of it are idempotent too */
                if (program_callee_known(r->p, ev)) {
                    bool missing = reached_when_missing(r, rank, id, &c) && quiet_between(r, rank, id);
                    vec_push(&r->sinks, ((Sink){id, true, true, UINT32_MAX, id, missing, c}));
                }
            }
        }
    }
    free(rank);
    free(ctl);
    free(edge);
}

/* ---- the write-backs of one read ---------------------------------------------------------- */

typedef struct Out {
    const Program *p;
    FactsWriteBack *v;
    size_t n, max;
    size_t more; /* write-backs that did not fit (some may repeat one another) */
    FactsWbMemo *memo; /* may be NULL */
} Out;

/* The runs of the callers of a getter and of a setter's parameter do not
 * depend on the read they are asked for: solved once (and their control
 * sinks added), they serve every read of the getter (on memcached 97 runs
 * instead of 4 387). */
struct FactsWbMemo {
    U64Map getter;      /* call event | src_copy -> index + 1 into runs */
    U64Map setter;      /* callee << 32 | param -> index + 1 into runs */
    VEC(Run *) runs;
};

FactsWbMemo *facts_wb_memo_new(void) {
    FactsWbMemo *m = xcalloc(1, sizeof *m);
    u64map_init(&m->getter);
    u64map_init(&m->setter);
    return m;
}

static void run_free(Run *r);

void facts_wb_memo_free(FactsWbMemo *m) {
    if (!m) return;
    for (size_t i = 0; i < m->runs.len; i++) {
        run_free(m->runs.data[i]);
        free(m->runs.data[i]);
    }
    vec_free(&m->runs);
    u64map_free(&m->getter);
    u64map_free(&m->setter);
    free(m);
}

/* A solved run's sinks, with those reached only through a test of the
 * value (control_sinks); the dataflow's own state is dropped. */
static void control_sinks(Run *r);
static void run_finish(Run *r) {
    control_sinks(r);
    free(r->in), r->in = NULL;
    free(r->cur), r->cur = NULL;
    free(r->branch), r->branch = NULL;
    free(r->cin), r->cin = NULL;
    free(r->ccur), r->ccur = NULL;
    free(r->cvis), r->cvis = NULL;
    free(r->copy_branch), r->copy_branch = NULL;
}

/* The finished run for `key` in `map`, made by `solve` when new: kept in
 * the memo, or in *tmp (the caller frees it) when there is none. */
static const Run *memo_run(Out *o, U64Map *map, uint64_t key, Run *tmp, void (*solve)(Run *, const void *),
                           const void *arg) {
    uint64_t v;
    if (o->memo && u64map_get(map, key, &v)) return o->memo->runs.data[v - 1];
    Run *r = o->memo ? xmalloc(sizeof *r) : tmp;
    solve(r, arg);
    run_finish(r);
    if (o->memo) {
        vec_push(&o->memo->runs, r);
        u64map_put(map, key, o->memo->runs.len);
    }
    return r;
}

static SrcLoc srcloc_of(IrLoc l) {
    return (SrcLoc){l.file, l.line, l.col};
}

static void out_add(Out *o, FactsWriteBack wb) {
    for (size_t k = 0; k < o->n; k++)
        if (o->v[k].write == wb.write && o->v[k].func == wb.func && !memcmp(&o->v[k].at, &wb.at, sizeof wb.at)) {
            o->v[k].control &= wb.control;
            return;
        }
    if (o->n < o->max) o->v[o->n++] = wb;
    else o->more++;
}

/* The parameter a path goes through (`b->value`: b, then a dereference),
 * or -1. */
static int64_t deref_param(const IrFunc *f, const IrPath *p) {
    if (p->root != IR_ROOT_LOCAL || p->id >= f->nparams || !p->nsteps || p->steps[0].kind != IR_STEP_DEREF) return -1;
    return p->id;
}

/* The path of the object an access event touches: a read's or a write's
 * path, an atomic call's object argument (`&b->value`); NULL otherwise. */
static const IrPath *event_object(const Program *p, const IrEvent *ev) {
    if (ev->kind == IR_EV_READ || ev->kind == IR_EV_WRITE) return &ev->path;
    const ApiModel *am = ev->kind == IR_EV_CALL && ev->call ? atomic_api(p, ev) : NULL;
    if (!am || am->object < 0 || (uint32_t)am->object >= ev->call->nargs) return NULL;
    const IrOperand *op = &ev->call->args[am->object];
    return op->kind == IR_OPD_ADDR ? &op->path : NULL;
}

/* A read in a getter and a write in a setter, both called by the joining
 * function: do they name one object there? False only when each goes
 * through a parameter and the two calls pass different paths for it
 * (`peek(s->use)`, then `twist(pool->have, ..)`). PRECISION: two spellings
 * of one object are taken for two objects; what matters is that objects of
 * one allocation site (one location to the model, pigz's yarn locks) are
 * not taken for one. */
static bool same_object_at_calls(const Program *p, const FactsWriteBack *base, uint32_t setter, const IrEvent *wev) {
    if (base->at.read_func == base->func) return true;
    const IrFunc *f = p->link.funcs.data[base->func].ir, *g = p->link.funcs.data[base->at.read_func].ir;
    const IrFunc *s = p->link.funcs.data[setter].ir;
    const IrEvent *gcall = ir_event_at(f, (IrEventId){base->at.read_at[0], base->at.read_at[1]});
    const IrEvent *scall = ir_event_at(f, (IrEventId){base->at.write_at[0], base->at.write_at[1]});
    const IrEvent *rev = ir_event_at(g, (IrEventId){base->at.read_in[0], base->at.read_in[1]});
    if (!gcall || !scall || !rev || gcall->kind != IR_EV_CALL || scall->kind != IR_EV_CALL || !gcall->call ||
        !scall->call)
        return true;
    const CallInfo *ci = program_call(p, gcall);
    if (!ci || !idset_has(&ci->targets, base->at.read_func)) return true; /* a getter further down */
    const IrPath *rp = event_object(p, rev), *wp = event_object(p, wev);
    int64_t k = rp ? deref_param(g, rp) : -1, j = wp ? deref_param(s, wp) : -1;
    if (k < 0 || j < 0 || (uint64_t)k >= gcall->call->nargs || (uint64_t)j >= scall->call->nargs) return true;
    const IrOperand *a = &gcall->call->args[k], *b = &scall->call->args[j];
    if (a->kind != IR_OPD_VALUE || b->kind != IR_OPD_VALUE) return true;
    return ir_path_equal(&a->path, &b->path);
}

/* The writes of a setter func called at `call`: from its parameter
 * `param` (data), or every write (param UINT32_MAX: the call is
 * controlled; `missing`: by a test that found `absent` missing, and the
 * setter's stores of that constant are idempotent). */
typedef struct SetterArg {
    const Program *p;
    uint32_t callee, param;
} SetterArg;

static void solve_setter(Run *r, const void *arg) {
    const SetterArg *a = arg;
    run_init(r, a->p, a->callee);
    r->from_param = true;
    r->param = a->param;
    run_solve(r);
}

static void setter_writes(Out *o, uint32_t callee, uint32_t param, FactsWriteBack base, const IrEvent *call,
                          bool missing, int64_t absent) {
    const Program *p = o->p;
    const IrFunc *g = p->link.funcs.data[callee].ir;
    if (param == UINT32_MAX) {
        for (uint32_t b = 0; b < g->nblocks; b++)
            for (uint32_t i = 0; i < g->blocks[b].nevents; i++) {
                const IrEvent *ev = &g->blocks[b].events[i];
                bool w = ev->kind == IR_EV_WRITE && !(ev->flags & IR_EV_RMW) && sink_path(g, &ev->path);
                const ApiModel *am = ev->kind == IR_EV_CALL && ev->call ? atomic_api(p, ev) : NULL;
                if ((!w && !(am && am->access == ATOMIC_WRITE)) || !same_object_at_calls(p, &base, callee, ev)) continue;
                int64_t v;
                if (missing && stored_const(p, g, (IrEventId){b, i}, call, &v) && v == absent) continue;
                FactsWriteBack wb = base;
                wb.write = (uint64_t)(uintptr_t)ev;
                wb.control = true;
                wb.at.write_func = callee;
                wb.at.write_in[0] = b, wb.at.write_in[1] = i;
                out_add(o, wb);
            }
        return;
    }
    if (param >= g->nparams) return;
    Run tmp;
    SetterArg arg = {p, callee, param};
    const Run *r = memo_run(o, o->memo ? &o->memo->setter : NULL, (uint64_t)callee << 32 | param, &tmp, solve_setter,
                            &arg);
    for (size_t k = 0; k < r->sinks.len; k++) {
        const Sink *s = &r->sinks.data[k];
        if (s->setter || !same_object_at_calls(p, &base, callee, ir_event_at(g, s->ev))) continue; /* one level down */
        FactsWriteBack wb = base;
        wb.write = (uint64_t)(uintptr_t)ir_event_at(g, s->ev);
        wb.control = base.control || s->control;
        wb.at.write_func = callee;
        wb.at.write_in[0] = s->ev.block, wb.at.write_in[1] = s->ev.index;
        out_add(o, wb);
    }
    if (!o->memo) run_free(&tmp);
}

/* Drop sinks behind an atomic read-modify-write of the object read (the
 * compare-exchange that re-validates the value before acting on it). */
static bool revalidated(const Run *r, IrEventId sink) {
    for (size_t k = 0; k < r->rmws.len; k++)
        if (reach_avoid(r->f, r->src, r->rmws.data[k], r->src) && reach_avoid(r->f, r->rmws.data[k], sink, r->src))
            return true;
    return false;
}

/* A finished run in func (run_finish): its sinks become write-backs read
 * at `read_at`. */
static void collect(Out *o, const Run *r, IrEventId read_at, const FactsWriteBack *base_in) {
    const Program *p = o->p;
    for (size_t k = 0; k < r->sinks.len; k++) {
        const Sink *s = &r->sinks.data[k];
        if (r->rmws.len && revalidated(r, s->ev)) continue;
        FactsWriteBack wb = *base_in;
        wb.control = s->control;
        wb.func = r->func;
        wb.at.read_at[0] = read_at.block, wb.at.read_at[1] = read_at.index;
        wb.at.write_func = r->func;
        wb.at.write_at[0] = s->ev.block, wb.at.write_at[1] = s->ev.index;
        wb.at.write_in[0] = s->ev.block, wb.at.write_in[1] = s->ev.index;
        const IrEvent *ev = ir_event_at(r->f, s->ev);
        if (!s->setter) {
            wb.write = (uint64_t)(uintptr_t)ev;
            out_add(o, wb);
            continue;
        }
        const CallInfo *ci = program_call(p, ev);
        if (!ci) continue;
        wb.write_call = srcloc_of(ev->loc);
        for (uint32_t t = 0; t < ci->targets.n && t < WB_MAX_TARGETS; t++)
            if (ci->targets.v[t] < p->link.funcs.len) setter_writes(o, ci->targets.v[t], s->arg, wb, ev, s->missing, s->absent);
    }
}

typedef struct GetterArg {
    const Program *p;
    uint32_t func;
    IrEventId call;
    bool src_copy;
} GetterArg;

static void solve_getter_caller(Run *r, const void *arg) {
    const GetterArg *a = arg;
    run_init(r, a->p, a->func);
    r->src = a->call;
    r->src_copy = a->src_copy;
    run_solve(r);
}

/* The calls of func's callers that may call func: a taint run from each
 * result, depth getters up. */
static void getter_callers(Out *o, uint32_t func, const FactsWriteBack *base, uint32_t depth, bool copy) {
    const Program *p = o->p;
    const IdSet *callers = &p->pt.funcs.data[func].callers;
    for (uint32_t k = 0; k < callers->n && k < WB_MAX_CALLERS; k++) {
        uint32_t h = callers->v[k];
        if (h >= p->link.funcs.len || !p->link.funcs.data[h].reachable) continue;
        const IrFunc *hf = p->link.funcs.data[h].ir;
        for (uint32_t b = 0; b < hf->nblocks; b++)
            for (uint32_t i = 0; i < hf->blocks[b].nevents; i++) {
                const IrEvent *ev = &hf->blocks[b].events[i];
                if (ev->kind != IR_EV_CALL || !ev->call || ev->call->result < 0) continue;
                const CallInfo *ci = program_call(p, ev);
                if (!ci || !idset_has(&ci->targets, func)) continue;
                Run tmp;
                GetterArg arg = {p, h, {b, i}, copy && ci->targets.n == 1}; /* the result is the getter's copy */
                const Run *r = memo_run(o, o->memo ? &o->memo->getter : NULL, (uint64_t)(uintptr_t)ev | arg.src_copy,
                                        &tmp, solve_getter_caller, &arg);
                FactsWriteBack wb = *base;
                if (!wb.read_call.line) wb.read_call = srcloc_of(ev->loc);
                collect(o, r, r->src, &wb);
                bool up = r->returns, up_copy = r->ret_any && r->ret_copy;
                if (!o->memo) run_free(&tmp);
                if (up && depth + 1 < WB_MAX_GETTER_DEPTH) getter_callers(o, h, &wb, depth + 1, up_copy);
            }
    }
}

size_t facts_write_backs(const Program *p, const Access *a, FactsWriteBack *out, size_t max, FactsWbMemo *memo) {
    Out o = {p, out, 0, max, 0, memo};
    const IrFunc *f = p->link.funcs.data[a->site->func].ir;
    IrEventId id;
    if (!ir_defuse_event_id(model_defuse(p, f), a->site->ev, &id)) return 0;
    Run r;
    run_init(&r, p, a->site->func);
    r.src = id;
    if (a->site->ev->kind == IR_EV_READ) {
        r.srcpath = &a->site->ev->path;
        r.objpath = &a->site->ev->path;
    } else if (a->site->ev->kind == IR_EV_CALL && a->site->ev->call) {
        const ApiModel *am = atomic_api(p, a->site->ev);
        if (am && am->object >= 0 && (uint32_t)am->object < a->site->ev->call->nargs &&
            a->site->ev->call->args[am->object].kind == IR_OPD_ADDR)
            r.objpath = &a->site->ev->call->args[am->object].path;
    }
    run_solve(&r);
    run_finish(&r);
    FactsWriteBack base;
    memset(&base, 0, sizeof base);
    base.at.read_func = a->site->func;
    base.at.read_in[0] = id.block, base.at.read_in[1] = id.index;
    collect(&o, &r, id, &base);
    bool up = r.returns, up_copy = r.ret_any && r.ret_copy;
    run_free(&r);
    if (up) getter_callers(&o, a->site->func, &base, 0, up_copy);
    return o.n + o.more;
}

/* ---- what the value read is known to be, what a write stores ----------------------- */

/* A run from the read event `at` of func (a READ, an atomic load, or a
 * getter's call with src_copy), solved. */
static void run_from(Run *r, const Program *p, uint32_t func, IrEventId at, bool src_copy) {
    run_init(r, p, func);
    r->src = at;
    const IrEvent *ev = ir_event_at(r->f, at);
    if (ev && ev->kind == IR_EV_READ) r->srcpath = &ev->path;
    r->src_copy = src_copy;
    run_solve(r);
}

bool facts_write_back_tested(const Program *p, const FactsWriteBack *wb, bool *equal, int64_t *value) {
    const IrFunc *f = p->link.funcs.data[wb->func].ir;
    IrEventId from = {wb->at.read_at[0], wb->at.read_at[1]}, to = {wb->at.write_at[0], wb->at.write_at[1]};
    bool src_copy = false;
    if (wb->at.read_func != wb->func) {
        /* PRECISION: a getter one call down only, the only target of its call */
        const IrEvent *call = ir_event_at(f, from);
        const CallInfo *ci = call && call->kind == IR_EV_CALL && call->call ? program_call(p, call) : NULL;
        if (!ci || ci->targets.n != 1 || ci->targets.v[0] != wb->at.read_func) return false;
        Run g;
        run_from(&g, p, wb->at.read_func, (IrEventId){wb->at.read_in[0], wb->at.read_in[1]}, false);
        src_copy = g.ret_any && g.ret_copy;
        run_free(&g);
        if (!src_copy) return false;
    }
    Run r;
    run_from(&r, p, wb->func, from, src_copy);
    bool found = false, eq_found = false;
    if (reach_avoid(f, from, to, from))
        for (uint32_t b = 0; b < f->nblocks && !eq_found; b++) {
            const IrBlock *bb = &f->blocks[b];
            const IrTerm *t = &bb->term;
            if (!r.copy_branch[b] || t->kind != IR_TERM_BRANCH || bb->nsucc != 2 || bb->succ[0] == bb->succ[1] ||
                (t->cmp != IR_CMP_EQ && t->cmp != IR_CMP_NE))
                continue;
            /* each edge: is the value rhs there (eq), and does every path take it? */
            for (uint32_t e = 0; e < 2 && !eq_found; e++) {
                bool eq = (t->cmp == IR_CMP_EQ) == (e == 0);
                if ((found && !eq) || reach_avoid_edge(f, from, to, from, b, bb->succ[e])) continue;
                *equal = eq;
                *value = t->rhs;
                found = true;
                eq_found = eq; /* a value known beats a value excluded */
            }
        }
    run_free(&r);
    return found;
}

/* Is block `target` reached from the start of block `start` without
 * entering block `avoid` (start == avoid: no)? */
static bool reach_blocks_avoiding(const IrFunc *f, uint32_t start, uint32_t target, uint32_t avoid) {
    if (start == avoid || start >= f->nblocks) return false;
    uint8_t *seen = xcalloc(f->nblocks + 1, 1);
    uint32_t *stack = xmalloc((f->nblocks + 1) * sizeof(uint32_t));
    size_t n = 0;
    bool found = false;
    stack[n++] = start;
    seen[start] = 1;
    while (n && !found) {
        uint32_t b = stack[--n];
        found = b == target;
        const IrBlock *bb = &f->blocks[b];
        for (uint32_t k = 0; k < bb->nsucc; k++) {
            uint32_t x = bb->succ[k];
            if (x < f->nblocks && x != avoid && !seen[x]) seen[x] = 1, stack[n++] = x;
        }
    }
    free(seen);
    free(stack);
    return found;
}

bool facts_write_guard(const Program *p, const Access *r, const Access *w, bool *equal, int64_t *value) {
    if (r->site->func != w->site->func || r->site->ev->kind != IR_EV_READ || r->site->func >= p->link.funcs.len) return false;
    const IrFunc *f = p->link.funcs.data[r->site->func].ir;
    const IrDefUse *du = model_defuse(p, f);
    IrEventId rid, wid;
    if (!ir_defuse_event_id(du, r->site->ev, &rid) || !ir_defuse_event_id(du, w->site->ev, &wid)) return false;
    /* the test right after the read, in its block: each time it runs, it
     * tests the latest read */
    uint32_t b = rid.block;
    const IrBlock *bb = &f->blocks[b];
    const IrTerm *t = &bb->term;
    if (wid.block == b || t->kind != IR_TERM_BRANCH || bb->nsucc != 2 || bb->succ[0] == bb->succ[1] ||
        (t->cmp != IR_CMP_EQ && t->cmp != IR_CMP_NE))
        return false;
    Run run;
    run_from(&run, p, r->site->func, rid, false);
    bool copy = run.copy_branch[b];
    run_free(&run);
    if (!copy) return false;
    for (uint32_t e = 0; e < 2; e++) {
        /* every path to w passes the test, and the last time it took edge e */
        if (reach_blocks_avoiding(f, 0, wid.block, b) || reach_blocks_avoiding(f, bb->succ[1 - e], wid.block, b))
            continue;
        *equal = (t->cmp == IR_CMP_EQ) == (e == 0);
        *value = t->rhs;
        return true;
    }
    return false;
}

/* ---- lock regions ----------------------------------------------------------------------- */

/* Does the lock site's lock name the held lock? PRECISION: by its object and,
 * where the path may name several, by its spelling. */
static bool site_names(const Program *p, const LockSite *s, FactsLock held) {
    if (s->lock == UINT32_MAX || held.id == FACTS_NO_LOCK) return false;
    const LockRef *l = &p->lock.refs.data[s->lock];
    if (!l->resolved || !idset_has(&l->nodes, held.id)) return false;
    return l->nodes.n == 1 || (l->spelling && held.spelling && !strcmp(l->spelling, held.spelling));
}

static bool via_releases(const Program *p, const LockSite *s, FactsLock held) {
    for (uint32_t k = 0; k < s->nvia; k++) {
        const LockVia *v = &p->lev.via.data[s->via + k];
        if (!v->release) continue;
        const LockRef *l = &p->lock.refs.data[v->lock];
        if (l->resolved && idset_has(&l->nodes, held.id) &&
            (l->nodes.n == 1 || (l->spelling && held.spelling && !strcmp(l->spelling, held.spelling))))
            return true;
    }
    return false;
}

/* The sites of func, in [*first, *end). */
static void func_sites(const Program *p, uint32_t func, size_t *first, size_t *end) {
    *first = *end = 0;
    if (func + 1 < p->lev.func_first.len) {
        *first = p->lev.func_first.data[func];
        *end = p->lev.func_first.data[func + 1];
    }
}

static bool site_at(const Program *p, const LockSite *s, IrEventId *id) {
    return s->ev && ir_defuse_event_id(model_defuse(p, p->link.funcs.data[s->func].ir), s->ev, id);
}

/* Scan block b from event `start`: 1 when `to` comes first, 0 when
 * `avoid` or a store to bare local v does (v UINT32_MAX: none), 2 when
 * the block ends first. */
static int scan_keeping(const IrFunc *f, uint32_t b, uint32_t start, IrEventId to, IrEventId avoid, uint32_t v) {
    const IrBlock *bb = &f->blocks[b];
    for (uint32_t e = start; e < bb->nevents; e++) {
        if (b == to.block && e == to.index) return 1;
        if (b == avoid.block && e == avoid.index) return 0;
        const IrEvent *ev = &bb->events[e];
        if ((ev->kind == IR_EV_ASSIGN || ev->kind == IR_EV_WRITE) && ev->path.root == IR_ROOT_LOCAL &&
            ev->path.id == v && !ev->path.nsteps)
            return 0;
    }
    return 2;
}

/* reach_avoid, where the path also keeps local v's value: no store to it
 * (v UINT32_MAX: reach_avoid itself). */
static bool reach_keeping(const IrFunc *f, IrEventId from, IrEventId to, IrEventId avoid, uint32_t v) {
    int r = scan_keeping(f, from.block, from.index + 1, to, avoid, v);
    if (r != 2) return r == 1;
    uint8_t *seen = xcalloc(f->nblocks + 1, 1);
    uint32_t *stack = xmalloc((f->nblocks + 1) * sizeof(uint32_t));
    size_t n = 0;
    bool found = false;
    for (uint32_t s = 0; s < f->blocks[from.block].nsucc; s++) {
        uint32_t x = f->blocks[from.block].succ[s];
        if (x < f->nblocks && !seen[x]) seen[x] = 1, stack[n++] = x;
    }
    while (n && !found) {
        uint32_t b = stack[--n];
        r = scan_keeping(f, b, 0, to, avoid, v);
        if (r == 1) found = true;
        if (r != 2) continue;
        for (uint32_t s = 0; s < f->blocks[b].nsucc; s++) {
            uint32_t x = f->blocks[b].succ[s];
            if (x < f->nblocks && !seen[x]) seen[x] = 1, stack[n++] = x;
        }
    }
    free(seen);
    free(stack);
    return found;
}

/* The local pointer both the read and the write-back go through (`prev->next`
 * read, `prev->next = ..` written, in func), UINT32_MAX when they do not. */
static uint32_t common_base(const Access *r, const FactsWriteBack *wb, const IrFunc *f) {
    if (wb->at.read_func != wb->func || wb->at.write_func != wb->func || r->site->func != wb->func) return UINT32_MAX;
    IrEventId wa = {wb->at.write_at[0], wb->at.write_at[1]};
    if (wa.block >= f->nblocks || wa.index >= f->blocks[wa.block].nevents) return UINT32_MAX;
    const IrPath *a = &r->site->ev->path, *b = &f->blocks[wa.block].events[wa.index].path;
    if (a->root != IR_ROOT_LOCAL || b->root != IR_ROOT_LOCAL || a->id != b->id || !a->nsteps || !b->nsteps ||
        a->steps[0].kind != IR_STEP_DEREF || b->steps[0].kind != IR_STEP_DEREF || a->id >= f->nlocals ||
        (f->locals[a->id].flags & IR_LOCAL_ADDR_TAKEN))
        return UINT32_MAX;
    return a->id;
}

bool facts_lock_split(const Program *p, const Access *r, const FactsWriteBack *wb, FactsLock lock, SrcLoc *where) {
    if (lock.id == FACTS_NO_LOCK) return false;
    size_t first, end;
    /* between the read (or the getter's call) and the write (or the setter's call) in func */
    const IrFunc *f = p->link.funcs.data[wb->func].ir;
    IrEventId ra = {wb->at.read_at[0], wb->at.read_at[1]}, wa = {wb->at.write_at[0], wb->at.write_at[1]};
    /* a check-then-act is judged within one iteration, where its control
     * dependence was found (a path around the loop meets a fresh test) */
    uint32_t *rank = wb->control ? dfs_ranks(f, NULL, NULL) : NULL;
    /* PRECISION: read and write through one local pointer (`prev->next`)
     * touch one object only while the pointer keeps its value; a release
     * on a path that moves it on (hand-over-hand: `unlock(&prev->m); prev
     * = cur;`) splits nothing - the write goes to another object */
    uint32_t base = rank ? UINT32_MAX : common_base(r, wb, f);
    bool split = false;
    func_sites(p, wb->func, &first, &end);
    for (size_t i = first; i < end && !split; i++) {
        const LockSite *s = &p->lev.sites.data[i];
        bool rel = ((s->kind == FACTS_SITE_RELEASE || s->kind == FACTS_SITE_WAIT) && site_names(p, s, lock)) ||
                   (s->kind == FACTS_SITE_CALL && via_releases(p, s, lock));
        IrEventId at;
        if (!rel || !site_at(p, s, &at)) continue;
        if (ir_event_id_equal(at, wa)) continue; /* the setter's call itself: below */
        if (rank ? reach(f, rank, ra, at) && reach(f, rank, at, wa)
                 : reach_keeping(f, ra, at, ra, base) && reach_keeping(f, at, wa, ra, base)) {
            if (where) *where = srcloc_of(s->loc);
            split = true;
        }
    }
    free(rank);
    if (split) return true;
    /* released by the getter after its read */
    if (wb->at.read_func != wb->func) {
        const IrFunc *g = p->link.funcs.data[wb->at.read_func].ir;
        IrEventId rin = {wb->at.read_in[0], wb->at.read_in[1]};
        func_sites(p, wb->at.read_func, &first, &end);
        for (size_t i = first; i < end; i++) {
            const LockSite *s = &p->lev.sites.data[i];
            IrEventId at;
            if ((s->kind != FACTS_SITE_RELEASE && s->kind != FACTS_SITE_WAIT) || !site_names(p, s, lock) ||
                !site_at(p, s, &at))
                continue;
            if (reach_avoid(g, rin, at, rin)) {
                if (where) *where = srcloc_of(s->loc);
                return true;
            }
        }
    }
    /* taken again by the setter before its write */
    if (wb->at.write_func != wb->func) {
        const IrFunc *g = p->link.funcs.data[wb->at.write_func].ir;
        IrEventId win = {wb->at.write_in[0], wb->at.write_in[1]};
        func_sites(p, wb->at.write_func, &first, &end);
        for (size_t i = first; i < end; i++) {
            const LockSite *s = &p->lev.sites.data[i];
            IrEventId at;
            if ((s->kind != FACTS_SITE_ACQUIRE && s->kind != FACTS_SITE_WAIT) || !site_names(p, s, lock) ||
                !site_at(p, s, &at))
                continue;
            if (reach_avoid(g, at, win, at)) {
                if (where) *where = srcloc_of(s->loc);
                return true;
            }
        }
    }
    return false;
}

bool facts_same_region(const Program *p, const Access *a, const Access *b, FactsLock lock) {
    if (a->site->func != b->site->func || lock.id == FACTS_NO_LOCK) return false;
    const IrFunc *f = p->link.funcs.data[a->site->func].ir;
    const IrDefUse *du = model_defuse(p, f);
    IrEventId ia, ib;
    if (!ir_defuse_event_id(du, a->site->ev, &ia) || !ir_defuse_event_id(du, b->site->ev, &ib) || !reach_avoid(f, ia, ib, ia))
        return false;
    size_t first, end;
    func_sites(p, a->site->func, &first, &end);
    for (size_t i = first; i < end; i++) {
        const LockSite *s = &p->lev.sites.data[i];
        bool rel = ((s->kind == FACTS_SITE_RELEASE || s->kind == FACTS_SITE_WAIT) && site_names(p, s, lock)) ||
                   (s->kind == FACTS_SITE_CALL && via_releases(p, s, lock));
        IrEventId at;
        if (rel && site_at(p, s, &at) && reach_avoid(f, ia, at, ia) && reach_avoid(f, at, ib, ia)) return false;
    }
    return true;
}
