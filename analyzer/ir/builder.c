/*
 * builder.c - building and editing function IR (builder.h). Blocks, locals
 * and loops grow in heap vectors while the function is under construction;
 * ir_builder_finish copies them into the arena in one go, so a finished
 * function is contiguous per array and the builder's scratch is freed at
 * once. Editing loads an existing function into the same vectors.
 */
#include "builder.h"

#include <stdlib.h>
#include <string.h>

typedef struct BlockB {
    VEC(IrEvent) ev;
    IrTerm term;
    VEC(uint32_t) succ;
    int32_t loop; /* innermost enclosing loop, -1 none */
    bool done;    /* terminator set */
} BlockB;

struct IrBuilder {
    Arena *a;
    IrFunc head; /* header fields copied to a new IrFunc at finish */
    VEC(BlockB) blocks;
    VEC(IrLocal) locals;
    VEC(IrLoop) loops;
    uint32_t nparams;
    uint32_t ntemps;
    uint32_t va_temp; /* IrFunc.va_temp */
    uint32_t cur;
    int32_t loop; /* current loop, -1 none */
};

static IrBuilder *builder_alloc(Arena *a) {
    IrBuilder *b = xcalloc(1, sizeof *b);
    b->a = a;
    b->loop = -1;
    return b;
}

IrBuilder *ir_builder_new(Arena *a) {
    IrBuilder *b = builder_alloc(a);
    ir_builder_new_block(b);
    return b;
}

IrBuilder *ir_builder_edit(Arena *a, const IrFunc *f) {
    IrBuilder *b = builder_alloc(a);
    b->head = *f;
    b->nparams = f->nparams;
    b->ntemps = f->ntemps;
    b->va_temp = f->va_temp;
    for (uint32_t i = 0; i < f->nlocals; i++) vec_push(&b->locals, f->locals[i]);
    for (uint32_t i = 0; i < f->nloops; i++) vec_push(&b->loops, f->loops[i]);
    for (uint32_t i = 0; i < f->nblocks; i++) {
        const IrBlock *ib = &f->blocks[i];
        BlockB blk;
        memset(&blk, 0, sizeof blk);
        for (uint32_t e = 0; e < ib->nevents; e++) vec_push(&blk.ev, ib->events[e]);
        for (uint32_t s = 0; s < ib->nsucc; s++) vec_push(&blk.succ, ib->succ[s]);
        blk.term = ib->term;
        blk.loop = ib->loop;
        blk.done = true;
        vec_push(&b->blocks, blk);
    }
    if (!b->blocks.len) ir_builder_new_block(b);
    return b;
}

void ir_builder_free(IrBuilder *b) {
    if (!b) return;
    for (size_t i = 0; i < b->blocks.len; i++) {
        vec_free(&b->blocks.data[i].ev);
        vec_free(&b->blocks.data[i].succ);
    }
    vec_free(&b->blocks);
    vec_free(&b->locals);
    vec_free(&b->loops);
    free(b);
}

IrFunc *ir_builder_finish(IrBuilder *b, IrFunc *f) {
    Arena *a = b->a;
    if (!f) {
        f = ARENA_NEW(a, IrFunc);
        f->usr = b->head.usr;
        f->name = b->head.name;
        f->loc = b->head.loc;
        f->is_static = b->head.is_static;
        f->is_hidden = b->head.is_hidden;
        f->is_variadic = b->head.is_variadic;
        f->type = b->head.type;
    }
    f->nparams = b->nparams;
    f->nlocals = (uint32_t)b->locals.len;
    /* never NULL, as the lowering always made it */
    f->locals = ARENA_ARRAY(a, IrLocal, f->nlocals ? f->nlocals : 1);
    if (f->nlocals) memcpy(f->locals, b->locals.data, f->nlocals * sizeof(IrLocal));
    f->ntemps = b->ntemps;
    f->va_temp = b->va_temp;
    f->nblocks = (uint32_t)b->blocks.len;
    f->blocks = ARENA_ARRAY(a, IrBlock, f->nblocks);
    for (size_t i = 0; i < b->blocks.len; i++) {
        BlockB *bb = &b->blocks.data[i];
        IrBlock *ob = &f->blocks[i];
        ob->nevents = (uint32_t)bb->ev.len;
        ob->events = bb->ev.len ? arena_memdup(a, bb->ev.data, bb->ev.len * sizeof(IrEvent)) : NULL;
        if (!bb->done) {
            memset(&bb->term, 0, sizeof bb->term);
            bb->term.kind = IR_TERM_RETURN;
        }
        ob->term = bb->term;
        ob->nsucc = (uint32_t)bb->succ.len;
        ob->succ = bb->succ.len ? arena_memdup(a, bb->succ.data, bb->succ.len * sizeof(uint32_t)) : NULL;
        ob->loop = bb->loop;
    }
    f->nloops = (uint32_t)b->loops.len;
    f->loops = b->loops.len ? arena_memdup(a, b->loops.data, b->loops.len * sizeof(IrLoop)) : NULL;
    ir_builder_free(b);
    return f;
}

