/*
 * stages.c - model_build: the stage list of stages.h run in order, each
 * timed (RACECHECK_STATS), and the model's statistics.
 */
#include "stages.h"

#include "flow.h"

#include "../base/pool.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static void stage_link(Program *p, const ModelOptions *opt) { (void)opt; program_link(p); }
static void stage_wrappers(Program *p, const ModelOptions *opt) { (void)opt; wrappers_detect(p); }
static void stage_pools(Program *p, const ModelOptions *opt) { (void)opt; pools_desugar(p); }
static void stage_launchers(Program *p, const ModelOptions *opt) { (void)opt; launchers_rewrite(p); }
static void stage_classify(Program *p, const ModelOptions *opt) {
    (void)opt;
    program_classify_calls(p);
    fences_scan(p);
}
static void stage_ownership(Program *p, const ModelOptions *opt) { (void)opt; ownership_build(p); }
static void stage_sync(Program *p, const ModelOptions *opt) {
    (void)opt;
    sync_const_globals(p);
    sync_scan_inits(p); /* reads const_globals */
    spinlocks_detect(p);
    turns_detect(p);
    tokens_detect(p);
    flaglocks_detect(p);
    flags_detect(p);
    claims_detect(p);
    claims_perms_detect(p);
    sync_scan_wait_helpers(p);
}
static void stage_sem_gates(Program *p, const ModelOptions *opt) {
    tokens_validate(p);
    sync_drop_gates(p, opt);
    sync_short_countdowns(p);
    claims_check_steps(p);
}
static void stage_facts(Program *p, const ModelOptions *opt) { (void)opt; facts_index_build(p); }
static void stage_lockevents(Program *p, const ModelOptions *opt) { lockevents_build(p, opt); }
static void stage_locksets(Program *p, const ModelOptions *opt) {
    (void)opt;
    flow_infer_noreturn(p);
    lockset_summaries(p);
}

/* The order and the reason for it: stages.h. */
const ModelStage model_stages[] = {
    {"link", stage_link},
    {"wrappers", stage_wrappers},
    {"pools", stage_pools},
    {"launchers", stage_launchers},
    {"classify", stage_classify},
    {"reachability", roots_mark_reachable},
    {"points-to", pointsto_build},
    {"ownership", stage_ownership},
    {"sync-init", stage_sync},
    {"locksets", stage_locksets},
    {"threads", threads_build},
    {"pins", pins_validate},
    {"turns", turns_validate},
    {"sem-gates", stage_sem_gates},
    {"lock-events", stage_lockevents},
    {"facts", stage_facts},
};
const size_t model_nstages = sizeof model_stages / sizeof model_stages[0];

double model_now_seconds(void) {
    return base_now_seconds();
}

