/*
 * ir.h - the function IR: what the front end produces and every later stage
 * reads. Plain data with no libclang and no API-model knowledge: a call to
 * pthread_mutex_lock is a call event like any other; the model classifies it.
 *
 * A translation unit (IrUnit) holds the global variables it declares and the
 * functions it defines. A function is a control-flow graph of basic blocks;
 * each block is a list of events followed by one terminator. Events name
 * memory with *access paths*: a root (global by USR, local or parameter by
 * index, call-result temporary) followed by steps (field, dereference,
 * array index), so `pool->queue[i].head` is
 *     local pool, DEREF, FIELD queue, INDEX i, FIELD head
 * and `p[i]` (p a pointer) is  local p, DEREF, INDEX i. Pointer arithmetic back
 * to an enclosing struct (container_of, list_entry, ngx_queue_data) is an UP
 * step: `container_of(l, struct item, link)->a` is
 *     local l, DEREF, UP link, FIELD a
 *
 * Event order inside a block is evaluation order as C sequences it (left to
 * right where C leaves it unspecified). For `x = *p + 1` the lowering emits
 *     READ p; READ *p; WRITE x; ASSIGN x := <unknown>
 * An ASSIGN follows every WRITE made by `=` or an initialiser and says what
 * value was stored (the model uses it for points-to and for tracking the
 * result of trylock); compound assignment and ++/-- emit READ then WRITE
 * with IR_EV_RMW set and no ASSIGN.
 *
 * Everything is allocated in the unit's arena and lives as long as the unit.
 */
#ifndef RACECHECK_IR_H
#define RACECHECK_IR_H

#include "../base/base.h"
#include "../base/hash.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct IrLoc {
    const char *file; /* file path as clang spells it (arena string); NULL = unknown */
    uint32_t line, col;
} IrLoc;

/* ---- access paths -------------------------------------------------------- */

typedef enum IrRootKind {
    IR_ROOT_GLOBAL, /* global or static variable (file or function scope): usr, name */
    IR_ROOT_LOCAL,  /* local variable or parameter of the function: id = index into locals */
    IR_ROOT_TEMP,   /* compiler temporary (call result, ?: value): id = temp number */
    IR_ROOT_STRING, /* a string literal: name = its text in quotes, "\"...\"" when longer than
                       256 bytes or not a narrow string (printed as "..." always) */
} IrRootKind;

typedef enum IrStepKind {
    IR_STEP_FIELD, /* .name of a struct/union value */
    IR_STEP_DEREF, /* *ptr: the object the value so far points to */
    IR_STEP_INDEX, /* [i] of an array value (after DEREF for pointer indexing) */
    IR_STEP_UP,    /* the object enclosing the value so far as its member `field`
                      (container_of(p, T, field) is p, DEREF, UP field): the parent of a
                      `field` location; "" or any other location: the whole object (its
                      outermost enclosing object) */
} IrStepKind;

typedef enum IrIndexKind {
    IR_INDEX_UNKNOWN, /* any other expression; value: a key of its integer arithmetic over
                         locals and constants (`(id + 1) % N`), equal for equal arithmetic in
                         one function, 0 when there is none */
    IR_INDEX_CONST,   /* integer constant: value */
    IR_INDEX_LOCAL,   /* a plain local variable or parameter: local */
    IR_INDEX_TEMP,    /* a value read through a local pointer (`a[*id]`, `a[ctx->index]`),
                         copied into the temporary `local` (an ASSIGN before the access) */
} IrIndexKind;

/* What a FIELD step's field is (IrStep.field_shape): points-to gives a
 * location of a type with no fields no field locations of its own. */
typedef enum IrFieldShape {
    IR_FIELD_UNKNOWN, /* not known (IR built by hand) */
    IR_FIELD_RECORD,  /* a struct or union, or an array of them: it has fields */
    IR_FIELD_PLAIN,   /* any other type (a scalar, a pointer, an array of those): no fields */
} IrFieldShape;

