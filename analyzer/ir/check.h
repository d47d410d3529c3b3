/*
 * check.h - the IR well-formedness checker: the invariants every stage may
 * rely on without testing them, checked in one place. Run on every lowered
 * function in debug builds (RACECHECK_IR_CHECK, defined for
 * CMAKE_BUILD_TYPE=Debug or with -DRACECHECK_IR_CHECK=ON), after every
 * rewrite of a function (the model's desugaring calls ir_check_debug), and
 * by the unit tests.
 *
 * A well-formed function has
 *   - an entry block (nblocks >= 1) and arrays present where counts say so;
 *   - in every block a terminator of a known kind with the successor count
 *     its kind implies (GOTO 1, BRANCH 2, SWITCH at least 1, RETURN and
 *     EXIT none), every successor a block id, a known comparison on
 *     branches;
 *   - IrBlock.loop -1 or a loop id; loops whose parent is -1 or an earlier
 *     loop (so nesting is a tree, ids growing from parents to children),
 *     whose header is a block belonging to the loop itself and whose exit is
 *     a block outside it;
 *   - locals [0, nparams) flagged IR_LOCAL_PARAM and no other, names
 *     present;
 *   - events of known kinds with only known flags; READ/WRITE/ASSIGN paths
 *     and every operand's path well formed; ASSIGN with a source, CALL with
 *     a call whose result is -1 or a temp, whose arguments are present and
 *     well formed;
 *   - paths: a known root; LOCAL root < nlocals, TEMP root < ntemps, GLOBAL
 *     with a USR, steps of known kinds, FIELD with a name, DEREF and FIELD
 *     with no index kind, INDEX with a known index kind whose local (< nlocals)
 *     or temp (< ntemps) is in range;
 *   - operands of known kinds: VALUE/ADDR with a well-formed path, FUNC with
 *     a name or USR, `record` only on VALUE, `offset` only on VALUE/ADDR.
 */
#ifndef RACECHECK_IR_CHECK_H
#define RACECHECK_IR_CHECK_H

#include "ir.h"

/* Is fn well formed (see above)? On failure writes the first violation,
 * naming the block and event ("block 3 event 2: local 7 out of range (5
 * locals)"), into err (n bytes, always terminated; err may be NULL when n
 * is 0) and returns false. Never modifies fn; safe from several threads. */
bool ir_check_func(const IrFunc *fn, char *err, size_t n);

/* ir_check_func on every function of u, its <init> included; the message
 * starts with the function's name. */
bool ir_check_unit(const IrUnit *u, char *err, size_t n);

/* True in builds with RACECHECK_IR_CHECK (debug builds). */
bool ir_check_enabled(void);

/* In builds with RACECHECK_IR_CHECK: check fn and abort with the violation
 * and `stage` (what produced fn: "lowering", "pools") on stderr when it is
 * malformed, like a failed assertion. Otherwise does nothing. */
void ir_check_debug(const IrFunc *fn, const char *stage);

#endif
