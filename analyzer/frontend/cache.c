/*
 * cache.c - the incremental IR cache (cache.h, docs/cache.md).
 *
 * An entry is <dir>/<32 hex digits of the lookup key>.rcir:
 *
 *   0  "RCCE"
 *   4  u32  entry version (FE_CACHE_VERSION)
 *   8  u64  length of the diagnostics section
 *  16  u64  XXH3-64 of the diagnostics section
 *  24  diagnostics: u32 count, then per diagnostic u8 level, u32 line,
 *      u32 col, file (u32 length, 0xffffffff for none, bytes), message
 *      (u32 length, bytes)
 *  ..  the unit's serialized IR (ir/serialize.h: its own header, version
 *      and checksum) to the end of the file
 *
 * All integers little-endian. The IR carries IrUnit.inputs, the files to
 * re-hash; a file is hashed at most once per run (a shared memo), since
 * most units of a program include the same headers.
 *
 * SOUNDNESS: like ccache, an entry is valid while every file the unit read
 * is unchanged. A header created later earlier in the include path (which
 * would shadow one the unit read) is not noticed; a unit whose parse could
 * not find an #include is never stored, so creating the missing file does
 * take effect.
 */
#include "cache.h"

#include "../base/bytes.h"
#include "../ir/serialize.h"
#include "frontend.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { FE_CACHE_VERSION = 1, FE_CACHE_HEADER = 24 };

typedef struct HashMemo {
    bool ok;
    uint64_t hash;
} HashMemo;

struct FeCache {
    char *dir;
    char *version;
    HashKey config;
    pthread_mutex_t mu; /* guards everything below */
    StrMap memo;        /* path -> HashMemo, files hashed this run */
    Arena *arena;
    FeCacheStats st;
    bool warned;
};

/* mkdir -p; false with errno set. */
static bool make_dirs(const char *path) {
    char *p = xstrdup(path);
    bool ok = true;
    for (char *s = p + 1; ok; s++) {
        if (*s != '/' && *s) continue;
        char c = *s;
        *s = 0;
        struct stat st;
        if (stat(p, &st) != 0) ok = mkdir(p, 0777) == 0 || errno == EEXIST;
        else if (!S_ISDIR(st.st_mode)) {
            errno = ENOTDIR;
            ok = false;
        }
        *s = c;
        if (!c) break;
    }
    free(p);
    return ok;
}

/* Temporary files of writers that died before their rename (a killed run)
 * are removed once they are an hour old; a younger one may be a concurrent
 * run's entry being written. */
enum { FE_CACHE_TMP_MAX_AGE = 3600 };