/* Layout (from clang's type sizes, in bytes; 0 = unknown: an incomplete
 * or variable-sized type, IR built by hand): an INDEX step carries the size
 * and alignment of the element it selects, a FIELD step (and an UP step: of
 * the member it leaves) the field's offset in its record and its size (sizes above 65535 are stored as 0). Only
 * false-sharing reads it; ir_path_equal and hashing ignore it (it follows
 * from the types, which equal paths share). */
typedef struct IrStep {
    uint8_t kind;       /* IrStepKind */
    union {
        uint8_t index_kind;  /* IrIndexKind, for IR_STEP_INDEX */
        uint8_t field_shape; /* IrFieldShape, for IR_STEP_FIELD (0 for the other kinds) */
    };
    union {
        uint16_t elem_align; /* IR_STEP_INDEX */
        uint16_t field_size; /* IR_STEP_FIELD, IR_STEP_UP */
    };
    union {
        uint32_t elem_size;    /* IR_STEP_INDEX */
        uint32_t field_offset; /* IR_STEP_FIELD, IR_STEP_UP */
    };
    union {             /* which member is meaningful follows from kind and index_kind */
        const char *field; /* IR_STEP_FIELD: field name ("" for an anonymous member);
                              IR_STEP_UP: the member left ("" when unknown);
                              IR_STEP_DEREF: the key of the struct or union type the pointer
                              points to (its declaration's USR, the same in every unit), NULL
                              when it points to another type or the type is not known */
        uint32_t local;    /* IR_INDEX_LOCAL: index into the function's locals; IR_INDEX_TEMP: temp */
        int64_t value;     /* IR_INDEX_CONST; IR_INDEX_UNKNOWN: the expression's key (0: none) */
    };
} IrStep;
_Static_assert(sizeof(void *) != 8 || sizeof(IrStep) == 16, "IrStep's layout fields must stay in its padding");

typedef struct IrPath {
    uint8_t root;      /* IrRootKind */
    uint32_t id;       /* LOCAL: local index; TEMP: temp number */
    const char *usr;   /* GLOBAL: clang USR (links units); else NULL */
    const char *name;  /* spelling of the root: variable name, "<tmp3>", string text */
    uint32_t nsteps;
    IrStep *steps;
} IrPath;

/* ---- operands: the value of an expression, as far as the model cares ---- */

typedef enum IrOperandKind {
    IR_OPD_UNKNOWN, /* arithmetic or anything the lowering does not track */
    IR_OPD_CONST,   /* integer constant (including NULL, enum constants, sizeof, and arithmetic
                       on constants that clang folds: `N - 1`) */
    IR_OPD_VALUE,   /* the value currently stored at path (its READ is a separate event) */
    IR_OPD_ADDR,    /* &path: the address of the object path names */
    IR_OPD_FUNC,    /* a function designator: usr, name */
} IrOperandKind;

/* Integer arithmetic an UNKNOWN operand computes from constants, bare
 * locals and temporaries, in postfix order: `id * chunk + 1` is LOCAL id,
 * LOCAL chunk, MUL, CONST 1, ADD. A global's value is read into a
 * temporary first (`(in + 1) % N`: TEMP t, CONST 1, ADD, CONST N, MOD with
 * `t := in` before), and so, in an index, is a field's (`q->head % N`: a
 * queue's cursor, popped.c). Only what index ranges (instances.c, slices)
 * and ring cursors (ring.c, popped.c) need, and the equality tests trylock results are kept
 * as (flow.c); at most IR_ARITH_MAX terms. DIV and MOD are C's
 * (truncating), AND bitwise, EQ and NE C's `==` and `!=` (1 or 0). */
typedef enum IrArithKind {
    IR_ARITH_CONST, /* push value */
    IR_ARITH_LOCAL, /* push the value of bare local `local` */
    IR_ARITH_ADD, IR_ARITH_SUB, IR_ARITH_MUL, /* pop b, pop a, push a op b */
    IR_ARITH_NEG,   /* pop a, push -a */
    IR_ARITH_DIV, IR_ARITH_MOD, IR_ARITH_AND, /* pop b, pop a, push a op b */
    IR_ARITH_TEMP,  /* push the value of temporary `local` */
    IR_ARITH_EQ, IR_ARITH_NE, /* pop b, pop a, push a == b (a != b) */
    IR_ARITH_LAST = IR_ARITH_NE
} IrArithKind;

