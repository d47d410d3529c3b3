/*
 * ir.c - helpers over access paths shared by every stage: equality, prefix,
 * hashing, copying and the source-like spelling used in messages.
 */
#include "ir.h"

#include <stdlib.h>
#include <string.h>

static bool step_equal(const IrStep *a, const IrStep *b) {
    if (a->kind != b->kind) return false;
    switch (a->kind) {
    case IR_STEP_FIELD:
    case IR_STEP_UP: return strcmp(a->field ? a->field : "", b->field ? b->field : "") == 0;
    case IR_STEP_INDEX:
        if (a->index_kind != b->index_kind) return false;
        if (a->index_kind == IR_INDEX_CONST) return a->value == b->value;
        if (a->index_kind == IR_INDEX_LOCAL || a->index_kind == IR_INDEX_TEMP) return a->local == b->local;
        return false; /* two unknown indices are not known to be equal */
    default: return true;
    }
}

static bool root_equal(const IrPath *a, const IrPath *b) {
    if (a->root != b->root) return false;
    switch (a->root) {
    case IR_ROOT_GLOBAL: return a->usr && b->usr && strcmp(a->usr, b->usr) == 0;
    case IR_ROOT_STRING: return false;
    default: return a->id == b->id;
    }
}

const IrOperand *ir_index_arith(const IrFunc *f, uint32_t block, uint32_t index, int64_t key) {
    const IrBlock *b = &f->blocks[block];
    for (uint32_t e = index; e-- > 0;) {
        const IrEvent *ev = &b->events[e];
        if (ev->kind == IR_EV_ASSIGN && ev->path.root == IR_ROOT_TEMP && !ev->path.nsteps && ev->src &&
            ir_arith_key(ev->src) == key)
            return ev->src;
    }
    return NULL;
}

int64_t ir_arith_key(const IrOperand *o) {
    uint32_t n = ir_operand_narith(o);
    if (!n) return 0;
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (uint32_t i = 0; i < n; i++) {
        const IrArith *a = &o->arith[i];
        h = hash_mix(h, (uint64_t)a->kind << 56 ^
                            (a->kind == IR_ARITH_LOCAL || a->kind == IR_ARITH_TEMP ? a->local : (uint64_t)a->value));
    }
    return (int64_t)(h | 1); /* never 0 */
}

bool ir_path_equal(const IrPath *a, const IrPath *b) {
    if (a->nsteps != b->nsteps || !root_equal(a, b)) return false;
    for (uint32_t i = 0; i < a->nsteps; i++)
        if (!step_equal(&a->steps[i], &b->steps[i])) return false;
    return true;
}

bool ir_path_has_prefix(const IrPath *path, const IrPath *prefix) {
    if (prefix->nsteps > path->nsteps || !root_equal(path, prefix)) return false;
    for (uint32_t i = 0; i < prefix->nsteps; i++)
        if (!step_equal(&path->steps[i], &prefix->steps[i])) return false;
    return true;
}

uint64_t ir_path_hash(const IrPath *p) {
    uint64_t h = hash_mix(0, p->root);
    if (p->root == IR_ROOT_GLOBAL && p->usr) h = hash_mix(h, hash_str(p->usr));
    else h = hash_mix(h, p->id);
    for (uint32_t i = 0; i < p->nsteps; i++) {
        const IrStep *s = &p->steps[i];
        h = hash_mix(h, s->kind);
        if ((s->kind == IR_STEP_FIELD || s->kind == IR_STEP_UP) && s->field) h = hash_mix(h, hash_str(s->field));
    }
    return h;
}

IrPath ir_path_copy(Arena *a, const IrPath *p) {
    IrPath c = *p;
    if (p->nsteps) c.steps = arena_memdup(a, p->steps, sizeof(IrStep) * p->nsteps);
    else c.steps = NULL;
    return c;
}

IrPath ir_path_append(Arena *a, const IrPath *p, IrStep step) {
    IrPath c = *p;
    /* paths grow one step at a time while an expression is lowered: extend
     * the last allocation in place when possible (the shorter path keeps
     * seeing only its own steps) */
    c.steps = p->nsteps ? arena_grow(a, p->steps, sizeof(IrStep) * p->nsteps, sizeof(IrStep) * (p->nsteps + 1))
                        : ARENA_ARRAY(a, IrStep, 1);
    c.steps[p->nsteps] = step;
    c.nsteps = p->nsteps + 1;
    return c;
}

typedef struct {
    char *buf;
    size_t size, len;
} Sb;

static void sb_add(Sb *sb, const char *s) {
    for (; *s && sb->len + 1 < sb->size; s++) sb->buf[sb->len++] = *s;
    sb->buf[sb->len] = 0;
}

/* Insert s at the start of the text so far (truncating at the end). */
static void sb_prepend(Sb *sb, const char *s) {
    size_t n = strlen(s);
    if (sb->size <= 1) return;
    if (n > sb->size - 1) n = sb->size - 1;
    size_t keep = sb->len + n > sb->size - 1 ? sb->size - 1 - n : sb->len;
    memmove(sb->buf + n, sb->buf, keep);
    memcpy(sb->buf, s, n);
    sb->len = keep + n;
    sb->buf[sb->len] = 0;
}

static const char *local_name(const IrFunc *fn, uint32_t id, char *tmp, size_t n) {
    if (fn && id < fn->nlocals && fn->locals[id].name && fn->locals[id].name[0])
        return fn->locals[id].name;
    snprintf(tmp, n, "<local %u>", id);
    return tmp;
}

