/*
 * builder.h - the one way to make function IR: the lowering builds every
 * function through it, the model's API desugaring (pools.c) rewrites
 * functions and synthesises trampolines through it, and the unit tests build
 * their IR through it.
 *
 * A builder holds a function under construction: growable blocks (events, a
 * terminator once set, successors, the innermost enclosing loop), locals, a
 * temp counter and the loop table. There is always a current block, where
 * events go; ir_builder_finish freezes everything into an IrFunc in the
 * arena given at creation.
 *
 * Loops are computed the way structured lowering sees them: between
 * ir_builder_loop_begin and ir_builder_loop_end a loop is *current*, every
 * block created meanwhile belongs to it (IrBlock.loop), and a loop begun
 * while another is current is nested in it (IrLoop.parent). A loop's exit
 * block is created before the loop begins, so it belongs to the enclosing
 * loop; its header is created by ir_builder_loop_begin, so it belongs to the
 * loop. Loop ids therefore grow from parents to children.
 *
 * A block is *terminated* once it has a terminator; terminating it again is
 * a no-op (code after `return` lands in a fresh block the caller creates,
 * and the jump that would have closed the block is dropped). A block still
 * open at ir_builder_finish returns (IR_TERM_RETURN with no value): the end
 * of a function body.
 *
 * Editing: ir_builder_edit starts from an existing function (every block
 * terminated, as it was); the caller may clear and refill a block's events,
 * append events, replace terminators, add blocks, temps, locals and loops;
 * ir_builder_finish makes a new IrFunc and leaves the original untouched.
 * Emitting returns the event's IrEventId, stable in the finished function,
 * so a caller can attach facts to synthesised events without keeping
 * pointers.
 *
 * Not thread-safe; one builder per thread. Builders allocate their working
 * vectors on the heap; only the finished function lives in the arena.
 */
#ifndef RACECHECK_IR_BUILDER_H
#define RACECHECK_IR_BUILDER_H

#include "ir.h"

typedef struct IrBuilder IrBuilder;

/* A builder for a new function whose IR will live in arena a, with the entry
 * block 0 created and current, no loop current, no locals and no temps. */
IrBuilder *ir_builder_new(Arena *a);

/* A builder editing a copy of f (header fields, locals, temps, loops, blocks
 * with their events, terminators, successors and loops), the copy living in
 * arena a. Every block is terminated; block 0 is current; no loop is
 * current. f is never modified. */
IrBuilder *ir_builder_edit(Arena *a, const IrFunc *f);

/* Freeze the function into arena a and free the builder. When f is NULL a
 * new IrFunc is allocated in a and its header fields (usr, name, loc,
 * is_static, is_hidden, is_variadic, type) are copied from the edited function (zero
 * for ir_builder_new); otherwise only f's body fields are set (nparams,
 * locals, ntemps, blocks, loops) and its header fields are left as they
 * are. Blocks still open get a RETURN without value. Returns the function. */
IrFunc *ir_builder_finish(IrBuilder *b, IrFunc *f);

/* Free a builder without finishing it (error paths). NULL is allowed. */
void ir_builder_free(IrBuilder *b);

/* The arena the finished function will live in (for operands, calls and
 * paths the caller allocates alongside). */
Arena *ir_builder_arena(const IrBuilder *b);

/* ---- blocks ---------------------------------------------------------------- */

/* A new, open, empty block belonging to the current loop; returns its id.
 * The current block does not change. */
uint32_t ir_builder_new_block(IrBuilder *b);

/* Make block `block` (< ir_builder_nblocks) current. */
void ir_builder_enter(IrBuilder *b, uint32_t block);

/* The current block, where events go. */
uint32_t ir_builder_current(const IrBuilder *b);

/* Number of blocks so far (block ids are 0 .. nblocks-1). */
uint32_t ir_builder_nblocks(const IrBuilder *b);

/* Has block `block` a terminator? */
bool ir_builder_terminated(const IrBuilder *b, uint32_t block);

/* Number of events of block `block` so far. */
uint32_t ir_builder_nevents(const IrBuilder *b, uint32_t block);

/* The event id names, while building: valid until the next event is
 * emitted into the same block; NULL when out of range. */
IrEvent *ir_builder_event(IrBuilder *b, IrEventId id);

/* Drop the events of block `block` (its terminator stays): for rewriting
 * a block of an edited function event by event. */
void ir_builder_clear_events(IrBuilder *b, uint32_t block);

/* ---- events ---------------------------------------------------------------- */

/* Append ev to the current block (even when it is terminated: the caller
 * decides reachability); returns its id. ev is copied; what it points to
 * (steps, src, call) is not and must live as long as the function. */