enum { IR_ARITH_MAX = 15 };

typedef struct IrArith {
    uint8_t kind;   /* IrArithKind */
    uint32_t local; /* IR_ARITH_LOCAL, IR_ARITH_TEMP */
    int64_t value;  /* IR_ARITH_CONST */
} IrArith;

typedef struct IrOperand {
    uint8_t kind;   /* IrOperandKind: says which member below is meaningful */
    bool offset;    /* VALUE/ADDR: pointer arithmetic applied (p + i): same object, other element */
    bool record;    /* VALUE: a struct or union value (call arguments and returns; copied field by field) */
    union {
        int64_t value;  /* CONST */
        IrPath path;    /* VALUE, ADDR */
        struct {
            const char *usr;  /* FUNC */
            const char *name; /* FUNC */
        };
        struct {
            uint32_t narith;      /* UNKNOWN: the integer arithmetic computing it, meaningful when arith
                                     is not NULL (ir_operand_narith) */
            const IrArith *arith;
        };
    };
} IrOperand;

/* The number of arithmetic terms of operand o (IrOperand.arith), 0 when it
 * has none. */
static inline uint32_t ir_operand_narith(const IrOperand *o) {
    return o->kind == IR_OPD_UNKNOWN && o->arith ? o->narith : 0;
}

/* Does branch t keep a two-variable comparison (IrTerm.sym_lhs)? */
#define ir_term_has_sym(t) ((t)->sym_lhs.kind != IR_OPD_UNKNOWN || ir_operand_narith(&(t)->sym_lhs))

/* ---- events -------------------------------------------------------------- */

typedef enum IrEventKind {
    IR_EV_READ,   /* path is read */
    IR_EV_WRITE,  /* path is written */
    IR_EV_ASSIGN, /* path := src (follows the WRITE of a plain store or initialiser) */
    IR_EV_CALL,   /* call; see IrCall */
} IrEventKind;

enum {
    IR_EV_ATOMIC = 1 << 0,  /* the accessed lvalue has _Atomic type */
    IR_EV_RMW = 1 << 1,     /* part of a read-modify-write (x++, x += 1) */
    IR_EV_POINTER = 1 << 2, /* ASSIGN: the stored value's type holds pointers (pointer,
                               struct/union/array containing pointers) */
    IR_EV_INIT = 1 << 3,    /* WRITE/ASSIGN: an initialiser of a declaration */
    IR_EV_RECORD = 1 << 4,  /* ASSIGN: the stored value is a struct or union (copied field by field);
                               READ/WRITE: the whole struct or union is accessed (every field) */
    IR_EV_STEP_UP = 1 << 5,   /* WRITE of a read-modify-write: an integer stepped up by a positive
                                 constant (x++, ++x, x += 3) */
    IR_EV_STEP_DOWN = 1 << 6, /* ... stepped down by a positive constant (x--, --x, x -= 3) */
    IR_EV_STEPPED = 1 << 7,   /* ASSIGN: the value stored is the stepped integer's own value, before
                                 or after the step (`i = next++`, through implicit conversions):
                                 the read-modify-write is the one just before in the block (its
                                 READ and WRITE, then the destination's WRITE) */
};

typedef struct IrCall {
    IrOperand callee;   /* FUNC for direct calls; VALUE(path) for calls through a pointer */
    uint32_t nargs;
    IrOperand *args;
    int32_t result;     /* temp number receiving the result, or -1 when unused/void */
    bool pointer_result; /* the result is a pointer to data (to an object or void, not to a
                            function) */
    const char *type;   /* indirect calls: canonical spelling of the function type called
                           ("void *(void *)"), NULL when unknown or unprototyped */
} IrCall;

