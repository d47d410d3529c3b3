/*
 * apimodel.h - what library functions mean to the analysis, loaded from the
 * JSON files in rules/ (docs/api-models.md documents the format). The IR
 * knows only "a call to pthread_mutex_lock"; the model asks this table what
 * that call does: spawn a thread, join one, take or release a lock in some
 * mode, access memory atomically, allocate, etc.
 */
#ifndef RACECHECK_APIMODEL_H
#define RACECHECK_APIMODEL_H

#include "../base/base.h"
#include "../base/diag.h"

typedef enum ApiKind {
    API_SPAWN,     /* starts a thread: routine, arg, handle */
    API_JOIN,      /* waits for the thread named by handle */
    API_DETACH,    /* the thread named by handle will never be joined */
    API_EXIT,      /* ends the calling thread */
    API_LOCK,      /* acquires lock (blocking), in mode */
    API_TRYLOCK,   /* acquires lock when the call returns `success` */
    API_UNLOCK,    /* releases lock (any mode) */
    API_COND_WAIT, /* releases mutex, waits, re-acquires it */
    API_ONCE,      /* runs routine exactly once (happens-before every caller's return) */
    API_ATOMIC,    /* atomic access to *object */
    API_ALLOC,     /* returns a fresh heap object */
    API_FREE,      /* releases *object */
    API_SEM_POST,  /* posts the semaphore `sem` (happens-before a matching wait) */
    API_SEM_WAIT,  /* waits on `sem`; with `success`, only when the call returns it */
    API_BARRIER_WAIT, /* waits at `barrier` until every participant arrives */
    API_COND_SIGNAL,  /* signals or broadcasts the condition variable `cond` */
    API_POOL_NEW,     /* creates a thread pool (or event loop): its handle, optional routine and arg */
    API_POOL_SUBMIT,  /* submits work to `pool`: runs in a pool thread, many instances */
    API_POOL_WAIT,    /* waits for the work submitted to `pool` (a join of all of it) */
    API_TSS,          /* thread-specific storage: the value belongs to the calling thread */
    API_THREAD_UNSAFE, /* a library function that is not safe to call from several threads */
    API_SEM_INIT,     /* initialises the semaphore `sem` to the argument `value` */
    API_ATOMIC_BEGIN, /* enters an atomic section: one program-wide pseudo-lock, recursive */
    API_ATOMIC_END,   /* leaves an atomic section */
    API_ATOMIC_FUNCTION, /* a function of the program whose whole body is an atomic section */
    API_SETJMP,       /* saves the context; returns 0, and again non-zero from a longjmp */
    API_LONGJMP,      /* does not return: resumes at the second return of a setjmp */
    API_CALLBACK_REGISTER, /* stores callback `routine` (with `arg`) in `object` (an event) */
    API_CALLBACK_ATTACH,   /* the callbacks stored in `from` (an event) now also belong to `object`
                              (its event loop; -1: the library's default loop) */
    API_CALLBACK_RUN,      /* runs every callback stored in `object` (an event loop; -1: the
                              default loop), in the calling thread */
    API_FENCE,        /* a thread fence (C11 7.17.4) of memory order `order` (-1: sequentially
                         consistent): gives the relaxed atomics it dominates or follows its order */
    /* ---- memory effects (kept in a map of their own: see ApiEffect) ---- */
    API_EFFECTS,      /* what the function reads, writes, frees or calls through its arguments */
} ApiKind;

/* ---- kind "effects": the memory a library function touches ------------- */

/* What a call does to the object an argument points to (or, for
 * EFFECT_CALL, with the function an argument designates). */
typedef enum {
    EFFECT_READ,      /* the pointee is read */
    EFFECT_WRITE,     /* the pointee is written */
    EFFECT_READWRITE, /* read, then written */
    EFFECT_FREE,      /* the pointee is released: a write of all of it (use-after-move) */
    EFFECT_REALLOC,   /* released, its contents moved to the result (which may be it) */
    EFFECT_CALL,      /* the function argument is called, in the calling thread, at the call */
} ApiEffectKind;

enum { API_EFFECT_MAX_PARAMS = 4 };

typedef struct ApiEffect {
    int index;        /* the argument */
    uint8_t effect;   /* ApiEffectKind */
    bool string;      /* a NUL-terminated string: the pointee itself, not every field of it */
    bool permutes;    /* READWRITE: the call only reorders the pointee's elements (qsort): a
                         permutation array stays one (claims.c) */
    int size;         /* argument holding the byte count (-1: the whole object) */
    int nparams;      /* CALL: the callback's parameters receive these arguments' values */
    int params[API_EFFECT_MAX_PARAMS]; /* -1: a value racecheck does not track */
} ApiEffect;