char *ir_path_str(const IrFunc *fn, const IrPath *p, char *buf, size_t bufsize) {
    Sb sb = {buf, bufsize, 0};
    if (!bufsize) return buf;
    buf[0] = 0;
    char tmp[64];
    /* Count leading derefs that are not followed by a field/index step: they
     * print as prefix '*'. DEREF followed by FIELD prints as '->', DEREF
     * followed by INDEX prints as '[i]'. */
    uint32_t n = p->nsteps;
    int stars = 0;
    for (uint32_t i = 0; i < n; i++)
        if (p->steps[i].kind == IR_STEP_DEREF &&
            (i + 1 == n || p->steps[i + 1].kind == IR_STEP_DEREF))
            stars++;
    for (int i = 0; i < stars; i++) sb_add(&sb, "*");
    if (stars && n > (uint32_t)stars) sb_add(&sb, "(");
    switch (p->root) {
    case IR_ROOT_GLOBAL: sb_add(&sb, p->name ? p->name : "<global>"); break;
    case IR_ROOT_LOCAL: sb_add(&sb, p->name ? p->name : local_name(fn, p->id, tmp, sizeof tmp)); break;
    case IR_ROOT_TEMP:
        snprintf(tmp, sizeof tmp, "<tmp%u>", p->id);
        sb_add(&sb, tmp);
        break;
    case IR_ROOT_STRING: sb_add(&sb, "\"...\""); break;
    }
    bool up_ptr = false; /* the text so far is container_of(...): a pointer to the object */
    for (uint32_t i = 0; i < n; i++) {
        const IrStep *s = &p->steps[i];
        if (s->kind == IR_STEP_UP) {
            /* container_of(ptr, member): ptr is the text so far when a DEREF
             * came before (printed nothing), else the address of it */
            bool ptr = i > 0 && p->steps[i - 1].kind == IR_STEP_DEREF && !up_ptr;
            if (up_ptr) sb_prepend(&sb, "*");
            sb_prepend(&sb, ptr ? "container_of(" : "container_of(&");
            sb_add(&sb, ", ");
            uint32_t j = i;
            while (j + 1 < n && p->steps[j + 1].kind == IR_STEP_UP) j++;
            for (uint32_t k = j + 1; k-- > i;) { /* outermost member first: a.b */
                sb_add(&sb, p->steps[k].field && p->steps[k].field[0] ? p->steps[k].field : "?");
                if (k > i) sb_add(&sb, ".");
            }
            sb_add(&sb, ")");
            i = j;
            up_ptr = true;
            if (i + 1 == n) sb_prepend(&sb, "*");
            continue;
        }
        bool arrow = up_ptr;
        up_ptr = false;
        if (s->kind == IR_STEP_DEREF) {
            if (i + 1 < n && p->steps[i + 1].kind == IR_STEP_FIELD) {
                sb_add(&sb, "->");
                sb_add(&sb, p->steps[i + 1].field ? p->steps[i + 1].field : "");
                i++;
            } else if (i + 1 < n && p->steps[i + 1].kind == IR_STEP_INDEX) {
                continue; /* printed by the INDEX step */
            }
            /* trailing derefs were printed as stars; a deref before UP prints nothing */
        } else if (s->kind == IR_STEP_FIELD) {
            sb_add(&sb, arrow ? "->" : ".");
            sb_add(&sb, s->field ? s->field : "");
        } else {
            sb_add(&sb, "[");
            if (s->index_kind == IR_INDEX_CONST) {
                snprintf(tmp, sizeof tmp, "%lld", (long long)s->value);
                sb_add(&sb, tmp);
            } else if (s->index_kind == IR_INDEX_LOCAL) {
                sb_add(&sb, local_name(fn, s->local, tmp, sizeof tmp));
            } else {
                sb_add(&sb, "?");
            }
            sb_add(&sb, "]");
        }
    }
    if (stars && n > (uint32_t)stars) {
        /* close the parenthesis opened for a deref of a compound path:
         * `*(p->next)` — rare, only cosmetic */
        sb_add(&sb, ")");
    }
    return buf;
}

bool ir_event_position(const IrFunc *fn, const IrEvent *ev, uint32_t *block, uint32_t *index) {
    for (uint32_t b = 0; b < fn->nblocks; b++) {
        const IrBlock *bb = &fn->blocks[b];
        if (bb->nevents && ev >= bb->events && ev < bb->events + bb->nevents) {
            *block = b;
            *index = (uint32_t)(ev - bb->events);
            return true;
        }
    }
    return false;
}

void ir_unit_free(IrUnit *u) {
    if (!u) return;
    arena_free(u->arena);
}

int64_t ir_plain_key(const IrPath *path) {
    if (path->nsteps) return -1;
    if (path->root == IR_ROOT_LOCAL) return (int64_t)path->id * 2;
    if (path->root == IR_ROOT_TEMP) return (int64_t)path->id * 2 + 1;
    return -1;
}

int64_t ir_operand_root_key(const IrOperand *o) {
    if (o->kind != IR_OPD_VALUE && o->kind != IR_OPD_ADDR) return -1;
    IrPath r = o->path;
    r.nsteps = 0;
    return ir_plain_key(&r);
}

int64_t ir_operand_pointer_key(const IrOperand *o) {
    bool ptr = o->kind == IR_OPD_VALUE ? o->path.nsteps == 0
                                       : o->kind == IR_OPD_ADDR && o->path.nsteps && o->path.steps[0].kind == IR_STEP_DEREF;
    return ptr ? ir_operand_root_key(o) : -1;
}

bool ir_block_in_loop(const IrFunc *f, uint32_t b, int32_t loop) {
    for (int32_t l = f->blocks[b].loop; l >= 0; l = f->loops[l].parent)
        if (l == loop) return true;
    return false;
}