typedef struct IrEvent {
    uint8_t kind;   /* IrEventKind */
    uint8_t flags;  /* IR_EV_* */
    IrLoc loc;      /* start of the expression the event comes from */
    IrPath path;    /* READ, WRITE, ASSIGN destination */
    union {
        IrOperand *src; /* ASSIGN (out of line: most events are plain accesses); a WRITE with
                           IR_EV_STEP_UP or IR_EV_STEP_DOWN: the step's size, a positive CONST
                           (`i += 4`: 4), NULL when not known */
        IrCall *call;   /* CALL */
    };
} IrEvent;

/* ---- control flow -------------------------------------------------------- */

typedef enum IrTermKind {
    IR_TERM_GOTO,   /* succ[0] */
    IR_TERM_BRANCH, /* succ[0] when (cond cmp rhs) holds, succ[1] otherwise */
    IR_TERM_SWITCH, /* any of succ[] */
    IR_TERM_RETURN, /* leaves the function; value in ret (UNKNOWN when none) */
    IR_TERM_EXIT,   /* control never continues (after a call to a noreturn function) */
} IrTermKind;

typedef enum IrCmp { IR_CMP_NE, IR_CMP_EQ, IR_CMP_LT, IR_CMP_LE, IR_CMP_GT, IR_CMP_GE } IrCmp;

typedef struct IrTerm {
    uint8_t kind; /* IrTermKind */
    uint8_t cmp;  /* IrCmp, BRANCH: `if (x)` is (x NE 0), `if (!x)` is (x EQ 0) */
    int64_t rhs;    /* BRANCH: constant compared against */
    union {
        IrOperand cond; /* BRANCH: the tested value; UNKNOWN for complex conditions */
        IrOperand ret;  /* RETURN: the returned value (UNKNOWN when none) */
    };
    /* BRANCH whose cond is UNKNOWN because it compares two variables: the
     * comparison kept as (sym_lhs sym_cmp sym_rhs + sym_off), `i < n - 1`;
     * one side may be integer arithmetic (IrOperand.arith: `i < (id + 1) *
     * chunk`); sym_lhs is UNKNOWN without arithmetic when there is none
     * (ir_term_has_sym). Only loop bounds read it. */
    uint8_t sym_cmp;
    int64_t sym_off;
    IrOperand sym_lhs, sym_rhs;
    IrLoc loc;
} IrTerm;

typedef struct IrBlock {
    IrEvent *events;
    uint32_t nevents;
    IrTerm term;
    uint32_t *succ;
    uint32_t nsucc;
    int32_t loop;   /* innermost enclosing loop (index into IrFunc.loops), -1 if none */
} IrBlock;

/* A structured loop (for, while, do) as written in the source. */
typedef struct IrLoop {
    int32_t parent;    /* enclosing loop or -1 */
    uint32_t header;   /* block evaluating the condition (for do: the body start) */
    uint32_t exit;     /* block control reaches when the loop ends (break target) */
    IrLoc loc;
} IrLoop;

enum {
    IR_LOCAL_PARAM = 1 << 0,      /* a parameter (locals [0, nparams) are the parameters) */
    IR_LOCAL_ADDR_TAKEN = 1 << 1, /* its address is taken somewhere (&x, or an array) */
    IR_LOCAL_POINTER = 1 << 2,    /* its type holds pointers */
    IR_LOCAL_ATOMIC = 1 << 3,     /* _Atomic */
    IR_LOCAL_ARRAY = 1 << 4,      /* array type */
    IR_LOCAL_RECORD = 1 << 5,     /* struct or union type */
    IR_LOCAL_DATA_POINTER = 1 << 6, /* a pointer to an object type other than void and the
                                       character types: it never holds a function's address */
    IR_LOCAL_FUNC_POINTER = 1 << 7, /* a pointer to a function: it holds nothing else */
};

typedef struct IrLocal {
    const char *name; /* "" for an unnamed parameter */
    const char *type; /* type spelling, for --dump-ir and messages */
    uint32_t flags;   /* IR_LOCAL_* */
    IrLoc loc;
} IrLocal;

