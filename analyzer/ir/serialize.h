/*
 * serialize.h - the IR of one translation unit as bytes: the format of the
 * IR cache and of `racecheck extract` (issue 10), documented in
 * docs/ir-format.md.
 *
 * A compact, versioned binary form of an IrUnit and everything it owns:
 * a fixed header (magic "RCIR", format version, payload length, a checksum
 * of the payload), then a table of distinct strings and the unit (globals,
 * externs, the <init> pseudo-function, functions with their locals, loops,
 * blocks, events, paths, steps, operands, calls and terminators, the input
 * files). Integers are little-endian: fixed-width in the header, LEB128
 * varints (zigzag for signed values) in the payload. Only the fields a
 * kind makes meaningful are stored (an operand's union member by its kind, a
 * step's by its kind and index kind, a terminator's condition and
 * comparison only for BRANCH), so the bytes never depend on uninitialised
 * union members: the same IR gives the same bytes on every machine.
 *
 * Reading trusts nothing: every length, count, index and enum value is
 * checked against what the bytes can hold and what the IR allows
 * (ir_check_unit runs on the result), so a truncated, corrupt or foreign
 * buffer gives NULL and a message, never a crash or a malformed unit.
 */
#ifndef RACECHECK_IR_SERIALIZE_H
#define RACECHECK_IR_SERIALIZE_H

#include "ir.h"

#include <stdio.h>

/* The format version written; readers accept only this one (a cache entry
 * of another version is stale). Bump it on any change to the layout. */
enum { IR_FORMAT_VERSION = 19 }; /* 2: layout of FIELD and INDEX steps; 3: two-variable branch comparisons;
                                  4: whole-object READ/WRITE flag, string literal text;
                                  5: the functions whose address a unit converts;
                                  6: UP steps (container_of), field aliases;
                                  7: data- and function-pointer flags of locals and globals;
                                  8: the record type a dereference reaches, pointer results
                                     of calls;
                                  9: stepped integers (IR_EV_STEP_UP/DOWN, IR_EV_STEPPED);
                                  10: the integer arithmetic of UNKNOWN operands;
                                  11: arithmetic DIV, MOD, AND and temporaries;
                                  12: switch statements lowered to chains of tests
                                      (the layout is 11's; the lowering changed);
                                  13: initialisers' FIELD steps carry their layout
                                      (the layout is 11's; the lowering changed);
                                  14: an UNKNOWN index step's expression key;
                                  15: a function's hidden visibility (flag 4);
                                  16: an UNKNOWN index's arithmetic assigned to a temporary
                                      before its access, `p + i` lowered as `&p[i]` (the
                                      layout is 15's; the lowering changed);
                                  17: arithmetic EQ and NE (`got = trylock(..) == 0`);
                                  18: a FIELD step's shape (record or plain) in its index-kind
                                      byte (the layout is 17's; the lowering changed);
                                  19: a field's value (`q->head`, `q.first`) is a term of
                                      arithmetic, read into a temporary as a global's is
                                      (the layout is 18's; the lowering changed) */

/* Size of the fixed header: magic (4), version (u32), reserved flags (u32,
 * zero), payload length (u64), XXH3-64 checksum of the payload (u64). */
enum { IR_FORMAT_HEADER = 28 };

/* Serialises u into a fresh malloc'd buffer of *n bytes (the caller frees
 * it). Deterministic: equal units give equal bytes. Never fails (allocation
 * failure aborts). */
void *ir_unit_serialize(const IrUnit *u, size_t *n);

/* Writes ir_unit_serialize's bytes to out. False when writing fails (errno
 * is set by stdio); out is not flushed or closed. */
bool ir_unit_write(const IrUnit *u, FILE *out);

/* Reads a serialised unit from data[0..n) into a fresh IrUnit whose arena
 * owns everything (free it with ir_unit_free); data is not referenced
 * afterwards. Equal strings of the unit share one copy. On any problem
 * (truncation, a bad magic, another format version, a checksum mismatch, a
 * count or index out of range, an unknown kind, IR that ir_check_unit
 * rejects) returns NULL and writes a one-line message into err (errn
 * bytes, always terminated; err may be NULL when errn is 0). Never reads
 * outside data[0..n). */
IrUnit *ir_unit_read(const void *data, size_t n, char *err, size_t errn);

/* Are a and b the same IR, field by field (the fields each kind makes
 * meaningful, strings by content)? When not, the first difference is
 * described in why (whyn bytes; why may be NULL when whyn is 0). For tests
 * and the debug round trip. */
bool ir_unit_equal(const IrUnit *a, const IrUnit *b, char *why, size_t whyn);

/* Debugging the format on real IR (RACECHECK_IR_ROUNDTRIP=1 in the front
 * end): serialize *u, read it back, check that the copy equals *u
 * (ir_unit_equal) and serializes to the same bytes, then free *u and put the
 * copy in its place. On a failure *u is left as it was and the reason is in
 * err (errn bytes); returns false. */
bool ir_unit_roundtrip(IrUnit **u, char *err, size_t errn);

#endif
