/*
 * cache.h - the incremental IR cache (issue 10, docs/cache.md): one file per
 * translation unit holding its serialized IR (ir/serialize.h) and the
 * diagnostics its parse produced, so a re-run with nothing changed parses
 * nothing and a one-file edit parses the units that read the file.
 *
 * The model is ccache's "manifest": which headers a unit includes is known
 * only after parsing, so the entry is found by a key of what is known before
 * (racecheck's build, the API models and configuration, the unit's working
 * directory, arguments and main file: hash_unit_key without files) and
 * validated by what it records (IrUnit.inputs: every file the unit read,
 * with its content hash, re-hashed now). A mismatch, a missing, truncated,
 * corrupt or foreign entry is a miss: the unit is parsed and the entry
 * rewritten. Entries are written to a temporary file in the cache directory
 * and renamed into place, so concurrent runs sharing a cache only ever see
 * whole entries. Nothing about the cache is ever an error: a failed write is
 * one warning, a bad entry is rebuilt.
 *
 * Thread-safe: the parse workers look up and store concurrently.
 */
#ifndef RACECHECK_FRONTEND_CACHE_H
#define RACECHECK_FRONTEND_CACHE_H

#include "../base/diag.h"
#include "../base/hash.h"
#include "../ir/ir.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct FeCache FeCache;
struct FeUnit;

/* What happened to the units of a run (fe_cache_stats). */
typedef struct FeCacheStats {
    size_t hits;      /* units whose IR came from the cache */
    size_t parsed;    /* units parsed (every miss) */
    size_t stale;     /* of those: an entry existed, an input file had changed */
    size_t corrupt;   /* of those: an entry existed and could not be read */
    size_t written;   /* entries written */
    size_t unwritten; /* entries that could not be written */
    size_t skipped;   /* units not stored: not parsed at all, or a missing #include */
} FeCacheStats;

/* Opens (creating it and its parents when needed) the cache directory dir.
 * version names racecheck's build (its version and a hash of the
 * executable), config is the caller's hash of the API models and the
 * configuration. NULL with a malloc'd message in *err when dir cannot be
 * created or is not a directory. */
FeCache *fe_cache_open(const char *dir, const char *version, HashKey config, char **err);
void fe_cache_close(FeCache *c);
const char *fe_cache_dir(const FeCache *c);
FeCacheStats fe_cache_stats(FeCache *c);

/* The lookup key of unit (version, config, directory, arguments, main
 * file). */
HashKey fe_cache_key(const FeCache *c, const struct FeUnit *unit);

/* The cached IR of the unit with this key when the entry exists, reads back
 * whole and every input file it lists still has the recorded content hash;
 * the diagnostics its parse gave are reported again into diags. NULL on a
 * miss (counted as stale or corrupt when an entry was there). */
IrUnit *fe_cache_load(FeCache *c, HashKey key, DiagSink *diags);

/* Stores u (parsed now) with the diagnostics of its parse under key,
 * atomically (temporary file + rename). Units whose parse could not find an
 * #include are not stored: the missing file is not among their inputs, so
 * creating it would not invalidate the entry. The first failed write of a
 * run is reported to warn as a warning. */
void fe_cache_store(FeCache *c, HashKey key, const IrUnit *u, const DiagSink *unit_diags, DiagSink *warn);

/* Other entries of the cache (the whole-program results of cli/result.c):
 * bytes stored under <key>.<ext>, atomically like a unit's entry (a failure
 * is a warning, false), and read back whole (malloc'd, *n bytes; NULL when
 * absent or unreadable). The caller checks what it reads. */
bool fe_cache_put_blob(FeCache *c, HashKey key, const char *ext, const void *data, size_t n, DiagSink *warn);
void *fe_cache_get_blob(FeCache *c, HashKey key, const char *ext, size_t *n);

/* A unit was parsed (a miss, whether or not it is then stored). */
void fe_cache_count_parsed(FeCache *c);

/* The diagnostics section of an entry, shared with the facts files of
 * `racecheck extract` (facts.h): u32 count, then per diagnostic u8 level,
 * u32 line, u32 col, file (u32 length, 0xffffffff for none, bytes), message
 * (u32 length, bytes), little-endian. fe_diags_encode writes d->items[from,
 * to) that keep accepts (keep may be NULL: all) into a fresh malloc'd buffer
 * of *n bytes. fe_diags_decode reports the diagnostics of data[0, len) into
 * diags; false, reporting nothing, when the bytes are not exactly one
 * well-formed section. */
void *fe_diags_encode(const DiagSink *d, size_t from, size_t to, bool (*keep)(const Diag *), size_t *n);
bool fe_diags_decode(const void *data, size_t len, DiagSink *diags);

#endif
