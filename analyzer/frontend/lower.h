/*
 * lower.h - private interface between parse.c and lower.c: turning one parsed
 * libclang translation unit into an IrUnit. Only the front end includes it.
 */
#ifndef RACECHECK_FRONTEND_LOWER_H
#define RACECHECK_FRONTEND_LOWER_H

#include "../base/diag.h"
#include "../ir/ir.h"

#include <clang-c/Index.h>

/* Functions defined in headers (static inline helpers) are seen by every
 * unit that includes them; the claims set lets the first unit lower each one
 * and the others skip it. Thread-safe. */
typedef struct FeClaims FeClaims;
FeClaims *fe_claims_new(void);
void fe_claims_free(FeClaims *c);
/* True for the first caller with this USR. */
bool fe_claim(FeClaims *c, const char *usr);

/* Lowers every function body, global and initialiser of `tu` (main file and
 * non-system headers) into a fresh IrUnit whose arena owns everything.
 * `path` becomes IrUnit.path. Problems that stop the lowering of one
 * construct (pathological nesting) are reported to diags as notes; the unit
 * is always returned. With claims (may be NULL), a function defined in a
 * header is lowered only by the first unit to claim it. The caller still owns
 * and disposes `tu`; no cursor or CXString is kept. */
IrUnit *fe_lower_tu(CXTranslationUnit tu, const char *path, DiagSink *diags, FeClaims *claims);

/* Record in u->inputs the main file of `tu` and every file it includes,
 * with the hash of each one's contents as parsed (deps.c). */
void fe_record_inputs(CXTranslationUnit tu, IrUnit *u);

#endif
