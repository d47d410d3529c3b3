/*
 * apimodel.c - loads API models from rules/<name>.json with cJSON and validates
 * each entry; see apimodel.h and docs/api-models.md.
 *
 * File format:
 *   {"racecheck-models": 1,
 *    "models": [{"name": "pthread_mutex_lock", "kind": "lock", "lock": 0}, ...]}
 * Every key is checked: an unknown kind, a missing required argument index,
 * a wrong type or an unknown key is an error naming file, entry and key.
 */
#include "apimodel.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    ApiKind kind;
} kind_names[] = {
    {"spawn", API_SPAWN},     {"join", API_JOIN},         {"detach", API_DETACH},
    {"exit", API_EXIT},       {"lock", API_LOCK},         {"trylock", API_TRYLOCK},
    {"unlock", API_UNLOCK},   {"cond-wait", API_COND_WAIT}, {"once", API_ONCE},
    {"atomic", API_ATOMIC},   {"alloc", API_ALLOC},       {"free", API_FREE},
    {"sem-post", API_SEM_POST}, {"sem-wait", API_SEM_WAIT}, {"barrier-wait", API_BARRIER_WAIT},
    {"cond-signal", API_COND_SIGNAL}, {"pool-new", API_POOL_NEW}, {"pool-submit", API_POOL_SUBMIT},
    {"pool-wait", API_POOL_WAIT}, {"tss", API_TSS}, {"thread-unsafe", API_THREAD_UNSAFE},
    {"sem-init", API_SEM_INIT}, {"atomic-begin", API_ATOMIC_BEGIN}, {"atomic-end", API_ATOMIC_END},
    {"atomic-function", API_ATOMIC_FUNCTION}, {"setjmp", API_SETJMP}, {"longjmp", API_LONGJMP},
    {"callback-register", API_CALLBACK_REGISTER}, {"callback-attach", API_CALLBACK_ATTACH},
    {"callback-run", API_CALLBACK_RUN}, {"fence", API_FENCE}, {"effects", API_EFFECTS},
};

const char *api_kind_name(ApiKind k) {
    for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
        if (kind_names[i].kind == k) return kind_names[i].name;
    return "?";
}

void apimodels_init(ApiModels *m) {
    memset(m, 0, sizeof(*m));
    m->arena = arena_new();
    strmap_init(&m->by_name);
    strmap_init(&m->effects_by_name);
}

void apimodels_free(ApiModels *m) {
    strmap_free(&m->by_name);
    vec_free(&m->prefixes);
    strmap_free(&m->effects_by_name);
    vec_free(&m->files);
    arena_free(m->arena);
    m->arena = NULL;
}

const ApiModel *apimodels_find(const ApiModels *m, const char *name) {
    if (!name) return NULL;
    const ApiModel *am = strmap_get(&m->by_name, name);
    if (am || !m->prefixes.len) return am;
    size_t best = 0;
    for (size_t i = 0; i < m->prefixes.len; i++) {
        const ApiModel *x = m->prefixes.data[i];
        size_t n = strlen(x->name);
        if (n > best && !strncmp(name, x->name, n)) best = n, am = x;
    }
    return am;
}

/* Which keys each kind takes; "name" and "kind" always. */
enum { MAX_KEYS = 6 };
typedef struct {
    ApiKind kind;
    const char *required[MAX_KEYS];
    const char *optional[MAX_KEYS];
} KindKeys;