Arena *ir_builder_arena(const IrBuilder *b) {
    return b->a;
}

/* ---- blocks ------------------------------------------------------------------ */

uint32_t ir_builder_new_block(IrBuilder *b) {
    BlockB blk;
    memset(&blk, 0, sizeof blk);
    blk.loop = b->loop;
    vec_push(&b->blocks, blk);
    return (uint32_t)b->blocks.len - 1;
}

void ir_builder_enter(IrBuilder *b, uint32_t block) {
    if (block < b->blocks.len) b->cur = block;
}

uint32_t ir_builder_current(const IrBuilder *b) {
    return b->cur;
}

uint32_t ir_builder_nblocks(const IrBuilder *b) {
    return (uint32_t)b->blocks.len;
}

bool ir_builder_terminated(const IrBuilder *b, uint32_t block) {
    return block < b->blocks.len && b->blocks.data[block].done;
}

uint32_t ir_builder_nevents(const IrBuilder *b, uint32_t block) {
    return block < b->blocks.len ? (uint32_t)b->blocks.data[block].ev.len : 0;
}

IrEvent *ir_builder_event(IrBuilder *b, IrEventId id) {
    if (id.block >= b->blocks.len || id.index >= b->blocks.data[id.block].ev.len) return NULL;
    return &b->blocks.data[id.block].ev.data[id.index];
}

void ir_builder_clear_events(IrBuilder *b, uint32_t block) {
    if (block < b->blocks.len) b->blocks.data[block].ev.len = 0;
}

/* ---- events ------------------------------------------------------------------ */

IrEventId ir_builder_emit(IrBuilder *b, IrEvent ev) {
    BlockB *blk = &b->blocks.data[b->cur];
    vec_push(&blk->ev, ev);
    IrEventId id = {b->cur, (uint32_t)blk->ev.len - 1};
    return id;
}

/* An event of kind k at loc on path p, nothing else set. */
static IrEvent event_of(uint8_t k, uint8_t flags, IrPath p, IrLoc loc) {
    IrEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = k;
    ev.flags = flags;
    ev.loc = loc;
    ev.path = p;
    return ev;
}

IrEventId ir_builder_emit_access(IrBuilder *b, IrEventKind k, IrPath p, uint8_t flags, IrLoc loc) {
    return ir_builder_emit(b, event_of((uint8_t)k, flags, p, loc));
}

IrEventId ir_builder_emit_step(IrBuilder *b, IrPath p, uint8_t flags, int64_t size, IrLoc loc) {
    IrEvent ev = event_of(IR_EV_WRITE, flags, p, loc);
    if (size > 0 && (flags & (IR_EV_STEP_UP | IR_EV_STEP_DOWN))) {
        IrOperand *o = ARENA_NEW(b->a, IrOperand);
        memset(o, 0, sizeof *o);
        o->kind = IR_OPD_CONST;
        o->value = size;
        ev.src = o;
    }
    return ir_builder_emit(b, ev);
}

IrEventId ir_builder_emit_assign(IrBuilder *b, IrPath dst, IrOperand src, uint8_t flags, IrLoc loc) {
    IrEvent ev = event_of(IR_EV_ASSIGN, flags, dst, loc);
    ev.src = arena_memdup(b->a, &src, sizeof src);
    return ir_builder_emit(b, ev);
}

IrEventId ir_builder_emit_call(IrBuilder *b, IrOperand callee, const IrOperand *args, uint32_t nargs,
                               int32_t result, IrLoc loc) {
    IrCall *c = ARENA_NEW(b->a, IrCall);
    c->callee = callee;
    c->nargs = nargs;
    c->args = nargs ? arena_memdup(b->a, args, nargs * sizeof(IrOperand)) : NULL;
    c->result = result;
    IrPath none;
    memset(&none, 0, sizeof none);
    IrEvent ev = event_of(IR_EV_CALL, 0, none, loc);
    ev.call = c;
    return ir_builder_emit(b, ev);
}

