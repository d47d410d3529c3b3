/*
 * cfg.c - control-flow graph helpers over a function's blocks: predecessor
 * lists, the dominator tree and path queries (see cfg.h).
 */
#include "cfg.h"

#include <stdlib.h>

/* The predecessors of every block: preds[pstart[b] .. pstart[b + 1]). */
void ir_predecessors(const IrFunc *f, uint32_t **pstart_out, uint32_t **preds_out) {
    uint32_t *pstart = xcalloc(f->nblocks + 1, sizeof(uint32_t));
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t s = 0; s < f->blocks[b].nsucc; s++)
            if (f->blocks[b].succ[s] < f->nblocks) pstart[f->blocks[b].succ[s] + 1]++;
    for (uint32_t b = 0; b < f->nblocks; b++) pstart[b + 1] += pstart[b];
    uint32_t *fill = xcalloc(f->nblocks + 1, sizeof(uint32_t));
    uint32_t *preds = xcalloc(pstart[f->nblocks] + 1, sizeof(uint32_t));
    for (uint32_t b = 0; b < f->nblocks; b++)
        for (uint32_t s = 0; s < f->blocks[b].nsucc; s++) {
            uint32_t n = f->blocks[b].succ[s];
            if (n < f->nblocks) preds[pstart[n] + fill[n]++] = b;
        }
    free(fill);
    *pstart_out = pstart;
    *preds_out = preds;
}

/* The immediate dominator of every block reached from the entry
 * (UINT32_MAX for the others; the entry's is itself): Cooper, Harvey and
 * Kennedy's iteration over the reverse postorder. */
uint32_t *ir_dominators(const IrFunc *f) {
    uint32_t n = f->nblocks;
    uint32_t *idom = xmalloc(n * sizeof(uint32_t)), *order = xmalloc(n * sizeof(uint32_t));
    uint32_t *rpo = xmalloc(n * sizeof(uint32_t)), *next = xcalloc(n, sizeof(uint32_t));
    bool *seen = xcalloc(n, sizeof(bool));
    for (uint32_t b = 0; b < n; b++) idom[b] = rpo[b] = UINT32_MAX;
    /* postorder by an explicit stack */
    VEC(uint32_t) stack = {0};
    uint32_t npost = 0;
    vec_push(&stack, 0);
    seen[0] = true;
    while (stack.len) {
        uint32_t b = stack.data[stack.len - 1];
        if (next[b] < f->blocks[b].nsucc) {
            uint32_t s = f->blocks[b].succ[next[b]++];
            if (s < n && !seen[s]) {
                seen[s] = true;
                vec_push(&stack, s);
            }
            continue;
        }
        stack.len--;
        order[npost++] = b;
    }
    vec_free(&stack);
    for (uint32_t i = 0; i < npost; i++) rpo[order[i]] = npost - 1 - i; /* reverse postorder number */
    uint32_t *pstart, *preds;
    ir_predecessors(f, &pstart, &preds);
    idom[0] = 0;
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t i = npost; i-- > 0;) {
            uint32_t b = order[i];
            if (b == 0) continue;
            uint32_t nd = UINT32_MAX;
            for (uint32_t k = pstart[b]; k < pstart[b + 1]; k++) {
                uint32_t q = preds[k];
                if (idom[q] == UINT32_MAX) continue;
                if (nd == UINT32_MAX) {
                    nd = q;
                    continue;
                }
                uint32_t x = q, y = nd;
                while (x != y) {
                    while (rpo[x] > rpo[y]) x = idom[x];
                    while (rpo[y] > rpo[x]) y = idom[y];
                }
                nd = x;
            }
            if (nd != idom[b]) {
                idom[b] = nd;
                changed = true;
            }
        }
    }
    free(pstart);
    free(preds);
    free(order);
    free(rpo);
    free(next);
    free(seen);
    return idom;
}

bool ir_dominates(const uint32_t *idom, uint32_t a, uint32_t b) {
    if (idom[b] == UINT32_MAX) return false;
    for (;;) {
        if (a == b) return true;
        if (b == 0 || idom[b] == b) return false;
        b = idom[b];
    }
}

bool ir_returns_pass(const IrFunc *f, uint32_t from, const uint8_t *stop) {
    if (from >= f->nblocks) return false;
    bool *seen = xcalloc(f->nblocks, sizeof(bool));
    uint32_t *work = xmalloc(f->nblocks * sizeof(uint32_t));
    size_t n = 0;
    work[n++] = from;
    seen[from] = true;
    bool ok = true;
    while (n && ok) {
        const IrBlock *x = &f->blocks[work[--n]];
        if (x->term.kind == IR_TERM_RETURN) ok = false;
        for (uint32_t k = 0; k < x->nsucc && ok; k++) {
            uint32_t y = x->succ[k];
            if (y >= f->nblocks || stop[y] || seen[y]) continue;
            seen[y] = true;
            work[n++] = y;
        }
    }
    free(work);
    free(seen);
    return ok;
}