static const KindKeys kind_keys[] = {
    {API_SPAWN, {"routine", "handle"}, {"arg", "handle_by", "arg_param"}},
    {API_JOIN, {"handle"}, {"handle_by"}},
    {API_DETACH, {"handle"}, {"handle_by"}},
    {API_EXIT, {0}, {0}},
    {API_LOCK, {"lock"}, {"mode", "recursive"}},
    {API_TRYLOCK, {"lock"}, {"mode", "success", "recursive"}},
    {API_UNLOCK, {"lock"}, {0}},
    {API_COND_WAIT, {"mutex"}, {"cond"}},
    {API_ONCE, {"routine"}, {0}},
    {API_ATOMIC, {"object", "access"}, {"op", "value", "expected", "order"}},
    {API_ALLOC, {0}, {"handle", "handle_by"}},
    {API_FREE, {"object"}, {0}},
    {API_SEM_POST, {"sem"}, {0}},
    {API_SEM_WAIT, {"sem"}, {"success"}},
    {API_BARRIER_WAIT, {"barrier"}, {0}},
    {API_COND_SIGNAL, {"cond"}, {0}},
    {API_POOL_NEW, {0}, {"handle", "handle_by", "routine", "arg", "singleton"}},
    {API_POOL_SUBMIT, {"pool"}, {"routine", "arg", "arg_param", "item", "after"}},
    {API_POOL_WAIT, {"pool"}, {"wait_arg"}},
    {API_TSS, {"key", "op"}, {"value"}},
    {API_THREAD_UNSAFE, {0}, {"alternative", "state", "reads", "null_state"}},
    {API_SEM_INIT, {"sem", "value"}, {0}},
    {API_ATOMIC_BEGIN, {0}, {0}},
    {API_ATOMIC_END, {0}, {0}},
    {API_ATOMIC_FUNCTION, {0}, {0}},
    {API_SETJMP, {0}, {0}},
    {API_LONGJMP, {0}, {0}},
    {API_CALLBACK_REGISTER, {"object", "routine"}, {"arg", "arg_param"}},
    {API_CALLBACK_ATTACH, {"from"}, {"object"}},
    {API_CALLBACK_RUN, {0}, {"object", "arg_param"}},
    {API_FENCE, {0}, {"order"}},
    {API_EFFECTS, {0}, {"args", "variadic", "returns"}},
};

static bool key_allowed(const KindKeys *kk, const char *key) {
    if (!strcmp(key, "name") || !strcmp(key, "kind") || !strcmp(key, "comment") || !strcmp(key, "prefix"))
        return true;
    for (int i = 0; i < MAX_KEYS; i++) {
        if (kk->required[i] && !strcmp(kk->required[i], key)) return true;
        if (kk->optional[i] && !strcmp(kk->optional[i], key)) return true;
    }
    return false;
}

typedef struct {
    const char *file;
    const char *what; /* "models", or "wrappers" in a project configuration */
    int index;
    const char *entry;
    DiagSink *diags;
    bool ok;
} Ctx;

#define ENTRY_ERR(c, ...)                                                                \
    do {                                                                                 \
        char msg_[512];                                                                  \
        snprintf(msg_, sizeof msg_, __VA_ARGS__);                                        \
        diag_report((c)->diags, DIAG_ERROR, (c)->file, 0, 0, "%s[%d]%s%s%s: %s",         \
                    (c)->what, (c)->index, (c)->entry ? " ('" : "", (c)->entry ? (c)->entry : "",   \
                    (c)->entry ? "')" : "", msg_);                                       \
        (c)->ok = false;                                                                 \
    } while (0)

/* Argument index: an integer >= 0, or -1 where allowed ("handle" with
 * handle_by "return"). */
static int get_index(Ctx *c, const cJSON *e, const char *key, int dflt, bool allow_neg) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, key);
    if (!v) return dflt;
    long long i;
    if (!cJSON_IsNumber(v) || !base_double_to_int(v->valuedouble, allow_neg ? -1 : 0, 64, &i)) {
        ENTRY_ERR(c, "key '%s' must be an argument index (an integer from %d to 64)", key,
                  allow_neg ? -1 : 0);
        return dflt;
    }
    return (int)i;
}

static const char *get_enum(Ctx *c, const cJSON *e, const char *key, const char *const *allowed,
                            const char *dflt) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, key);
    if (!v) return dflt;
    if (cJSON_IsString(v))
        for (int i = 0; allowed[i]; i++)
            if (!strcmp(v->valuestring, allowed[i])) return allowed[i];
    char list[256] = "";
    for (int i = 0; allowed[i]; i++) {
        strcat(list, i ? ", " : "");
        strcat(list, allowed[i]);
    }
    ENTRY_ERR(c, "key '%s' must be one of: %s", key, list);
    return dflt;
}

/* ---- kind "effects" ---------------------------------------------------------- */

static const char *const effect_names[] = {"read", "write", "readwrite", "free", "realloc", "call", NULL};

