/*
 * lower.h - private interface between parse.c and lower.c: turning one parsed
 * libclang translation unit into an IrUnit. Only the front end includes it.
 */
#ifndef RACECHECK_FRONTEND_LOWER_H
#define RACECHECK_FRONTEND_LOWER_H

#include "../base/diag.h"
#include "../ir/ir.h"

#include <clang-c/Index.h>

/* Lowers every function body, global and initialiser of `tu` (main file and
 * non-system headers) into a fresh IrUnit whose arena owns everything.
 * `path` becomes IrUnit.path. Problems that stop the lowering of one
 * construct (pathological nesting) are reported to diags as notes; the unit
 * is always returned. The caller still owns and disposes `tu`; no cursor or
 * CXString is kept. */
IrUnit *fe_lower_tu(CXTranslationUnit tu, const char *path, DiagSink *diags);

#endif