typedef struct IrFunc {
    const char *usr;
    const char *name;
    IrLoc loc;
    bool is_static;   /* internal linkage */
    bool is_hidden;   /* external linkage, but hidden visibility (-fvisibility=hidden, the attribute):
                         not exported from the shared object it is built into */
    bool is_variadic;
    const char *type; /* canonical spelling of its type: "void *(void *)" */
    uint32_t nparams;
    uint32_t nlocals;
    IrLocal *locals;
    uint32_t ntemps;
    uint32_t va_temp; /* the temporary every va_arg reads, + 1: what the variadic part of a call
                         passes (0: none) */
    uint32_t nblocks; /* block 0 is the entry */
    IrBlock *blocks;
    uint32_t nloops;
    IrLoop *loops;
} IrFunc;

enum {
    IR_GLOBAL_TLS = 1 << 0,      /* _Thread_local / __thread */
    IR_GLOBAL_ATOMIC = 1 << 1,   /* _Atomic */
    IR_GLOBAL_CONST = 1 << 2,    /* const-qualified object: never written */
    IR_GLOBAL_DEFINED = 1 << 3,  /* this unit defines it (not only `extern`) */
    IR_GLOBAL_STATIC = 1 << 4,   /* internal linkage (file-scope static) */
    IR_GLOBAL_LOCAL_STATIC = 1 << 5, /* function-scope static */
    IR_GLOBAL_POINTER = 1 << 6,  /* its type holds pointers */
    IR_GLOBAL_HIDDEN_STATE = 1 << 7, /* never in a unit: the model's stand-in for a library's
                                        hidden state (program.c, program_hidden_state) */
    IR_GLOBAL_DATA_POINTER = 1 << 8, /* as IR_LOCAL_DATA_POINTER */
    IR_GLOBAL_FUNC_POINTER = 1 << 9, /* as IR_LOCAL_FUNC_POINTER */
    IR_GLOBAL_ALLOCATED = 1 << 10,   /* never in a unit: the object an allocation stores through a
                                        pointer (posix_memalign(&p, ...)) names (model/pools.c) */
};

typedef struct IrGlobal {
    const char *usr;
    const char *name;
    const char *type;
    uint32_t flags; /* IR_GLOBAL_* */
    IrLoc loc;
} IrGlobal;

/* Functions declared but not defined in this unit (external calls). */
typedef struct IrExtern {
    const char *usr;
    const char *name;
    bool noreturn;
} IrExtern;

/* Two differently named fields at one place of two struct types a cast of
 * the unit converts between: a pair of their common initial sequence (C11
 * 6.5.2.3p6), `(struct sockaddr *)&sin` makes sa_family and sin_family one
 * memory. Points-to names the two by one location (at that offset). */
typedef struct IrFieldAlias {
    const char *a, *b; /* the field names, a < b (strcmp) */
    uint32_t offset;   /* byte offset of both in their structs */
    uint32_t size;     /* size of both in bytes */
} IrFieldAlias;

typedef struct IrUnit {
    Arena *arena;          /* owns everything below */
    const char *path;      /* main source file as given */
    uint32_t nfuncs;
    IrFunc **funcs;        /* definitions, in source order */
    IrFunc *init;          /* pseudo-function "<init>" holding the initialisers of the
                              unit's globals (WRITE/ASSIGN events, no control flow); may be NULL */
    uint32_t nglobals;
    IrGlobal *globals;     /* every global variable declared or defined, once per USR */
    uint32_t nexterns;
    IrExtern *externs;
    uint32_t nconverted;
    const char **converted; /* USRs of the functions whose address this unit converts to another
                               type (a cast to another function pointer type, to `void *`, an
                               integer): only those may be called through a pointer of another
                               type (points-to's target filter) */
    uint32_t naliases;
    IrFieldAlias *aliases; /* common initial sequences of the casts in the unit, sorted, once each */
    bool parse_failed;     /* clang reported errors; the IR covers what clang understood */
    uint32_t ninputs;
    HashFile *inputs;      /* the files the unit was made from, with the hash of each one's
                              contents as parsed: the main file first, then every file it
                              includes, sorted by path (the inputs of its cache key,
                              base/hash.h); none for IR built by hand */
} IrUnit;

/* ---- typed ids -------------------------------------------------------------- */