IrEventId ir_builder_emit(IrBuilder *b, IrEvent ev);

/* READ or WRITE of path p (k is IR_EV_READ or IR_EV_WRITE). */
IrEventId ir_builder_emit_access(IrBuilder *b, IrEventKind k, IrPath p, uint8_t flags, IrLoc loc);

/* The WRITE of a read-modify-write stepping an integer up (IR_EV_STEP_UP)
 * or down (IR_EV_STEP_DOWN) by `size` (> 0; 0: not known). */
IrEventId ir_builder_emit_step(IrBuilder *b, IrPath p, uint8_t flags, int64_t size, IrLoc loc);

/* ASSIGN dst := src; src is copied into the arena. */
IrEventId ir_builder_emit_assign(IrBuilder *b, IrPath dst, IrOperand src, uint8_t flags, IrLoc loc);

/* CALL callee(args[0..nargs)) -> result (a temp number, or -1 for none);
 * callee and args are copied into the arena, the call's type is NULL (set
 * it through ir_builder_event when known). */
IrEventId ir_builder_emit_call(IrBuilder *b, IrOperand callee, const IrOperand *args, uint32_t nargs,
                               int32_t result, IrLoc loc);

/* ---- terminators ----------------------------------------------------------- */

/* Terminate the current block with t and successors succ[0..n) unless it is
 * terminated already; returns whether it did. succ is copied. */
bool ir_builder_terminate(IrBuilder *b, IrTerm t, const uint32_t *succ, size_t n);

/* Terminate the current block (unless terminated) with a GOTO to target. */
void ir_builder_jump(IrBuilder *b, uint32_t target);

/* Terminate the current block (unless terminated) with a RETURN of ret. */
void ir_builder_return(IrBuilder *b, IrOperand ret, IrLoc loc);

/* Terminate the current block (unless terminated) with a BRANCH: succ_true
 * when (cond cmp rhs) holds, succ_false otherwise. */
void ir_builder_branch(IrBuilder *b, IrOperand cond, IrCmp cmp, int64_t rhs, uint32_t succ_true, uint32_t succ_false,
                       IrLoc loc);

/* Replace block `block`'s terminator and successors, terminated or not
 * (editing: rewriting a branch). */
void ir_builder_set_term(IrBuilder *b, uint32_t block, IrTerm t, const uint32_t *succ, size_t n);

/* Block `block`'s terminator, for editing in place (meaningful once the
 * block is terminated); NULL when out of range. */
IrTerm *ir_builder_term(IrBuilder *b, uint32_t block);

/* ---- variables -------------------------------------------------------------- */

/* A fresh temporary; returns its number. */
uint32_t ir_builder_new_temp(IrBuilder *b);
/* The temporary va_arg reads (IrFunc.va_temp), made on the first call. */
uint32_t ir_builder_va_temp(IrBuilder *b);

/* Number of temporaries so far (temp numbers are 0 .. ntemps-1). */
uint32_t ir_builder_ntemps(const IrBuilder *b);

/* Add a local (parameters first: see ir_builder_set_nparams); returns its
 * index. The strings in info must live as long as the function. */
uint32_t ir_builder_add_local(IrBuilder *b, IrLocal info);

/* Local `id`, for reading or updating its flags (IR_LOCAL_ADDR_TAKEN found
 * later); valid until the next ir_builder_add_local; NULL when out of
 * range. */
IrLocal *ir_builder_local(IrBuilder *b, uint32_t id);

/* Number of locals so far, parameters included. */
uint32_t ir_builder_nlocals(const IrBuilder *b);

/* Locals [0, n) are the parameters. */
void ir_builder_set_nparams(IrBuilder *b, uint32_t n);

/* Path naming local `id` (no steps; name from the local). */
IrPath ir_builder_local_path(const IrBuilder *b, uint32_t id);

/* Path naming temp `t` (no steps). */
IrPath ir_temp_path(uint32_t t);

/* ---- loops ------------------------------------------------------------------ */

/* Begin a loop nested in the current loop, leaving through block `exit`
 * (created before, so outside it), located at loc. Creates its header block
 * (stored in *header when header is not NULL), which belongs to the new
 * loop, and makes the loop current. The current block does not change.
 * Returns the loop's id. */
int32_t ir_builder_loop_begin(IrBuilder *b, uint32_t exit, IrLoc loc, uint32_t *header);

/* End the current loop: its parent becomes current. No-op when no loop is
 * current. */
void ir_builder_loop_end(IrBuilder *b);

/* The current loop, -1 when none (the IrBlock.loop convention). */
int32_t ir_builder_current_loop(const IrBuilder *b);

#endif
