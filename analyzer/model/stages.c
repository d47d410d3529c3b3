/*
 * stages.c - model_build: the stage list of stages.h run in order, each
 * timed (RACECHECK_STATS), and the model's statistics.
 */
#include "stages.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static void stage_link(Program *p, const ModelOptions *opt) { (void)opt; program_link(p); }
static void stage_wrappers(Program *p, const ModelOptions *opt) { (void)opt; wrappers_detect(p); }
static void stage_pools(Program *p, const ModelOptions *opt) { (void)opt; pools_desugar(p); }
static void stage_classify(Program *p, const ModelOptions *opt) { (void)opt; program_classify_calls(p); }
static void stage_ownership(Program *p, const ModelOptions *opt) { (void)opt; ownership_build(p); }
static void stage_sync(Program *p, const ModelOptions *opt) { (void)opt; sync_scan_inits(p); }
static void stage_facts(Program *p, const ModelOptions *opt) { (void)opt; facts_index_build(p); }
static void stage_locksets(Program *p, const ModelOptions *opt) { (void)opt; lockset_summaries(p); }

/* The order and the reason for it: stages.h. */
const ModelStage model_stages[] = {
    {"link", stage_link},
    {"wrappers", stage_wrappers},
    {"pools", stage_pools},
    {"classify", stage_classify},
    {"reachability", roots_mark_reachable},
    {"points-to", pointsto_build},
    {"ownership", stage_ownership},
    {"sync-init", stage_sync},
    {"locksets", stage_locksets},
    {"threads", threads_build},
    {"facts", stage_facts},
};
const size_t model_nstages = sizeof model_stages / sizeof model_stages[0];

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool model_build(Program *p, IrUnit **units, size_t nunits, const ApiModels *models,
                 const ModelOptions *opt, DiagSink *diags) {
    memset(p, 0, sizeof(*p));
    p->arena = arena_new();
    interner_init(&p->strings);
    strmap_init(&p->func_by_usr);
    strmap_init(&p->func_by_name);
    strmap_init(&p->extfunc_by_name);
    strmap_init(&p->global_by_usr);
    strmap_init(&p->lock_index);
    u64map_init(&p->callinfo);
    u64map_init(&p->obj_index);
    u64map_init(&p->field_ids);
    u64map_init(&p->children);
    u64map_init(&p->heap_sites);
    u64map_init(&p->set_index);
    u64map_init(&p->sem_init);
    u64map_init(&p->inst_locals);
    u64map_init(&p->unpublished);
    u64map_init(&p->sync_users);
    u64map_init(&p->synth_api);
    u64map_init(&p->wrapper_api);
    p->diags = diags;
    p->models = models;
    p->units = units;
    p->nunits = nunits;
    p->defuse = ir_defuse_cache_new();
    p->stage_seconds = arena_alloc(p->arena, model_nstages * sizeof(double));
    for (size_t i = 0; i < model_nstages; i++) {
        double t0 = now_seconds();
        model_stages[i].run(p, opt);
        p->stage_seconds[i] = now_seconds() - t0;
    }
    return true;
}

const IrDefUse *model_defuse(const Program *p, const IrFunc *f) {
    return ir_defuse_cached(p->defuse, f);
}

void model_print_stats(const Program *p, FILE *out) {
    fprintf(out, "stats: model stages:");
    for (size_t i = 0; i < model_nstages; i++)
        fprintf(out, "%s %s %.2f s", i ? "," : "", model_stages[i].name, p->stage_seconds[i]);
    fprintf(out, "\n");
    fprintf(out, "stats: %zu functions, %zu objects, %zu nodes, %zu points-to facts, %zu locks, %zu threads, "
            "%zu accesses, model arena %zu KiB\n", p->funcs.len, p->objs.len, p->nodes.len, p->pts_total,
            p->locks.len, p->threads.len, p->accesses.len, arena_bytes(p->arena) / 1024);
    fprintf(out, "stats: points-to: %zu statements, %zu evaluations, %zu copy edges, %zu nodes merged in cycles\n",
            p->pt_stmts, p->pt_evals, p->pt_edges, p->pt_cycles);
}
