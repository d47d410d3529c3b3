/*
 * defuse.h - a per-function def-use table, built once and then queried in
 * O(1): the questions later stages used to answer by rescanning a
 * function's blocks (which event is this, where is it, how often is this
 * local written, by which event, is this block inside that loop, is this
 * local written inside that loop).
 *
 * Events get typed ids (IrEventId: block and index) and a dense number
 * 0..nevents-1 in block order, for per-event arrays. An event pointer of
 * the function maps to its id through a hash table: the replacement for
 * ir_event_position's scan of every block.
 *
 * Variables are the bare locals and temps (a path without steps; a write to
 * `x.f` or `*p` does not define x or p). For each the table counts
 *   - WRITE events of the bare variable (plain stores, initialisers and
 *     read-modify-writes: x = v, int x = v, x++, x += v);
 *   - ASSIGN events to it (what value was stored: after a plain store or
 *     initialiser, the value of a temporary, a value the desugaring stores);
 *   - CALL events whose result it receives (temps);
 * and derives its *definitions*: every WRITE, every ASSIGN not directly
 * preceded in its block by a WRITE of the same variable (a value stored
 * without a store event), every call result, plus the entry value of a
 * parameter. When a variable has exactly one definition that is an event,
 * the table names the defining event: the ASSIGN saying what was stored
 * when there is one, else the WRITE (a read-modify-write) or the CALL.
 *
 * Loops: block -> innermost loop in O(1) (IrBlock.loop), block-in-loop and
 * loop-in-loop in O(1) through preorder intervals of the loop tree, and for
 * every bare local whether it is written (WRITE) inside a given loop,
 * directly or in a nested loop.
 *
 * Thread safety: ir_defuse_build reads fn only and writes only into the
 * arena it is given, so several threads may build tables for the same
 * function at once, each into its own arena (an Arena is not thread-safe).
 * Queries never modify the table. Nothing is cached on the IrFunc: a caller
 * keeps the table beside its own per-function data, or asks an
 * IrDefUseCache, which builds each function's table once under a lock. A table describes fn as it was when
 * built: rebuild it after fn is rewritten (pools.c's copies are new
 * functions with new event addresses).
 */
#ifndef RACECHECK_IR_DEFUSE_H
#define RACECHECK_IR_DEFUSE_H

#include "ir.h"

typedef struct IrDefUse IrDefUse;

/* What the table knows about one bare local or temp. */
typedef struct IrVarDefs {
    uint32_t nwrites;  /* WRITE events of the bare variable */
    uint32_t nassigns; /* ASSIGN events to the bare variable */
    uint32_t ncalls;   /* CALL events with this temp as result */
    uint32_t ndefs;    /* definitions (see above), the parameter's entry value included */
    bool has_def;      /* exactly one definition and it is an event: def names it */
    IrEventId def;     /* the defining event when has_def */
    bool has_assign;   /* nassigns == 1: assign names that ASSIGN */
    IrEventId assign;  /* the only ASSIGN when has_assign */
} IrVarDefs;

/* Build the table of fn into arena a (everything it allocates lives there;
 * nothing to free). fn must be well formed (ir_check_func). */
IrDefUse *ir_defuse_build(Arena *a, const IrFunc *fn);

/* The function the table describes. */
const IrFunc *ir_defuse_func(const IrDefUse *du);

/* Tables built lazily, once per function, shared by threads: a cache owns
 * its arena and a lock. ir_defuse_cached builds fn's table on the first
 * request and returns the same table afterwards; safe to call from several
 * threads at once (the lock is held while a table is built). Tables live
 * until the cache is freed; the functions must not change meanwhile. */
typedef struct IrDefUseCache IrDefUseCache;
IrDefUseCache *ir_defuse_cache_new(void);
void ir_defuse_cache_free(IrDefUseCache *c);
const IrDefUse *ir_defuse_cached(IrDefUseCache *c, const IrFunc *fn);

/* ---- events ------------------------------------------------------------------ */

/* Number of events of the function. */
uint32_t ir_defuse_nevents(const IrDefUse *du);

/* The id of event ev of the function, in O(1); false when ev is not one of
 * the function's events (replaces ir_event_position). */
bool ir_defuse_event_id(const IrDefUse *du, const IrEvent *ev, IrEventId *id);

/* The dense number of event id (0..nevents-1, in block then event order),
 * for per-event arrays; false when id is out of range. */
bool ir_defuse_event_index(const IrDefUse *du, IrEventId id, uint32_t *i);

/* The id of dense event number i; false when i >= ir_defuse_nevents. */
bool ir_defuse_event_at(const IrDefUse *du, uint32_t i, IrEventId *id);

/* ---- variables --------------------------------------------------------------- */

/* Definitions of bare local `local` / temp `temp`; NULL when out of
 * range. */
const IrVarDefs *ir_defuse_local(const IrDefUse *du, uint32_t local);
const IrVarDefs *ir_defuse_temp(const IrDefUse *du, uint32_t temp);

/* The same for the root of a bare path (LOCAL or TEMP root, no steps);
 * NULL for any other path. */
const IrVarDefs *ir_defuse_var(const IrDefUse *du, const IrPath *path);

/* The ASSIGN that is the one definition of a variable (d: its entry), the
 * value stored being its source; NULL when it has several definitions,
 * is a parameter's entry value, or is defined otherwise (a call result, a
 * read-modify-write). */
const IrEvent *ir_defuse_sole_assign(const IrDefUse *du, const IrVarDefs *d);
/* Is bare local `local` written (a WRITE event) in a block inside loop
 * `loop` (directly or in a nested loop)? */
bool ir_defuse_written_in_loop(const IrDefUse *du, uint32_t local, int32_t loop);

/* ---- loops ------------------------------------------------------------------- */

/* Innermost loop of block b, -1 when none or b out of range. */
int32_t ir_defuse_block_loop(const IrDefUse *du, uint32_t b);

/* Is block b inside loop `loop` (directly or in a nested loop)? Same answer
 * as ir_block_in_loop, in O(1). */
bool ir_defuse_block_in_loop(const IrDefUse *du, uint32_t b, int32_t loop);

/* Is loop `inner` loop `outer` or nested in it? -1 is no loop: nothing is
 * inside it and it is inside nothing. */
bool ir_defuse_loop_within(const IrDefUse *du, int32_t inner, int32_t outer);

/* ---- block order ---------------------------------------------------------------- */

/* Every block of the function once (fn->nblocks entries): reverse post-order
 * of the blocks reachable from block 0, then the unreachable ones by index.
 * Forward dataflow converges in a few rounds in this order. */
const uint32_t *ir_defuse_block_order(const IrDefUse *du);

#endif