/* Only these keys in an object of an effects entry; false (and an error) otherwise. */
static bool only_keys(Ctx *c, const cJSON *o, const char *where, const char *const *keys) {
    bool ok = true;
    for (const cJSON *k = o->child; k; k = k->next) {
        bool known = !strcmp(k->string, "comment");
        for (int i = 0; keys[i] && !known; i++) known = !strcmp(k->string, keys[i]);
        if (!known) {
            ENTRY_ERR(c, "unknown key '%s' in %s", k->string, where);
            ok = false;
        }
    }
    return ok;
}

static bool parse_effect(Ctx *c, const cJSON *o, const char *where, ApiEffect *ef) {
    static const char *const keys[] = {"index", "effect", "size", "string", "params", "permutes", NULL};
    memset(ef, 0, sizeof *ef);
    ef->size = -1;
    if (!cJSON_IsObject(o)) {
        ENTRY_ERR(c, "%s must be an object {\"index\": N, \"effect\": ...}", where);
        return false;
    }
    bool ok = only_keys(c, o, where, keys);
    if (!cJSON_GetObjectItemCaseSensitive(o, "index") || !cJSON_GetObjectItemCaseSensitive(o, "effect")) {
        ENTRY_ERR(c, "%s requires keys 'index' and 'effect'", where);
        return false;
    }
    bool before = c->ok;
    ef->index = get_index(c, o, "index", 0, false);
    const char *eff = get_enum(c, o, "effect", effect_names, "read");
    for (int i = 0; effect_names[i]; i++)
        if (eff == effect_names[i]) ef->effect = (uint8_t)i;
    ef->size = get_index(c, o, "size", -1, false);
    const cJSON *str = cJSON_GetObjectItemCaseSensitive(o, "string");
    if (str && !cJSON_IsBool(str)) ENTRY_ERR(c, "key 'string' in %s must be true or false", where);
    ef->string = cJSON_IsTrue(str);
    const cJSON *perm = cJSON_GetObjectItemCaseSensitive(o, "permutes");
    if (perm && !cJSON_IsBool(perm)) ENTRY_ERR(c, "key 'permutes' in %s must be true or false", where);
    if (cJSON_IsTrue(perm) && ef->effect != EFFECT_READWRITE)
        ENTRY_ERR(c, "key 'permutes' in %s needs effect 'readwrite'", where);
    ef->permutes = cJSON_IsTrue(perm);
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(o, "params");
    if (params && ef->effect != EFFECT_CALL) ENTRY_ERR(c, "key 'params' in %s needs effect 'call'", where);
    if ((str || ef->size >= 0) && ef->effect == EFFECT_CALL)
        ENTRY_ERR(c, "keys 'size' and 'string' in %s do not go with effect 'call'", where);
    if (params) {
        if (!cJSON_IsArray(params) || cJSON_GetArraySize(params) > API_EFFECT_MAX_PARAMS) {
            ENTRY_ERR(c, "key 'params' in %s must be an array of at most %d argument indices (-1: untracked)",
                      where, API_EFFECT_MAX_PARAMS);
        } else {
            for (const cJSON *v = params->child; v; v = v->next) {
                long long i;
                if (!cJSON_IsNumber(v) || !base_double_to_int(v->valuedouble, -1, 64, &i)) {
                    ENTRY_ERR(c, "key 'params' in %s must hold argument indices (integers from -1 to 64)", where);
                    break;
                }
                ef->params[ef->nparams++] = (int)i;
            }
        }
    }
    return ok && c->ok == before;
}

static bool parse_effects(ApiModels *m, Ctx *c, const cJSON *e, ApiModel *out) {
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(e, "args");
    const cJSON *var = cJSON_GetObjectItemCaseSensitive(e, "variadic");
    out->returns = get_index(c, e, "returns", -1, false);
    if (!args && !var && out->returns < 0) {
        ENTRY_ERR(c, "kind 'effects' needs key 'args', 'variadic' or 'returns'");
        return false;
    }
    if (args && !cJSON_IsArray(args)) {
        ENTRY_ERR(c, "key 'args' must be an array of {\"index\": N, \"effect\": ...} objects");
        return false;
    }
    int n = args ? cJSON_GetArraySize(args) : 0;
    ApiEffect *efs = n ? arena_alloc(m->arena, (size_t)n * sizeof(ApiEffect)) : NULL;
    int k = 0;
    for (const cJSON *a = args ? args->child : NULL; a; a = a->next, k++) {
        char where[32];
        snprintf(where, sizeof where, "args[%d]", k);
        if (!parse_effect(c, a, where, &efs[k])) return false;
    }
    out->effects = efs;
    out->neffects = (uint32_t)n;
    if (var) {
        static const char *const keys[] = {"from", "effect", "format", NULL};
        static const char *const rw[] = {"read", "write", NULL};
        if (!cJSON_IsObject(var) || !cJSON_GetObjectItemCaseSensitive(var, "from") ||
            !cJSON_GetObjectItemCaseSensitive(var, "effect")) {
            ENTRY_ERR(c, "key 'variadic' must be an object with keys 'from' and 'effect' (read or write)");
            return false;
        }
        if (!only_keys(c, var, "variadic", keys)) return false;
        out->variadic_from = get_index(c, var, "from", -1, false);
        out->variadic_effect = strcmp(get_enum(c, var, "effect", rw, "read"), "read") ? EFFECT_WRITE : EFFECT_READ;
        out->variadic_format = get_index(c, var, "format", -1, false);
    }
    return true;
}

