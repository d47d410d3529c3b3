/*
 * facts.h - the facts files of `racecheck extract` and `racecheck analyze`
 * (issue 10, docs/ci.md, "Distributing the parsing"): the parsed IR of some
 * translation units, written on one machine or by one build job and linked
 * and checked with other units' facts elsewhere, so a build system or a CI
 * matrix distributes the parsing.
 *
 * A facts file is one invocation of `racecheck extract`: any number of
 * units (all those of its inputs, or one --shard of them), each with its
 * serialized IR (ir/serialize.h, the IR cache's format) or a mark that
 * clang could not parse it; the diagnostics the extraction gave (those of
 * reading the inputs, and those of parsing, in the IR cache's diagnostics
 * encoding, cache.h), so that `analyze` reports exactly what a direct run
 * reports; and a header naming what must match for the units to be
 * analysed together: racecheck's version and the hash of its executable
 * (the lowering), and the key of the API models and configuration (the IR
 * cache's config key). Layout (little-endian):
 *
 *   0  "RCFX"
 *   4  u32  facts format version (FE_FACTS_VERSION)
 *   8  u64  payload length (= file size - 24)
 *  16  u64  XXH3-64 of the payload
 *  24  payload:
 *        str version, u64 build, u64 config.hi, u64 config.lo,
 *        str rules directory, str configuration file (none: 0xffffffff),
 *        u32 shard, u32 shards (0 0: not sharded),
 *        u64 length + diagnostics section (reading the inputs),
 *        u64 length + diagnostics section (parsing),
 *        u32 units, per unit: u64 position, str file, u64 IR length
 *        (0: clang could not parse the unit) + serialized IR
 *   str = u32 length + bytes (no NUL)
 *
 * Reading trusts nothing: a truncated, damaged or foreign file gives NULL
 * and a one-line message, never a crash.
 */
#ifndef RACECHECK_FRONTEND_FACTS_H
#define RACECHECK_FRONTEND_FACTS_H

#include "../base/diag.h"
#include "../base/hash.h"
#include "../ir/ir.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { FE_FACTS_VERSION = 1 };

/* What the units were extracted with (checked by `analyze`). */
typedef struct FeFactsInfo {
    const char *version; /* racecheck's version (read: malloc'd, as the other strings) */
    uint64_t build;    /* XXH3-64 of the racecheck executable */
    HashKey config;    /* the API models and configuration (the IR cache's config key) */
    const char *rules;       /* the rules directory, for messages */
    const char *config_file; /* the configuration file in effect, or NULL */
    uint32_t shard, shards; /* --shard K/N, or 0 0 */
} FeFactsInfo;

/* One unit. position orders the units as a direct run would (its index in
 * the compile database, or among the files given). */
typedef struct FeFactsUnit {
    uint64_t position;
    char *file; /* the unit's main file, as the front end names it */
    IrUnit *ir; /* NULL: clang could not parse the unit */
} FeFactsUnit;

typedef struct FeFacts {
    FeFactsInfo info;
    FeFactsUnit *units;
    size_t nunits;
    DiagSink input_diags; /* reading the inputs (the same in every shard) */
    DiagSink parse_diags; /* parsing these units */
} FeFacts;

/* Writes a facts file to path atomically (a temporary file beside it,
 * renamed into place): info, the units, input_diags items [in_from, in_to)
 * and parse_diags items [parse_from, parse_to) that keep accepts (keep may
 * be NULL). False with a malloc'd message in *err when it cannot be
 * written (nothing is left at path then). Strings of info may be NULL. */
bool fe_facts_write(const char *path, const FeFactsInfo *info, const FeFactsUnit *units, size_t nunits,
                    const DiagSink *diags, size_t in_from, size_t in_to, size_t parse_from, size_t parse_to,
                    bool (*keep)(const Diag *), char **err);

/* Reads a facts file. NULL with a malloc'd one-line message in *err (not
 * naming the file) when it cannot be read or is not a whole, undamaged
 * facts file of this format version. Free with fe_facts_free. */
FeFacts *fe_facts_read(const char *path, char **err);

/* Frees f and every unit's IR still in it (a caller that keeps a unit's IR
 * sets its ir to NULL first). */
void fe_facts_free(FeFacts *f);

#endif
