/*
 * unknown.c - the calls racecheck knows nothing about: to functions with
 * no body in the analysed units, no API model of any kind (effects
 * included) and no `pure` declaration in the project configuration.
 *
 * Such a call touches no memory for the analysis (docs/precision.md: no
 * conservative effects for unknown calls), so an access it makes is missed.
 * The summary line counts them and `--list-unknown` lists the names, most
 * frequent first, so users know which functions to model.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

static int cmp_unknown(const void *a, const void *b) {
    const UnknownCall *x = a, *y = b;
    if (x->calls != y->calls) return x->calls > y->calls ? -1 : 1;
    return strcmp(x->name, y->name);
}

UnknownCall *model_unknown_calls(IrUnit *const *units, size_t nunits, const ApiModels *models, size_t *nnames,
                                 size_t *ncalls) {
    StrMap defined, counts;
    strmap_init(&defined);
    strmap_init(&counts);
    for (size_t u = 0; u < nunits; u++)
        for (uint32_t i = 0; units[u] && i < units[u]->nfuncs; i++) strmap_put(&defined, units[u]->funcs[i]->name, (void *)1);
    *ncalls = 0;
    for (size_t u = 0; u < nunits; u++) {
        for (uint32_t i = 0; units[u] && i < units[u]->nfuncs; i++) {
            const IrFunc *f = units[u]->funcs[i];
            for (uint32_t b = 0; b < f->nblocks; b++)
                for (uint32_t e = 0; e < f->blocks[b].nevents; e++) {
                    const IrEvent *ev = &f->blocks[b].events[e];
                    if (ev->kind != IR_EV_CALL || !ev->call || ev->call->callee.kind != IR_OPD_FUNC) continue;
                    const char *name = ev->call->callee.name;
                    if (!name || !name[0] || !strncmp(name, "racecheck_", 10) || strmap_get(&defined, name) ||
                        apimodels_find(models, name) || apimodels_find_effects(models, name))
                        continue;
                    bool ins;
                    void **slot = strmap_slot(&counts, name, &ins);
                    *slot = (void *)((uintptr_t)*slot + 1);
                    (*ncalls)++;
                }
        }
    }
    UnknownCall *out = xmalloc((counts.len + 1) * sizeof(*out));
    size_t k = 0;
    for (size_t i = 0; i < counts.cap; i++)
        if (counts.keys[i]) out[k++] = (UnknownCall){counts.keys[i], (size_t)(uintptr_t)counts.vals[i]};
    qsort(out, k, sizeof(*out), cmp_unknown);
    *nnames = k;
    strmap_free(&defined);
    strmap_free(&counts);
    return out;
}