static bool parse_entry(ApiModels *m, Ctx *c, const cJSON *e, ApiModel *out) {
    memset(out, 0, sizeof(*out));
    if (!cJSON_IsObject(e)) {
        ENTRY_ERR(c, "each model must be a JSON object");
        return false;
    }
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(e, "name");
    if (!cJSON_IsString(name) || !name->valuestring[0]) {
        ENTRY_ERR(c, "missing key 'name' (a non-empty string)");
        return false;
    }
    c->entry = name->valuestring;
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(e, "kind");
    if (!cJSON_IsString(kind)) {
        ENTRY_ERR(c, "missing key 'kind' (a string)");
        return false;
    }
    const KindKeys *kk = NULL;
    for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
        if (!strcmp(kind->valuestring, kind_names[i].name)) {
            out->kind = kind_names[i].kind;
            for (size_t k = 0; k < sizeof kind_keys / sizeof kind_keys[0]; k++) /* by kind, not position */
                if (kind_keys[k].kind == out->kind) kk = &kind_keys[k];
        }
    if (!kk) {
        ENTRY_ERR(c, "unknown kind '%s' (expected spawn, join, detach, exit, lock, trylock, "
                     "unlock, cond-wait, cond-signal, once, atomic, alloc, free, sem-post, "
                     "sem-wait, barrier-wait, pool-new, pool-submit, pool-wait, tss, thread-unsafe, sem-init, "
                     "atomic-begin, atomic-end, atomic-function, setjmp, longjmp, callback-register, "
                     "callback-attach, callback-run, fence or effects)",
                  kind->valuestring);
        return false;
    }
    bool before = c->ok;
    for (const cJSON *k = e->child; k; k = k->next)
        if (!key_allowed(kk, k->string))
            ENTRY_ERR(c, "unknown key '%s' for kind '%s'", k->string, kind->valuestring);
    for (int i = 0; i < MAX_KEYS && kk->required[i]; i++)
        if (!cJSON_GetObjectItemCaseSensitive(e, kk->required[i]))
            ENTRY_ERR(c, "kind '%s' requires key '%s'", kind->valuestring, kk->required[i]);
    if (c->ok != before) return false;

    static const char *const handle_by[] = {"pointer", "value", "return", NULL};
    static const char *const modes[] = {"exclusive", "shared", NULL};
    static const char *const access[] = {"read", "write", "rmw", NULL};
    out->name = arena_strdup(m->arena, name->valuestring);
    out->file = c->file;
    out->variadic_from = out->variadic_format = out->returns = -1;
    if (out->kind == API_EFFECTS) {
        out->routine = out->arg = out->handle = out->lock = out->mutex = out->cond = out->sem = -1;
        out->barrier = out->value = out->object = out->pool = out->item = out->after = out->wait_arg = -1;
        out->key = out->from = out->expected = out->order = out->null_state = -1;
        return parse_effects(m, c, e, out) && c->ok == before;
    }
    out->arg = -1;
    out->routine = get_index(c, e, "routine", -1, false);
    out->arg = get_index(c, e, "arg", -1, true);
    const char *hb = get_enum(c, e, "handle_by", handle_by,
                              out->kind == API_SPAWN ? "pointer"
                              : out->kind == API_POOL_NEW || out->kind == API_ALLOC ? "return" : "value");
    out->handle_by = !strcmp(hb, "pointer") ? HANDLE_POINTER
                     : !strcmp(hb, "value") ? HANDLE_VALUE
                                            : HANDLE_RETURN;
    out->handle = get_index(c, e, "handle", -1, out->handle_by == HANDLE_RETURN);
    out->lock = get_index(c, e, "lock", -1, false);
    out->mutex = get_index(c, e, "mutex", -1, false);
    out->cond = get_index(c, e, "cond", -1, false);
    out->sem = get_index(c, e, "sem", -1, false);
    out->barrier = get_index(c, e, "barrier", -1, false);
    out->value = get_index(c, e, "value", -1, false);
    out->object = get_index(c, e, "object", -1, false);
    out->mode = !strcmp(get_enum(c, e, "mode", modes, "exclusive"), "shared") ? LOCK_SHARED
                                                                               : LOCK_EXCLUSIVE;
    const char *acc = get_enum(c, e, "access", access, "rmw");
    out->access = !strcmp(acc, "read") ? ATOMIC_READ : !strcmp(acc, "write") ? ATOMIC_WRITE : ATOMIC_RMW;
    out->arg_param = get_index(c, e, "arg_param", 0, false);
    out->pool = get_index(c, e, "pool", -1, false);
    out->item = get_index(c, e, "item", -1, false);
    out->after = get_index(c, e, "after", -1, false);
    out->wait_arg = get_index(c, e, "wait_arg", -1, false);
    out->null_state = get_index(c, e, "null_state", -1, false);
    out->key = get_index(c, e, "key", -1, false);
    out->from = get_index(c, e, "from", -1, false);
    out->expected = get_index(c, e, "expected", -1, false);
    out->order = get_index(c, e, "order", -1, false);
    if (out->kind == API_ATOMIC) {
        /* by position: ATOMIC_OP_OTHER first */
        static const char *const atomic_ops[] = {"other", "load", "store", "exchange", "test-and-set", "clear",
                                                 "compare-exchange", "compare-swap-bool", "compare-swap-value",
                                                 "fetch-add", "fetch-sub", "sub-fetch", NULL};
        const char *op = get_enum(c, e, "op", atomic_ops, "other");
        for (int i = 0; atomic_ops[i]; i++)
            if (op == atomic_ops[i]) out->atomic_op = (AtomicOp)i;
    } else {
        static const char *const tss_ops[] = {"create", "get", "set", "delete", NULL};
        const char *op = get_enum(c, e, "op", tss_ops, "get");
        out->tss_op = !strcmp(op, "create") ? TSS_CREATE : !strcmp(op, "get") ? TSS_GET
                      : !strcmp(op, "set") ? TSS_SET : TSS_DELETE;
    }
    if (out->kind == API_TSS && out->tss_op == TSS_SET && out->value < 0) out->value = 1;
    const cJSON *single = cJSON_GetObjectItemCaseSensitive(e, "singleton");
    if (single && !cJSON_IsBool(single)) ENTRY_ERR(c, "key 'singleton' must be true or false");
    out->singleton = cJSON_IsTrue(single);
    const cJSON *rec = cJSON_GetObjectItemCaseSensitive(e, "recursive");
    if (rec && !cJSON_IsBool(rec)) ENTRY_ERR(c, "key 'recursive' must be true or false");
    out->recursive = cJSON_IsTrue(rec);
    const cJSON *pre = cJSON_GetObjectItemCaseSensitive(e, "prefix");
    if (pre && !cJSON_IsBool(pre)) ENTRY_ERR(c, "key 'prefix' must be true or false");
    out->prefix = cJSON_IsTrue(pre);
    /* atomic sections nest (FreeRTOS counts them): entering one inside
     * another is not a double lock */
    if (out->kind == API_ATOMIC_BEGIN) out->recursive = true;
    const cJSON *alt = cJSON_GetObjectItemCaseSensitive(e, "alternative");
    if (alt && (!cJSON_IsString(alt) || !alt->valuestring[0]))
        ENTRY_ERR(c, "key 'alternative' must be a non-empty string");
    else if (alt)
        out->alternative = arena_strdup(m->arena, alt->valuestring);
    const cJSON *state = cJSON_GetObjectItemCaseSensitive(e, "state");
    if (state && (!cJSON_IsString(state) || !state->valuestring[0]))
        ENTRY_ERR(c, "key 'state' must be a non-empty string");
    else if (state)
        out->state = arena_strdup(m->arena, state->valuestring);
    const cJSON *reads = cJSON_GetObjectItemCaseSensitive(e, "reads");
    if (reads && !cJSON_IsBool(reads)) ENTRY_ERR(c, "key 'reads' must be true or false");
    out->state_read = cJSON_IsTrue(reads);
    if ((out->kind == API_POOL_NEW || out->kind == API_ALLOC) && out->handle_by != HANDLE_RETURN && out->handle < 0)
        ENTRY_ERR(c, "kind '%s' with handle_by '%s' requires key 'handle'", kind->valuestring, hb);
    if (out->kind == API_ALLOC && out->handle_by == HANDLE_VALUE)
        ENTRY_ERR(c, "kind 'alloc' takes handle_by 'return' or 'pointer'");
    if (out->kind == API_POOL_SUBMIT && out->item < 0 && out->routine < 0)
        ENTRY_ERR(c, "kind 'pool-submit' requires key 'routine' or key 'item' (work for the pool's own routine)");
    const cJSON *succ = cJSON_GetObjectItemCaseSensitive(e, "success");
    if (succ) {
        long long v;
        if (!cJSON_IsNumber(succ) || !base_double_to_int(succ->valuedouble, LONG_MIN, LONG_MAX, &v))
            ENTRY_ERR(c, "key 'success' must be an integer from %ld to %ld", LONG_MIN, LONG_MAX);
        else {
            out->success = (long)v;
            out->has_success = true;
        }
    }
    return c->ok == before;
}