static void remove_stale_temporaries(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    time_t now = time(NULL);
    for (struct dirent *e; (e = readdir(d));) {
        if (strncmp(e->d_name, ".tmp-", 5) != 0) continue;
        char *path = xasprintf("%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > FE_CACHE_TMP_MAX_AGE)
            unlink(path);
        free(path);
    }
    closedir(d);
}

FeCache *fe_cache_open(const char *dir, const char *version, HashKey config, char **err) {
    if (!make_dirs(dir)) {
        *err = xasprintf("cannot create the cache directory %s: %s", dir, strerror(errno));
        return NULL;
    }
    remove_stale_temporaries(dir);
    FeCache *c = xcalloc(1, sizeof *c);
    c->dir = xstrdup(dir);
    c->version = xstrdup(version);
    c->config = config;
    pthread_mutex_init(&c->mu, NULL);
    strmap_init(&c->memo);
    c->arena = arena_new();
    return c;
}

void fe_cache_close(FeCache *c) {
    if (!c) return;
    pthread_mutex_destroy(&c->mu);
    strmap_free(&c->memo);
    arena_free(c->arena);
    free(c->dir);
    free(c->version);
    free(c);
}

const char *fe_cache_dir(const FeCache *c) {
    return c->dir;
}

FeCacheStats fe_cache_stats(FeCache *c) {
    pthread_mutex_lock(&c->mu);
    FeCacheStats s = c->st;
    pthread_mutex_unlock(&c->mu);
    return s;
}

#define COUNT(c, field)                  \
    do {                                 \
        pthread_mutex_lock(&(c)->mu);    \
        (c)->st.field++;                 \
        pthread_mutex_unlock(&(c)->mu);  \
    } while (0)

void fe_cache_count_parsed(FeCache *c) {
    COUNT(c, parsed);
}

HashKey fe_cache_key(const FeCache *c, const FeUnit *unit) {
    HashUnitInputs in = {c->version, c->config, unit->directory, (const char *const *)unit->args, unit->nargs,
                         unit->file, NULL, 0};
    return hash_unit_key(&in);
}

static char *entry_path(const FeCache *c, HashKey key, const char *ext) {
    char hex[HASH_KEY_HEX];
    hash_key_hex(key, hex);
    return xasprintf("%s/%s.%s", c->dir, hex, ext);
}

/* The content hash of path, computed at most once per run. */
static bool file_hash(FeCache *c, const char *path, uint64_t *h) {
    pthread_mutex_lock(&c->mu);
    HashMemo *m = strmap_get(&c->memo, path);
    pthread_mutex_unlock(&c->mu);
    if (m) {
        *h = m->hash;
        return m->ok;
    }
    HashMemo now = {false, 0};
    now.ok = hash_file(path, &now.hash, NULL);
    pthread_mutex_lock(&c->mu);
    if (!strmap_get(&c->memo, path)) {
        HashMemo *k = ARENA_NEW(c->arena, HashMemo);
        *k = now;
        strmap_put(&c->memo, arena_strdup(c->arena, path), k);
    }
    pthread_mutex_unlock(&c->mu);
    *h = now.hash;
    return now.ok;
}

/* ---- lookup --------------------------------------------------------------- */

void *fe_diags_encode(const DiagSink *d, size_t from, size_t to, bool (*keep)(const Diag *), size_t *n) {
    ByteBuf b = {0};
    size_t count = 0;
    bytes_put_uint(&b, 0, 4); /* patched below */
    for (size_t i = from; i < to && i < d->len; i++) {
        const Diag *x = &d->items[i];
        if (keep && !keep(x)) continue;
        bytes_put_uint(&b, (uint64_t)x->level, 1);
        bytes_put_uint(&b, x->line, 4);
        bytes_put_uint(&b, x->col, 4);
        bytes_put_str(&b, x->file);
        bytes_put_str(&b, x->message);
        count++;
    }
    for (int k = 0; k < 4; k++) b.p[k] = (unsigned char)(count >> (8 * k));
    *n = b.len;
    return b.p;
}

bool fe_diags_decode(const void *data, size_t len, DiagSink *diags) {
    const unsigned char *p = data;
    if (len < 4) return false;
    ByteReader r = {p, len, 0, false};
    uint32_t n = (uint32_t)bytes_get_uint(&r, 4);
    if (r.bad || n > len / 13) return false; /* a diagnostic takes at least 13 bytes */
    DiagSink tmp;
    diag_init(&tmp);
    for (uint32_t i = 0; i < n && !r.bad; i++) {
        unsigned level = (unsigned)bytes_get_uint(&r, 1);
        unsigned line = (unsigned)bytes_get_uint(&r, 4), col = (unsigned)bytes_get_uint(&r, 4);
        char *file = bytes_get_str(&r);
        char *msg = bytes_get_str(&r);
        if (!r.bad && (level > DIAG_ERROR || !msg)) r.bad = true;
        if (!r.bad) diag_report(&tmp, (DiagLevel)level, file, line, col, "%s", msg);
        free(file);
        free(msg);
    }
    bool ok = !r.bad && r.at == len;
    for (size_t i = 0; ok && i < tmp.len; i++) {
        const Diag *d = &tmp.items[i];
        diag_report(diags, d->level, d->file, d->line, d->col, "%s", d->message);
    }
    diag_free(&tmp);
    return ok;
}

IrUnit *fe_cache_load(FeCache *c, HashKey key, DiagSink *diags) {
    char *path = entry_path(c, key, "rcir");
    size_t n = 0;
    int e = 0;
    unsigned char *data = (unsigned char *)base_read_file(path, &n, &e);
    free(path);
    if (!data) return NULL; /* no entry (or unreadable: rebuilt either way) */
    IrUnit *u = NULL;
    ByteReader r = {data, n, 0, false};
    bool ok = n >= FE_CACHE_HEADER && memcmp(data, "RCCE", 4) == 0;
    r.at = 4;
    ok = ok && bytes_get_uint(&r, 4) == FE_CACHE_VERSION;
    uint64_t dlen = ok ? bytes_get_uint(&r, 8) : 0, dsum = ok ? bytes_get_uint(&r, 8) : 0;
    ok = ok && !r.bad && dlen <= n - FE_CACHE_HEADER && hash64(data + FE_CACHE_HEADER, dlen) == dsum;
    if (ok) {
        char err[256];
        size_t ir_at = FE_CACHE_HEADER + (size_t)dlen;
        u = ir_unit_read(data + ir_at, n - ir_at, err, sizeof err);
        ok = u != NULL;
    }
    if (!ok) {
        COUNT(c, corrupt);
        free(data);
        return NULL;
    }
    /* valid while every file the unit read is as it was */
    bool fresh = u->ninputs > 0;
    for (uint32_t i = 0; i < u->ninputs && fresh; i++) {
        uint64_t h;
        fresh = file_hash(c, u->inputs[i].path, &h) && h == u->inputs[i].hash;
    }
    if (!fresh) {
        COUNT(c, stale);
        ir_unit_free(u);
        free(data);
        return NULL;
    }
    if (!fe_diags_decode(data + FE_CACHE_HEADER, (size_t)dlen, diags)) {
        COUNT(c, corrupt);
        ir_unit_free(u);
        free(data);
        return NULL;
    }
    free(data);
    COUNT(c, hits);
    return u;
}

/* Writes an entry atomically (a temporary file in the cache directory,
 * which remove_stale_temporaries knows, renamed into place); counts a unit's, and
 * reports the run's first failure to warn. */
static bool write_entry(FeCache *c, const char *path, const void *data, size_t n, bool unit, DiagSink *warn) {
    char *tmp = xasprintf("%s/.tmp-XXXXXX", c->dir);
    int err = 0;
    bool ok = bytes_write_atomically(path, tmp, data, n, &err);
    free(tmp);
    pthread_mutex_lock(&c->mu);
    if (unit && ok) c->st.written++;
    else if (unit) c->st.unwritten++;
    bool first = !ok && !c->warned;
    if (first) c->warned = true;
    pthread_mutex_unlock(&c->mu);
    if (first)
        diag_report(warn, DIAG_WARNING, NULL, 0, 0, "cannot write the cache entry %s: %s (the run goes on)", path,
                    strerror(err));
    return ok;
}

/* ---- store ---------------------------------------------------------------- */

static bool missing_include(const DiagSink *d) {
    for (size_t i = 0; i < d->len; i++)
        if (d->items[i].level == DIAG_ERROR && strstr(d->items[i].message, "file not found")) return true;
    return false;
}

void fe_cache_store(FeCache *c, HashKey key, const IrUnit *u, const DiagSink *unit_diags, DiagSink *warn) {
    if (!u || !u->ninputs || missing_include(unit_diags)) {
        COUNT(c, skipped);
        return;
    }
    ByteBuf diags = {0};
    diags.p = fe_diags_encode(unit_diags, 0, unit_diags->len, NULL, &diags.len);
    size_t irn = 0;
    void *ir = ir_unit_serialize(u, &irn);
    ByteBuf all = {0};
    bytes_put_framed(&all, "RCCE", FE_CACHE_VERSION, diags.p, diags.len); /* then the IR */
    bytes_put(&all, ir, irn);
    free(ir);
    free(diags.p);

    char *path = entry_path(c, key, "rcir");
    write_entry(c, path, all.p, all.len, true, warn);
    free(all.p);
    free(path);
}

/* ---- whole-program results -------------------------------------------------- */

bool fe_cache_put_blob(FeCache *c, HashKey key, const char *ext, const void *data, size_t n, DiagSink *warn) {
    char *path = entry_path(c, key, ext);
    bool ok = write_entry(c, path, data, n, false, warn);
    free(path);
    return ok;
}

void *fe_cache_get_blob(FeCache *c, HashKey key, const char *ext, size_t *n) {
    char *path = entry_path(c, key, ext);
    int e = 0;
    void *data = base_read_file(path, n, &e);
    free(path);
    return data;
}