bool model_build(Program *p, IrUnit **units, size_t nunits, const ApiModels *models,
                 const ModelOptions *opt, DiagSink *diags) {
    memset(p, 0, sizeof(*p));
    p->arena = arena_new();
    interner_init(&p->strings);
    strmap_init(&p->link.func_by_usr);
    strmap_init(&p->link.func_by_name);
    strmap_init(&p->pt.extfunc_by_name);
    strmap_init(&p->pt.unknown_typed);
    p->pt.unknown_obj = UINT32_MAX;
    strmap_init(&p->link.global_by_usr);
    strmap_init(&p->lock.index);
    u64map_init(&p->lock.by_call);
    u64map_init(&p->link.callinfo);
    u64map_init(&p->pt.obj_index);
    u64map_init(&p->pt.field_ids);
    u64map_init(&p->pt.field_names);
    u64map_init(&p->pt.children);
    u64map_init(&p->pt.heap_sites);
    u64map_init(&p->set_index);
    u64map_init(&p->sync.sem_init);
    u64map_init(&p->tm.inst_locals);
    u64map_init(&p->tm.inst_seeded);
    u64map_init(&p->tm.const_slices);
    u64map_init(&p->tm.unchecked_seen);
    u64map_init(&p->tm.once_sites);
    u64map_init(&p->tm.global_lock_by_node);
    u64map_init(&p->tm.once_nodes);
    u64map_init(&p->tm.once_objs);
    u64map_init(&p->tm.once_tests);
    u64map_init(&p->tm.once_started);
    u64map_init(&p->own.unpublished);
    u64map_init(&p->own.unpublished_args);
    u64map_init(&p->own.arg_fresh);
    u64map_init(&p->own.alias);
    u64map_init(&p->sync.ring_of);
    u64map_init(&p->own.param_prefix);
    u64map_init(&p->own.param_prefix_done);
    u64map_init(&p->own.popped);
    u64map_init(&p->own.pop_args);
    u64map_init(&p->own.payloads);
    u64map_init(&p->sync.users);
    u64map_init(&p->sync.sem_waits);
    u64map_init(&p->sync.count_writes);
    u64map_init(&p->sync.claim_vars);
    u64map_init(&p->sync.perm_vars);
    u64map_init(&p->sync.claim_perm_ids);
    u64map_init(&p->sync.sem_sites);
    u64map_init(&p->sync.ring_funcs);
    u64map_init(&p->sync.ring_cursors);
    u64map_init(&p->sync.const_globals);
    u64map_init(&p->sync.barrier_shift);
    u64map_init(&p->sync.const_params);
    u64map_init(&p->sync.spin_stores);
    u64map_init(&p->sync.lflag_stores);
    u64map_init(&p->sync.lflag_loads);
    u64map_init(&p->sync.lflag_value);
    u64map_init(&p->sync.flag_value);
    u64map_init(&p->sync.once_post_events);
    u64map_init(&p->sync.lflag_locks);
    u64map_init(&p->link.synth_api);
    u64map_init(&p->link.wrapper_api);
    u64map_init(&p->link.launched);
    p->diags = diags;
    p->models = models;
    p->units = units;
    p->nunits = nunits;
    p->defuse = ir_defuse_cache_new();
    p->workers = opt && opt->workers ? opt->workers : pool_default_workers();
    p->library = opt && opt->library;
    p->stage_seconds = arena_alloc(p->arena, model_nstages * sizeof(double));
    for (size_t i = 0; i < model_nstages; i++) {
        if (opt && opt->on_stage) opt->on_stage(opt->stage_ctx, model_stages[i].name, i, model_nstages);
        double t0 = model_now_seconds();
        model_stages[i].run(p, opt);
        p->stage_seconds[i] = model_now_seconds() - t0;
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
            "%zu accesses, model arena %zu KiB\n", p->link.funcs.len, p->pt.objs.len, p->pt.nodes.len, p->pt.pts_total,
            p->lock.refs.len, p->tm.threads.len, p->tm.accesses.len, arena_bytes(p->arena) / 1024);
    fprintf(out, "stats: points-to: %zu statements, %zu evaluations, %zu copy edges, %zu nodes merged in cycles, "
            "work %llu, %.2f s processor time%s; %zu indirect calls through closed fields (fieldslots.c)\n",
            p->pt.stmts, p->pt.evals, p->pt.edges, p->pt.cycles, p->pt.work, p->pt.cpu_seconds,
            p->pt.budget_reached ? ", stopped at the budget" : "", p->pt.field_calls);
    fprintf(out, "stats: launchers (launchers.c): %zu capsule launchers and joiners, %u call sites given a spawner "
            "clone\n", p->link.launchers.len, p->link.spawner_clones);
    size_t once = 0, started = 0;
    for (size_t i = 0; i < p->tm.threads.len; i++) {
        once += p->tm.threads.data[i].once != 0;
        started += p->tm.threads.data[i].started_flag != 0;
    }
    fprintf(out, "stats: set-once guards (once.c): %zu spawn sites looked at, %zu guarded; threads: %zu one instance "
            "by a guard, %zu with a started flag\n", p->tm.once_sites.len, p->tm.once.len, once, started);
    fprintf(out, "stats: per-thread recording: %zu calling contexts of %zu (thread, function) pairs, %zu of them "
            "overflow contexts\n", p->tm.contexts, p->tm.context_funcs, p->tm.context_overflows);
    fprintf(out, "stats: per-thread pass (threads.c): summaries %zu function runs %.2f s, contexts %zu runs %.2f s, "
            "recording %zu runs %.2f s\n", p->tm.pass_runs[0], p->tm.pass_seconds[0], p->tm.pass_runs[1],
            p->tm.pass_seconds[1], p->tm.pass_runs[2], p->tm.pass_seconds[2]);
    uint32_t mono = 0;
    for (uint32_t gi = 0; gi < p->tm.guard_nodes.n; gi++) mono += p->tm.guard_monotone[gi];
    fprintf(out, "stats: ownership (ownership.c): %u objects points-to shares never leave their frame\n",
            p->own.frame_private);
    fprintf(out, "stats: set-up guards (threads.c): %u globals, %u of them monotone%s\n", p->tm.guard_nodes.n, mono,
            p->tm.guard_nodes.n >= (1u << FLOW_GUARD_BITS) ? " (the limit: others are not followed)" : "");
    fprintf(out, "stats: pinned locks (heldlocks.c): %u global pointers, %u of them changed beside a use (dropped)\n",
            p->tm.pins_used.n, p->tm.pins_bad.n);
    fprintf(out, "stats: turns (turns.c): %zu wait exits in %u functions, %zu stores; %u words kept, %u dropped\n",
            p->sync.turn_exit_v.len, p->sync.turn_funcs.n, p->sync.turn_stores.len, p->sync.turn_kept.n,
            p->sync.turn_dropped);
    fprintf(out, "stats: flag locks (flaglocks.c): %zu words, %zu sets, clears and steps\n", p->sync.flag_locks,
            p->sync.flag_lock_events.len);
}