/* The prefix entries of by_name, in key order (deterministic). */
static void rebuild_prefixes(ApiModels *m) {
    m->prefixes.len = 0;
    for (size_t i = 0; i < m->by_name.cap; i++) {
        const ApiModel *am = m->by_name.keys[i] ? m->by_name.vals[i] : NULL;
        if (am && am->prefix) vec_push(&m->prefixes, am);
    }
}

/* Parse every entry of the array; when all are valid, add them (a later
 * entry for a name replaces an earlier one). */
static bool load_entries(ApiModels *m, Ctx *c, const cJSON *array, bool wrapper) {
    VEC(ApiModel) parsed = {0};
    int i = 0;
    for (const cJSON *e = array->child; e; e = e->next, i++) {
        c->index = i;
        c->entry = NULL;
        ApiModel am;
        if (parse_entry(m, c, e, &am)) {
            am.wrapper = wrapper;
            vec_push(&parsed, am);
        }
    }
    if (c->ok) {
        for (size_t k = 0; k < parsed.len; k++) {
            ApiModel *am = arena_memdup(m->arena, &parsed.data[k], sizeof(ApiModel));
            bool ins;
            const char *key = am->prefix ? arena_printf(m->arena, "%s*", am->name) : am->name;
            void **slot = strmap_slot(am->kind == API_EFFECTS ? &m->effects_by_name : &m->by_name, key, &ins);
            *slot = am;
            if (ins) m->count++;
        }
        rebuild_prefixes(m);
    }
    vec_free(&parsed);
    return c->ok;
}

