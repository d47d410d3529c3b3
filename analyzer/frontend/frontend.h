/*
 * frontend.h - the front end: finds the translation units to analyse
 * (compile_commands.json, a directory walk with inferred include paths, or a
 * file list plus compiler flags), parses them in parallel with one CXIndex per
 * worker, and lowers every function body into the IR (ir.h).
 *
 * This is the only module that includes clang-c/Index.h. Everything it hands
 * out is plain IR. Problems with the input (a unit that does not parse, a bad
 * compile database entry) go to the DiagSink; only status returns say that
 * the front end itself could not proceed.
 */
#ifndef RACECHECK_FRONTEND_H
#define RACECHECK_FRONTEND_H

#include "../base/diag.h"
#include "../ir/ir.h"

#include <stdbool.h>
#include <stddef.h>

/* One translation unit to parse: the source file and the compiler arguments
 * to give libclang (without the compiler name, -c, -o and the file itself),
 * with the working directory the compile command ran in. */
typedef struct FeUnit {
    char *file;      /* absolute or relative to the current directory, as found */
    char *directory; /* working directory for relative paths in args */
    char **args;
    size_t nargs;
} FeUnit;

typedef struct FeInputs {
    FeUnit *units;
    size_t nunits;
    char *root; /* project root: the directory, build dir's source or cwd; for relative paths */
} FeInputs;

/* Status of the input-gathering functions. */
typedef enum { FE_OK = 0, FE_ERROR = 1 } FeStatus;

/* Units from BUILD_DIR/compile_commands.json. When nfiles > 0 only the
 * entries for those files are kept (a file not in the database is an error
 * diagnostic). Relative "directory" values resolve against the database's
 * folder. Returns FE_ERROR (with a diagnostic naming the file and, for JSON
 * errors, the line) when the database is missing, unreadable or malformed;
 * an entry without "file" or with neither "command" nor "arguments" is
 * skipped with a diagnostic. extra_flags are appended to every unit. */
FeStatus fe_inputs_from_cdb(FeInputs *in, const char *build_dir, const char *const *files,
                            size_t nfiles, const char *const *extra_flags, size_t nextra,
                            DiagSink *diags);

/* Units for the given source files, each parsed with flags. A missing file
 * is an error diagnostic and FE_ERROR. */
FeStatus fe_inputs_from_files(FeInputs *in, const char *const *files, size_t nfiles,
                              const char *const *flags, size_t nflags, DiagSink *diags);

/* Units for every *.c file below dir (sorted, skipping hidden folders and
 * build outputs such as CMakeFiles). Uses dir/compile_commands.json or
 * dir/build/compile_commands.json if present; otherwise every folder below
 * dir holding a *.h file becomes an -I path (plus dir itself and dir/include),
 * so an unconfigured tree still parses. flags are appended. */
FeStatus fe_inputs_from_dir(FeInputs *in, const char *dir, const char *const *flags,
                            size_t nflags, DiagSink *diags);

/* Keep only the units whose file keep() accepts (in order); returns how many
 * were dropped. */
size_t fe_inputs_filter(FeInputs *in, bool (*keep)(void *ctx, const char *file), void *ctx);
void fe_inputs_free(FeInputs *in);

/* Progress callback: called after each unit finishes (from a worker thread,
 * serialised by the front end). */
typedef void (*FeProgress)(void *ctx, size_t done, size_t total, const char *file);

enum {
    /* Lower a function defined in a header in one unit only (the first to
     * reach it) instead of in every unit that includes it: the linked program
     * is the same, the IR much smaller. Which unit holds it then depends on
     * timing, so --dump-ir does not use it. */
    FE_SHARE_HEADERS = 1 << 0,
};

/* Parses and lowers every unit on `jobs` workers (0 = number of cores), one
 * CXIndex per worker. Returns an array of in->nunits IrUnit pointers (an entry
 * is NULL when the unit could not be parsed at all); the caller frees each
 * with ir_unit_free and the array with free. Clang errors become DIAG_ERROR
 * diagnostics (at most a few per unit, plus a count) and set parse_failed;
 * the unit is still lowered as far as clang got. Never aborts on bad input.
 * With cache (cache.h; may be NULL) a unit whose entry is valid is read
 * from it instead of parsed, every parsed unit is stored, and
 * FE_SHARE_HEADERS is ignored (each unit lowers its header functions, so
 * an entry stands alone). */
struct FeCache;
IrUnit **fe_parse_all(const FeInputs *in, size_t jobs, unsigned flags, struct FeCache *cache, DiagSink *diags,
                      FeProgress progress, void *progress_ctx);

/* fe_parse_all, and *crashed (may be NULL) says how many units the C front
 * end crashed on (a stack overflow on absurdly deep nesting, or a libclang
 * bug): each is NULL in the result, has an error diagnostic, and the others
 * are unaffected. Workers run on large stacks (parse.c). */
IrUnit **fe_parse_all_counted(const FeInputs *in, size_t jobs, unsigned flags, struct FeCache *cache,
                              DiagSink *diags, FeProgress progress, void *progress_ctx, size_t *crashed);

/* Parse and lower one unit (used by fe_parse_all and tests). */
IrUnit *fe_parse_one(void *cxindex, const FeUnit *unit, DiagSink *diags);

#endif