/* ---- terminators ------------------------------------------------------------- */

static void set_term(BlockB *blk, IrTerm t, const uint32_t *succ, size_t n) {
    blk->term = t;
    blk->succ.len = 0;
    for (size_t i = 0; i < n; i++) vec_push(&blk->succ, succ[i]);
    blk->done = true;
}

bool ir_builder_terminate(IrBuilder *b, IrTerm t, const uint32_t *succ, size_t n) {
    BlockB *blk = &b->blocks.data[b->cur];
    if (blk->done) return false;
    set_term(blk, t, succ, n);
    return true;
}

void ir_builder_jump(IrBuilder *b, uint32_t target) {
    IrTerm t;
    memset(&t, 0, sizeof t);
    t.kind = IR_TERM_GOTO;
    ir_builder_terminate(b, t, &target, 1);
}

void ir_builder_return(IrBuilder *b, IrOperand ret, IrLoc loc) {
    IrTerm t;
    memset(&t, 0, sizeof t);
    t.kind = IR_TERM_RETURN;
    t.ret = ret;
    t.loc = loc;
    ir_builder_terminate(b, t, NULL, 0);
}

void ir_builder_branch(IrBuilder *b, IrOperand cond, IrCmp cmp, int64_t rhs, uint32_t succ_true, uint32_t succ_false,
                       IrLoc loc) {
    IrTerm t;
    memset(&t, 0, sizeof t);
    t.kind = IR_TERM_BRANCH;
    t.cmp = (uint8_t)cmp;
    t.rhs = rhs;
    t.cond = cond;
    t.loc = loc;
    uint32_t succ[2] = {succ_true, succ_false};
    ir_builder_terminate(b, t, succ, 2);
}

void ir_builder_set_term(IrBuilder *b, uint32_t block, IrTerm t, const uint32_t *succ, size_t n) {
    if (block < b->blocks.len) set_term(&b->blocks.data[block], t, succ, n);
}

IrTerm *ir_builder_term(IrBuilder *b, uint32_t block) {
    return block < b->blocks.len ? &b->blocks.data[block].term : NULL;
}

/* ---- variables --------------------------------------------------------------- */

uint32_t ir_builder_new_temp(IrBuilder *b) {
    return b->ntemps++;
}

uint32_t ir_builder_va_temp(IrBuilder *b) {
    if (!b->va_temp) b->va_temp = ir_builder_new_temp(b) + 1;
    return b->va_temp - 1;
}

uint32_t ir_builder_ntemps(const IrBuilder *b) {
    return b->ntemps;
}

uint32_t ir_builder_add_local(IrBuilder *b, IrLocal info) {
    vec_push(&b->locals, info);
    return (uint32_t)b->locals.len - 1;
}

IrLocal *ir_builder_local(IrBuilder *b, uint32_t id) {
    return id < b->locals.len ? &b->locals.data[id] : NULL;
}

uint32_t ir_builder_nlocals(const IrBuilder *b) {
    return (uint32_t)b->locals.len;
}

void ir_builder_set_nparams(IrBuilder *b, uint32_t n) {
    b->nparams = n;
}

IrPath ir_builder_local_path(const IrBuilder *b, uint32_t id) {
    IrPath p;
    memset(&p, 0, sizeof p);
    p.root = IR_ROOT_LOCAL;
    p.id = id;
    p.name = id < b->locals.len ? b->locals.data[id].name : NULL;
    return p;
}

IrPath ir_temp_path(uint32_t t) {
    IrPath p;
    memset(&p, 0, sizeof p);
    p.root = IR_ROOT_TEMP;
    p.id = t;
    return p;
}

/* ---- loops ------------------------------------------------------------------- */

int32_t ir_builder_loop_begin(IrBuilder *b, uint32_t exit, IrLoc loc, uint32_t *header) {
    IrLoop lp = {b->loop, 0, exit, loc};
    vec_push(&b->loops, lp);
    int32_t id = (int32_t)b->loops.len - 1;
    b->loop = id;
    uint32_t h = ir_builder_new_block(b);
    b->loops.data[id].header = h;
    if (header) *header = h;
    return id;
}

void ir_builder_loop_end(IrBuilder *b) {
    if (b->loop >= 0) b->loop = b->loops.data[b->loop].parent;
}

int32_t ir_builder_current_loop(const IrBuilder *b) {
    return b->loop;
}