bool apimodels_load_array(ApiModels *m, const cJSON *array, const char *file, const char *what, bool wrapper,
                          DiagSink *diags) {
    Ctx c = {arena_strdup(m->arena, file), what, -1, NULL, diags, true};
    if (!cJSON_IsArray(array)) {
        diag_report(diags, DIAG_ERROR, c.file, 0, 0, "key '%s' must be an array of API model entries", what);
        return false;
    }
    return load_entries(m, &c, array, wrapper);
}

static int cmp_model_name(const void *a, const void *b) {
    const ApiModel *x = *(const ApiModel *const *)a, *y = *(const ApiModel *const *)b;
    int c = strcmp(x->name, y->name);
    if (c) return c;
    c = (int)x->prefix - (int)y->prefix;
    return c ? c : (x->kind == API_EFFECTS) - (y->kind == API_EFFECTS);
}

const ApiModel *apimodels_find_effects(const ApiModels *m, const char *name) {
    return name ? strmap_get(&m->effects_by_name, name) : NULL;
}

void apimodels_add_pure(ApiModels *m, const char *name, const char *file) {
    ApiModel *am = arena_alloc(m->arena, sizeof *am);
    memset(am, 0, sizeof *am);
    am->name = arena_strdup(m->arena, name);
    am->kind = API_EFFECTS;
    am->file = arena_strdup(m->arena, file);
    am->routine = am->arg = am->handle = am->lock = am->mutex = am->cond = am->sem = -1;
    am->barrier = am->value = am->object = am->pool = am->item = am->after = am->wait_arg = am->key = -1;
    am->null_state = -1;
    am->variadic_from = am->variadic_format = am->returns = -1;
    bool ins;
    void **slot = strmap_slot(&m->effects_by_name, am->name, &ins);
    *slot = am;
}