/* API_TSS operations. */
typedef enum { TSS_CREATE, TSS_GET, TSS_SET, TSS_DELETE } TssOp;

typedef enum { LOCK_EXCLUSIVE, LOCK_SHARED } LockMode;
typedef enum { ATOMIC_READ, ATOMIC_WRITE, ATOMIC_RMW } AtomicAccess;
/* What an atomic operation does (key "op"; spinlocks.c reads it): a load,
 * a store of `value`, an exchange storing `value` (returns the old value),
 * a test-and-set (stores a non-zero flag, returns the old one), a clear
 * (stores 0), a compare-exchange with `expected` through a pointer and
 * `value` desired returning success (C11, __atomic), a compare-and-swap
 * with `expected` by value returning success or the old value (__sync_*),
 * an addition of `value` returning the old or the new value (fetch-add,
 * add-fetch), a subtraction of `value` returning the old value (fetch-sub)
 * or the new one (sub-fetch), or another read-modify-write
 * (ATOMIC_OP_OTHER). */
typedef enum {
    ATOMIC_OP_OTHER, ATOMIC_OP_LOAD, ATOMIC_OP_STORE, ATOMIC_OP_EXCHANGE, ATOMIC_OP_TEST_AND_SET,
    ATOMIC_OP_CLEAR, ATOMIC_OP_COMPARE_EXCHANGE, ATOMIC_OP_CAS_BOOL, ATOMIC_OP_CAS_VALUE, ATOMIC_OP_FETCH_ADD,
    ATOMIC_OP_FETCH_SUB, ATOMIC_OP_SUB_FETCH,
} AtomicOp;
/* How a handle is passed: a pointer the call stores into (pthread_create's
 * first argument), the handle value itself (pthread_join's), or the
 * function's return value (g_thread_new). */
typedef enum { HANDLE_POINTER, HANDLE_VALUE, HANDLE_RETURN } HandleBy;

struct IrStep;

typedef struct ApiModel {
    const char *name;    /* function name as called */
    ApiKind kind;
    int routine;         /* SPAWN, ONCE: argument index of the routine */
    int arg;             /* SPAWN: argument index of the routine's argument (-1 none) */
    int handle;          /* SPAWN, JOIN, DETACH: argument index (-1 with HANDLE_RETURN) */
    HandleBy handle_by;
    int lock;            /* LOCK, TRYLOCK, UNLOCK: argument index of the lock pointer */
    const struct IrStep *lock_steps; /* LOCK, TRYLOCK, UNLOCK of a detected wrapper locking a field
                                        of what its parameter points to (`lock(&a->m)`, wrappers.c):
                                        the field steps after the parameter's dereference, applied
                                        to the argument (flow_api_lock_path); NULL: none */
    uint32_t lock_nsteps;
    int mutex;           /* COND_WAIT: argument index of the mutex pointer */
    int cond;            /* COND_WAIT, COND_SIGNAL: argument index of the condition variable */
    int sem;             /* SEM_POST, SEM_WAIT: argument index of the semaphore pointer */
    int barrier;         /* BARRIER_WAIT: argument index of the barrier pointer */
    int value;           /* SEM_INIT: argument index of the initial value; TSS set: of the value
                            stored (default 1), TSS get: of the pointer receiving the value (-1:
                            the call returns it) */
    bool has_success;    /* TRYLOCK, SEM_WAIT: `success` was given */
    bool flag_atomic;    /* SEM_POST, SEM_WAIT: an atomic store or load of a flag word taken for a
                            post or a wait (spinlocks.c, flags_detect); it still accesses the word
                            as the atomic does (object, access) */
    LockMode mode;
    long success;        /* TRYLOCK, SEM_WAIT: return value meaning "acquired" */
    int object;          /* ATOMIC, FREE: argument index of the object pointer */
    AtomicAccess access; /* ATOMIC */
    AtomicOp atomic_op;  /* ATOMIC: what it does (key "op"; default other) */
    int expected;        /* ATOMIC compare-exchange: argument index of the expected value */
    int order;           /* ATOMIC, FENCE: argument index of the memory order (-1: always
                            sequentially consistent, the __sync builtins) */
    int arg_param;       /* SPAWN, POOL_SUBMIT, CALLBACK_REGISTER: routine parameter receiving `arg`
                            (default 0) */
    int from;            /* CALLBACK_ATTACH: argument index of the object whose callbacks move */
    int pool;            /* POOL_SUBMIT, POOL_WAIT: argument index of the pool */
    int item;            /* POOL_SUBMIT: the item handed to the pool's own routine (-1 none) */
    int after;           /* POOL_SUBMIT: callback run with `arg` by the pool's waiter (-1 none) */
    int wait_arg;        /* POOL_WAIT: waits only when this argument is a non-zero constant (-1: always) */
    int key;             /* TSS: argument index of the key */
    TssOp tss_op;        /* TSS */
    bool recursive;      /* LOCK, TRYLOCK: the lock may be taken again by the thread holding it
                            (GRecMutex); mutexes made recursive by attribute: lockevents.c */
    bool singleton;      /* POOL_NEW: every call returns the same pool (uv_default_loop) */
    bool many;           /* SPAWN: every instance may overlap (pool work; set by the model, not in files) */
    bool join_all;       /* JOIN: joins every thread started with the handle (pool wait; by the model) */
    bool wrapper;        /* applies even when the program defines the function (a declared wrapper) */
    bool prefix;         /* `name` is a prefix: the model applies to every function whose name
                            starts with it (an exact entry wins, then the longest prefix) */
    const char *wraps;   /* a detected wrapper: the API it forwards to; else NULL */
    const char *alternative; /* THREAD_UNSAFE: the thread-safe replacement, or NULL */
    const char *state;   /* THREAD_UNSAFE: the hidden state it uses, shared by the functions naming the
                            same one ("tm": localtime, gmtime, ...); NULL: its own (its name) */
    bool state_read;     /* THREAD_UNSAFE: it only reads that state (getenv against setenv) */
    int null_state;      /* THREAD_UNSAFE: the argument that, NULL, makes it use the hidden state
                            (`tmpnam(NULL)`; a buffer of the caller's is safe), -1: always */
    const char *file;    /* the rules file it came from */
    /* ---- kind "effects" (EFFECTS models live in ApiModels.effects_by_name) ---- */
    const ApiEffect *effects; /* per-argument effects */
    uint32_t neffects;
    int variadic_from;        /* arguments from this index on (variadic) are pointers ... (-1 none) */
    uint8_t variadic_effect;  /* ... whose pointees are read or written (ApiEffectKind) */
    int variadic_format;      /* the printf (read) or scanf (write) format saying which (-1 none) */
    int returns;              /* the result points where this argument points (-1 none) */
} ApiModel;

