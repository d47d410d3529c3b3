/*
 * result_cache.h - whole-program results in the IR cache (docs/cache.md,
 * "Re-runs with nothing changed").
 *
 * The findings of a run are a pure function of the IR of its units (each
 * a function of racecheck's build, the API models and configuration, the
 * unit's command line and the contents of every file it read: the unit
 * cache's key and IrUnit.inputs), of the model options (--entry,
 * --library) and of the working directory the paths are reported from.
 * A run whose units all have such a key stores its findings (before
 * fingerprints, suppressions and triage, which are applied on every run)
 * and the diagnostics of its model and checks under the hash of all of
 * them; a later run with the same hash reads them back instead of building
 * the model and running the checks. Like a build tool's no-op: any change
 * to any input gives another hash.
 */
#ifndef RACECHECK_CLI_RESULT_CACHE_H
#define RACECHECK_CLI_RESULT_CACHE_H

#include "../base/finding.h"
#include "../frontend/cache.h"
#include "../frontend/frontend.h"
#include "../model/model.h"

/* The key of the whole-program result of these units in *key; false when
 * some unit has no complete record of what it read (not parsed, or a
 * missing #include: the cache counted it as not cacheable), so a result
 * could outlive a change. */
bool cli_result_key(FeCache *c, const FeInputs *in, IrUnit *const *units, const ModelOptions *mo, const char *cwd,
                    HashKey *key);

/* The stored result of key: its findings appended to fl, its diagnostics
 * reported into diags, the number of threads in *nthreads. False (nothing
 * added) when there is none or it does not read back whole. */
bool cli_result_load(FeCache *c, HashKey key, FindingList *fl, DiagSink *diags, size_t *nthreads);

/* Stores findings fl, the diagnostics d->items[from, len) and nthreads
 * under key (a failed write is one warning into warn). */
void cli_result_store(FeCache *c, HashKey key, const FindingList *fl, const DiagSink *d, size_t from,
                      size_t nthreads, DiagSink *warn);

#endif