const ApiModel **apimodels_sorted(const ApiModels *m, size_t *n) {
    const ApiModel **out = xmalloc((m->by_name.len + m->effects_by_name.len + 1) * sizeof(*out));
    size_t k = 0;
    for (size_t i = 0; i < m->by_name.cap; i++)
        if (m->by_name.keys[i]) out[k++] = m->by_name.vals[i];
    for (size_t i = 0; i < m->effects_by_name.cap; i++) /* after the other kinds when names tie */
        if (m->effects_by_name.keys[i]) out[k++] = m->effects_by_name.vals[i];
    qsort(out, k, sizeof(*out), cmp_model_name);
    *n = k;
    return out;
}

const char *apimodel_describe(const ApiModel *am, char *buf, size_t n) {
    static const char *const hb[] = {"pointer", "value", "return"};
    static const char *const ops[] = {"create", "get", "set", "delete"};
    size_t len = (size_t)snprintf(buf, n, "%s", api_kind_name(am->kind));
#define KEY(cond, ...) \
    if ((cond) && len < n) len += (size_t)snprintf(buf + len, n - len, __VA_ARGS__)
    KEY(am->pool >= 0, " pool=%d", am->pool);
    KEY(am->routine >= 0, " routine=%d", am->routine);
    KEY(am->arg >= 0, " arg=%d", am->arg);
    KEY((am->arg >= 0 || am->kind == API_CALLBACK_RUN) && am->arg_param, " arg_param=%d", am->arg_param);
    KEY(am->item >= 0, " item=%d", am->item);
    KEY(am->after >= 0, " after=%d", am->after);
    KEY(am->kind == API_SPAWN || am->kind == API_JOIN || am->kind == API_DETACH || am->kind == API_POOL_NEW ||
            (am->kind == API_ALLOC && am->handle_by == HANDLE_POINTER),
        " handle=%d handle_by=%s", am->handle, hb[am->handle_by]);
    KEY(am->singleton, " singleton");
    KEY(am->wait_arg >= 0, " wait_arg=%d", am->wait_arg);
    KEY(am->lock >= 0, " lock=%d", am->lock);
    KEY(am->lock >= 0 && am->lock_nsteps, " lock_fields=%u", am->lock_nsteps);
    KEY((am->kind == API_LOCK || am->kind == API_TRYLOCK) && am->mode == LOCK_SHARED, " mode=shared");
    KEY(am->has_success, " success=%ld", am->success);
    KEY(am->mutex >= 0, " mutex=%d", am->mutex);
    KEY(am->cond >= 0, " cond=%d", am->cond);
    KEY(am->sem >= 0, " sem=%d", am->sem);
    KEY(am->barrier >= 0, " barrier=%d", am->barrier);
    KEY(am->object >= 0, " object=%d", am->object);
    KEY(am->kind == API_ATOMIC, " access=%s",
        am->access == ATOMIC_READ ? "read" : am->access == ATOMIC_WRITE ? "write" : "rmw");
    KEY(am->kind == API_TSS, " key=%d op=%s", am->key, ops[am->tss_op]);
    KEY(am->kind == API_TSS && am->value >= 0, " value=%d", am->value);
    KEY(am->from >= 0, " from=%d", am->from);
    {
        static const char *const aops[] = {"other", "load", "store", "exchange", "test-and-set", "clear",
                                           "compare-exchange", "compare-swap-bool", "compare-swap-value", "fetch-add",
                                           "fetch-sub", "sub-fetch"};
        KEY(am->kind == API_ATOMIC && am->atomic_op != ATOMIC_OP_OTHER, " op=%s", aops[am->atomic_op]);
    }
    KEY(am->kind == API_ATOMIC && am->value >= 0, " value=%d", am->value);
    KEY(am->expected >= 0, " expected=%d", am->expected);
    KEY(am->order >= 0, " order=%d", am->order);
    KEY(am->alternative != NULL, " alternative=%s", am->alternative);
    KEY(am->state != NULL, " state=%s", am->state);
    KEY(am->state_read, " reads");
    KEY(am->null_state >= 0, " null_state=%d", am->null_state);
    KEY(am->prefix, " prefix");
    for (uint32_t i = 0; i < am->neffects; i++) {
        const ApiEffect *ef = &am->effects[i];
        KEY(1, " %s=%d", effect_names[ef->effect], ef->index);
        KEY(ef->size >= 0, "[size=%d]", ef->size);
        KEY(ef->string, "[string]");
        KEY(ef->permutes, "[permutes]");
        for (int k = 0; k < ef->nparams; k++) KEY(1, "%s%d%s", k ? "," : "(", ef->params[k], k + 1 == ef->nparams ? ")" : "");
    }
    KEY(am->variadic_from >= 0, " variadic-%s=%d..", am->variadic_effect == EFFECT_WRITE ? "write" : "read",
        am->variadic_from);
    KEY(am->variadic_format >= 0, "[format=%d]", am->variadic_format);
    KEY(am->returns >= 0, " returns=%d", am->returns);
    KEY(am->kind == API_EFFECTS && !am->neffects && am->variadic_from < 0 && am->returns < 0, " pure");
#undef KEY
    return buf;
}

