/*
 * hash.h - content hashes for caching: a 64-bit hash of bytes or of a file's
 * contents, a streaming 128-bit hasher, and the key of one translation
 * unit's IR in the cache (issue 10: the IR cache and `racecheck extract`).
 *
 * Everything is xxHash's XXH3 (libxxhash), whose output is frozen since
 * xxHash 0.8.0: the same bytes give the same hash on every machine,
 * endianness and run, so hashes may be stored on disk and shipped between
 * machines. These are not cryptographic hashes: they detect change, not an
 * adversary.
 *
 * A unit's cache key (hash_unit_key) covers everything its IR depends on:
 * racecheck's version, a hash of the loaded API models and configuration
 * (the caller's: whatever can change what lowering or a later reader of the
 * cached IR does), the unit's command line and working directory, and the
 * path and content of its main file and of every file it includes (the
 * front end records them, with their content hashes, in IrUnit.inputs).
 * Any change to one of them gives another key; nothing else does.
 */
#ifndef RACECHECK_BASE_HASH_H
#define RACECHECK_BASE_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* XXH3 64-bit hash of n bytes (seed 0). data may be NULL when n is 0. */
uint64_t hash64(const void *data, size_t n);

/* The 64-bit hash of a file's contents (hash64 of its bytes) in *out.
 * False, with errno in *err when err is not NULL, when it cannot be read. */
bool hash_file(const char *path, uint64_t *out, int *err);

/* A 128-bit key. */
typedef struct HashKey {
    uint64_t hi, lo;
} HashKey;

enum { HASH_KEY_HEX = 33 }; /* 32 hex digits and the terminator */

/* 32 lowercase hex digits, hi first, into out (HASH_KEY_HEX bytes). */
void hash_key_hex(HashKey k, char out[HASH_KEY_HEX]);
static inline bool hash_key_equal(HashKey a, HashKey b) {
    return a.hi == b.hi && a.lo == b.lo;
}

/* Streaming 128-bit hasher (XXH3_128). Values are added with their length
 * or a tag, so ("ab", "c") and ("a", "bc") hash differently, and a NULL
 * string differently from "". */
typedef struct Hasher Hasher;
Hasher *hasher_new(void);
void hasher_bytes(Hasher *h, const void *data, size_t n); /* length-prefixed */
void hasher_str(Hasher *h, const char *s);                /* NULL allowed */
void hasher_u64(Hasher *h, uint64_t v);                   /* 8 bytes, little-endian */
/* The key of everything added; frees the hasher. */
HashKey hasher_finish(Hasher *h);

/* A file a unit read, with the hash64 of its contents as parsed. */
typedef struct HashFile {
    const char *path;
    uint64_t hash;
} HashFile;

/* What a unit's IR depends on. */
typedef struct HashUnitInputs {
    const char *version;     /* racecheck's version */
    HashKey config;          /* the API models and configuration, hashed by the caller */
    const char *directory;   /* the compile command's working directory (NULL: none) */
    const char *const *args; /* the unit's arguments as given to the parser */
    size_t nargs;
    const char *main_file;   /* the main source file as given */
    const HashFile *files;   /* the main file and every file it includes (IrUnit.inputs) */
    size_t nfiles;
} HashUnitInputs;

/* The cache key of a unit: a hash of every field of in, in order (files in
 * the order given; the front end records them sorted). Pure: the files'
 * contents enter through their hashes; the caller re-hashes the files
 * (hash_file) when it checks whether a stored entry is still valid. */
HashKey hash_unit_key(const HashUnitInputs *in);

#endif