/* Does a call of model m access its object as an atomic does: an atomic,
 * or a flag's atomic taken for a semaphore post or wait (flag_atomic)? */
static inline bool api_atomic_access(const ApiModel *m) {
    return m->kind == API_ATOMIC || m->flag_atomic;
}

typedef struct ApiModels {
    Arena *arena;
    StrMap by_name;      /* exact names; prefix entries under "name*" */
    VEC(const ApiModel *) prefixes; /* the prefix entries (rebuilt after each load) */
    VEC(const char *) files; /* loaded rules files, in load order */
    size_t count;
    StrMap effects_by_name;  /* kind "effects": name -> ApiModel, besides the model of other kind */
} ApiModels;

void apimodels_init(ApiModels *m);
void apimodels_free(ApiModels *m);
/* Load one rules file. A malformed file is a DIAG_ERROR naming the file, the
 * entry (index and name) and the key, and returns false; nothing from that
 * file is kept. A later model for the same name replaces an earlier one. */
bool apimodels_load_file(ApiModels *m, const char *path, DiagSink *diags);
/* Load every *.json file of dir in name order. False when the dir cannot be
 * read or any file is malformed. */
bool apimodels_load_dir(ApiModels *m, const char *dir, DiagSink *diags);
/* Load the entries of a JSON array (a project configuration's "wrappers")
 * as models that apply even to functions the program defines. `file` and
 * `what` ("wrappers") name them in errors. */
struct cJSON;
bool apimodels_load_array(ApiModels *m, const struct cJSON *array, const char *file, const char *what,
                          bool wrapper, DiagSink *diags);
/* The model for a function name, or NULL: an exact entry, else the entry
 * with the longest prefix of the name. */
const ApiModel *apimodels_find(const ApiModels *m, const char *name);
/* The memory effects of a function name (kind "effects"), or NULL. A
 * function may have both an effects model and a model of another kind
 * (realloc: alloc and effects). */
const ApiModel *apimodels_find_effects(const ApiModels *m, const char *name);
/* Declare a function pure (a project configuration's "pure"): its calls
 * touch no memory. Replaces its effects model with an empty one; `file`
 * names where it was declared. */
void apimodels_add_pure(ApiModels *m, const char *name, const char *file);
/* Every model, sorted by name (for --list-models); *n receives the count.
 * The array is malloc'd. */
const ApiModel **apimodels_sorted(const ApiModels *m, size_t *n);
/* "spawn routine=2 arg=3 handle=0" style summary of a model's keys into buf. */
const char *apimodel_describe(const ApiModel *am, char *buf, size_t n);
const char *api_kind_name(ApiKind k);

#endif