bool apimodels_load_file(ApiModels *m, const char *path, DiagSink *diags) {
    size_t len = 0;
    int err = 0;
    char *text = base_read_file(path, &len, &err);
    if (!text) {
        diag_report(diags, DIAG_ERROR, path, 0, 0, "cannot read rules file: %s", strerror(err));
        return false;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!root) {
        size_t off = end ? (size_t)(end - text) : 0;
        diag_report(diags, DIAG_ERROR, path, base_line_of(text, text + off), 0,
                    "rules file is not valid JSON (near line %u)", base_line_of(text, text + off));
        free(text);
        return false;
    }
    const char *fpath = arena_strdup(m->arena, path);
    Ctx c = {fpath, "models", -1, NULL, diags, true};
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "racecheck-models");
    const cJSON *models = cJSON_GetObjectItemCaseSensitive(root, "models");
    if (!cJSON_IsObject(root) || !cJSON_IsNumber(ver) || ver->valuedouble != 1) {
        diag_report(diags, DIAG_ERROR, fpath, 0, 0,
                    "rules file must be an object with \"racecheck-models\": 1");
        c.ok = false;
    } else if (!cJSON_IsArray(models)) {
        diag_report(diags, DIAG_ERROR, fpath, 0, 0, "rules file needs a \"models\" array");
        c.ok = false;
    } else {
        for (const cJSON *k = root->child; k; k = k->next)
            if (strcmp(k->string, "racecheck-models") && strcmp(k->string, "models") &&
                strcmp(k->string, "comment")) {
                diag_report(diags, DIAG_ERROR, fpath, 0, 0, "unknown top-level key '%s'", k->string);
                c.ok = false;
            }
    }
    if (c.ok && load_entries(m, &c, models, false)) vec_push(&m->files, fpath);
    cJSON_Delete(root);
    free(text);
    return c.ok;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool apimodels_load_dir(ApiModels *m, const char *dir, DiagSink *diags) {
    DIR *d = opendir(dir);
    if (!d) {
        diag_report(diags, DIAG_ERROR, dir, 0, 0, "cannot open rules directory: %s", strerror(errno));
        return false;
    }
    VEC(char *) names = {0};
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (n > 5 && !strcmp(de->d_name + n - 5, ".json") && de->d_name[0] != '.')
            vec_push(&names, xasprintf("%s/%s", dir, de->d_name));
    }
    closedir(d);
    if (names.len > 1) qsort(names.data, names.len, sizeof(char *), cmp_str);
    bool ok = true;
    for (size_t i = 0; i < names.len; i++) {
        ok &= apimodels_load_file(m, names.data[i], diags);
        free(names.data[i]);
    }
    vec_free(&names);
    return ok;
}
