/*
 * cfg.h - control-flow graph helpers over a function's blocks (block 0 is
 * the entry).
 */
#ifndef RACECHECK_IR_CFG_H
#define RACECHECK_IR_CFG_H

#include "ir.h"

#include <stdbool.h>
#include <stdint.h>

/* The predecessors of every block: preds[pstart[b] .. pstart[b + 1]);
 * both malloc'd (the caller frees them). */
void ir_predecessors(const IrFunc *f, uint32_t **pstart_out, uint32_t **preds_out);
/* The immediate dominator of every block reached from the entry
 * (UINT32_MAX for the others; the entry's is itself), malloc'd. */
uint32_t *ir_dominators(const IrFunc *f);
/* Does block a dominate block b (every block dominates itself; nothing
 * dominates an unreached block)? */
bool ir_dominates(const uint32_t *idom, uint32_t a, uint32_t b);
/* Does every path from the end of block `from` to a return of f enter one
 * of the blocks marked in stop[0..nblocks) (from its top) first? A path
 * ending in IR_TERM_EXIT never returns; `from` ending in a return fails. */
bool ir_returns_pass(const IrFunc *f, uint32_t from, const uint8_t *stop);

#endif