/* An event named by position instead of by address: block `block`, event
 * `index` of that block. Stable across copies of a function (pools.c's
 * rewritten copies keep the positions of the events they do not touch), so
 * ids, not IrEvent pointers, should cross stage boundaries. Absence is said
 * by a bool next to the id, never by a sentinel value inside it. The
 * builder (builder.h) returns one per emitted event; the def-use table
 * (defuse.h) maps event pointers to ids in O(1). */
typedef struct IrEventId {
    uint32_t block;
    uint32_t index;
} IrEventId;

static inline bool ir_event_id_equal(IrEventId a, IrEventId b) {
    return a.block == b.block && a.index == b.index;
}

/* The event an id names in fn, or NULL when the id is out of range. */
static inline const IrEvent *ir_event_at(const IrFunc *fn, IrEventId id) {
    if (id.block >= fn->nblocks || id.index >= fn->blocks[id.block].nevents) return NULL;
    return &fn->blocks[id.block].events[id.index];
}

/* ---- helpers (ir.c) ------------------------------------------------------ */

/* True when both paths have the same root and steps (index steps compare by
 * kind and constant/local). */
bool ir_path_equal(const IrPath *a, const IrPath *b);
/* True when `prefix` is a prefix of `path` (same root, first steps equal). */
bool ir_path_has_prefix(const IrPath *path, const IrPath *prefix);
/* Source-like spelling of a path using the function's local names:
 * `pool->queue[i].head`, `*p`, `g.f`. Writes into buf (always terminated);
 * returns buf. fn may be NULL (locals then print as "<local N>"). */
char *ir_path_str(const IrFunc *fn, const IrPath *p, char *buf, size_t bufsize);
/* Is block b inside loop `loop` (directly or in a nested loop)? */
bool ir_block_in_loop(const IrFunc *f, uint32_t b, int32_t loop);
/* A plain local or temporary (no steps) as a small key: local id * 2, temp
 * id * 2 + 1; -1 for anything else. */
int64_t ir_plain_key(const IrPath *path);
/* The key of integer arithmetic (`(id + 1) % N`): equal arithmetic, equal
 * key, never 0; 0 for an operand without arithmetic. A temporary in it (a
 * value read from memory, `(q->head + 1) % N`) is that temporary: another
 * reading is another temporary, so another key. An IR_INDEX_UNKNOWN step's
 * value; the lowering assigns such an index to a temporary right before
 * the access, so analyses can read the arithmetic back (instances.c, and
 * a queue's cursor in popped.c). */
int64_t ir_arith_key(const IrOperand *o);
/* The arithmetic of an IR_INDEX_UNKNOWN step (its key) of the event at
 * (block, index) of f: the source of the temporary the lowering assigned
 * it to before the access in the same block, NULL when there is none. */
const IrOperand *ir_index_arith(const IrFunc *f, uint32_t block, uint32_t index, int64_t key);
/* The ir_plain_key of the local or temporary an operand (a VALUE or an
 * ADDR) starts from, -1 for other roots and other operands. */
int64_t ir_operand_root_key(const IrOperand *o);
/* The key of the local or temporary whose pointer operand o hands on: its
 * value itself (`p`), or an address inside what it points to (`&p->f`);
 * -1 otherwise. */
int64_t ir_operand_pointer_key(const IrOperand *o);
/* Copy a path into an arena (deep copy of the steps). */
IrPath ir_path_copy(Arena *a, const IrPath *p);
/* Path p extended by one step (new arena copy). */
IrPath ir_path_append(Arena *a, const IrPath *p, IrStep step);
uint64_t ir_path_hash(const IrPath *p);
/* Block and index of an event of fn (events point into their block's array);
 * false when ev is not one of fn's events. Linear in the number of blocks. */
bool ir_event_position(const IrFunc *fn, const IrEvent *ev, uint32_t *block, uint32_t *index);
void ir_unit_free(IrUnit *u);

/* Deterministic text dump for --dump-ir (print.c). */
void ir_print_unit(FILE *out, const IrUnit *u);
void ir_print_func(FILE *out, const IrFunc *fn);

#endif
