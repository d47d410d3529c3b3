/*
 * project.c - what the server analyses, and one analysis run.
 *
 * The project is found the way a user would point the CLI at it: -p when
 * given, else the first folder from the workspace root upward that holds a
 * compile database (compile_commands.json, or build/compile_commands.json)
 * or a .racecheck.json, else the workspace root walked as a directory.
 *
 * A run is the CLI's pipeline (cli/driver.c) with the same inputs, so the
 * editor shows what `racecheck -p BUILD` prints: the API models and the
 * configuration (read again each run, so editing .racecheck.json takes
 * effect at the next save), the units, the IR cache (the same key as the
 * CLI's, so the two share entries and a save re-parses only the units whose
 * files changed), the whole-program model, the checks, fingerprints and
 * suppressions. Units are parsed in batches of a few per worker so that a
 * run superseded by a newer save stops at the next batch; the model and the
 * checks are not interruptible, so it stops at the next stage after them.
 */
#include "lsp_int.h"

#include "../base/hash.h"
#include "../config/cachekey.h"
#include "../base/pool.h"
#include "../checks/checks.h"
#include "../report/report.h"
#include "../store/store.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

void lsp_project_find(LspProject *p, const char *root, const LspOptions *o) {
    memset(p, 0, sizeof *p);
    p->root = lsp_path_normalize(root);
    if (o->build_dir) {
        char *b = o->build_dir[0] == '/' ? xstrdup(o->build_dir) : xasprintf("%s/%s", p->root, o->build_dir);
        p->build_dir = lsp_path_normalize(b);
        free(b);
        return;
    }
    char *d = xstrdup(p->root);
    for (;;) {
        char *cdb = xasprintf("%s/compile_commands.json", d), *bcdb = xasprintf("%s/build/compile_commands.json", d),
             *cfg = xasprintf("%s/.racecheck.json", d);
        bool found = true;
        if (is_file(cdb)) p->build_dir = xstrdup(d);
        else if (is_file(bcdb)) p->build_dir = xasprintf("%s/build", strcmp(d, "/") ? d : "");
        else if (is_file(cfg)) p->dir = xstrdup(d);
        else found = false;
        free(cdb);
        free(bcdb);
        free(cfg);
        char *slash = strrchr(d, '/');
        if (found || !slash || !strcmp(d, "/")) break;
        if (slash == d) slash[1] = 0;
        else *slash = 0;
    }
    free(d);
    if (!p->build_dir && !p->dir) p->dir = xstrdup(p->root);
}

void lsp_project_free(LspProject *p) {
    free(p->root);
    free(p->build_dir);
    free(p->dir);
    memset(p, 0, sizeof *p);
}

char *lsp_project_describe(const LspProject *p) {
    if (p->build_dir) return xasprintf("compile database %s/compile_commands.json (root %s)", p->build_dir, p->root);
    return xasprintf("every *.c below %s (root %s)", p->dir, p->root);
}

static bool keep_unit(void *ctx, const char *file) {
    return config_path_selected(ctx, file);
}

/* ---- triage ------------------------------------------------------------------------ */

/* The findings database of the CLI (--db, $RACECHECK_DB, ROOT/.racecheck/
 * racecheck.db; "none": none), read only for its triage decisions: the
 * findings triaged false-positive or intentional are not shown, as the CLI
 * does not report them. A missing or unreadable database hides nothing. */
static void apply_triage(LspResult *r, const LspOptions *o) {
    const char *v = o->db ? o->db : getenv("RACECHECK_DB");
    if (v && (!v[0] || !strcmp(v, "none"))) return;
    char *path = v ? xstrdup(v) : xasprintf("%s/.racecheck/racecheck.db", r->root);
    if (!is_file(path)) {
        free(path);
        return;
    }
    char *err = NULL;
    Store *db = store_open(path, false, &err);
    if (db && store_load_triage(db, &r->findings, &err)) {
        size_t k = 0;
        for (size_t i = 0; i < r->findings.items.len; i++) {
            if (store_triage_suppresses(r->findings.items.data[i].triage)) r->triaged++;
            else r->findings.items.data[k++] = r->findings.items.data[i];
        }
        r->findings.items.len = k;
    } else {
        diag_report(&r->diags, DIAG_WARNING, NULL, 0, 0, "findings database %s: %s; triage decisions not applied", path,
                    err ? err : "cannot be read");
    }
    free(err);
    store_close(db);
    free(path);
}

/* ---- one run ---------------------------------------------------------------------- */

typedef struct {
    const LspRunHooks *hooks;
    size_t offset, total;
} ParseProgress;

static void on_parsed(void *ctx, size_t done, size_t total, const char *file) {
    ParseProgress *pp = ctx;
    (void)total;
    (void)file;
    if (pp->hooks->progress) pp->hooks->progress(pp->hooks->ctx, "parsing", pp->offset + done, pp->total);
}

static bool cancelled(const LspRunHooks *h, LspResult *r) {
    if (h->cancelled && h->cancelled(h->ctx)) r->cancelled = true;
    return r->cancelled;
}

static void stage(const LspRunHooks *h, const char *name) {
    if (h->progress) h->progress(h->ctx, name, 0, 0);
}

/* The configuration that applies: --config, else the nearest .racecheck.json
 * in or above the analysed folder (as cli/project.c). */
static bool load_config(LspResult *r, const LspProject *p, const LspOptions *o) {
    if (o->config) return config_load(&r->cfg, o->config, &r->models, &r->diags);
    if (o->no_config) return true;
    char *found = config_find(p->build_dir ? p->build_dir : p->dir);
    if (!found) return true;
    bool ok = config_load(&r->cfg, found, &r->models, &r->diags);
    free(found);
    return ok;
}

static void parse_units(LspResult *r, const LspOptions *o, const LspRunHooks *hooks, FeCache *cache) {
    size_t n = r->in.nunits;
    size_t workers = o->jobs ? o->jobs : pool_default_workers();
    size_t batch = workers * 4 < 8 ? 8 : workers * 4;
    r->units = xcalloc(n ? n : 1, sizeof *r->units);
    ParseProgress pp = {hooks, 0, n};
    for (size_t off = 0; off < n; off += batch) {
        if (cancelled(hooks, r)) return;
        FeInputs part = r->in;
        part.units += off;
        part.nunits = n - off < batch ? n - off : batch;
        pp.offset = off;
        /* every unit lowers the functions of its headers (as with the cache):
         * the batches are independent, linking keeps one of each */
        IrUnit **u = fe_parse_all(&part, o->jobs, 0, cache, &r->diags, on_parsed, &pp);
        memcpy(r->units + off, u, part.nunits * sizeof *u);
        free(u);
    }
}

LspResult *lsp_analyse(const LspProject *p, const LspOptions *o, const LspRunHooks *hooks) {
    LspResult *r = xcalloc(1, sizeof *r);
    r->root = xstrdup(p->root);
    diag_init(&r->diags);
    apimodels_init(&r->models);
    config_init(&r->cfg);
    findings_init(&r->findings);
    FeCache *cache = NULL;

    if (!apimodels_load_dir(&r->models, o->rules_dir, &r->diags)) {
        r->error = xasprintf("cannot load the API models in %s", o->rules_dir);
        goto out;
    }
    if (!load_config(r, p, o)) {
        r->error = xasprintf("invalid configuration %s", r->cfg.file ? r->cfg.file : o->config ? o->config : "");
        goto out;
    }
    FeStatus st = p->build_dir ? fe_inputs_from_cdb(&r->in, p->build_dir, NULL, 0, o->clang_flags, o->nclang_flags,
                                                    &r->diags)
                               : fe_inputs_from_dir(&r->in, p->dir, o->clang_flags, o->nclang_flags, &r->diags);
    if (st != FE_OK) {
        r->error = xasprintf("cannot read the project's translation units (%s)",
                             p->build_dir ? "its compile database" : "its folder");
        goto out;
    }
    if (r->cfg.include.len || r->cfg.exclude.len) fe_inputs_filter(&r->in, keep_unit, &r->cfg);
    if (!r->in.nunits) {
        r->error = xasprintf("no translation units to analyse in %s", p->build_dir ? p->build_dir : p->dir);
        goto out;
    }

    char *cdir = cache_dir_for(o->no_cache, o->cache, p->root);
    if (cdir) {
        char *cerr = NULL;
        cache = fe_cache_open(cdir, o->cache_version, cache_config_key(&r->models, &r->cfg), &cerr);
        if (!cache) {
            diag_report(&r->diags, DIAG_WARNING, NULL, 0, 0, "%s; running without the IR cache", cerr);
            free(cerr);
        }
        free(cdir);
    }
    parse_units(r, o, hooks, cache);
    if (r->cancelled) goto out;
    for (size_t i = 0; i < r->in.nunits; i++) {
        if (r->units[i]) r->parsed++;
        if (!r->units[i] || r->units[i]->parse_failed) r->failed++;
    }
    if (cache) r->from_cache = fe_cache_stats(cache).hits;
    if (!r->parsed) {
        r->error = xasprintf("none of the %zu translation units could be analysed", r->in.nunits);
        goto out;
    }
    if (cancelled(hooks, r)) goto out;

    stage(hooks, "whole-program model");
    ModelOptions mo = {.entries = o->entries, .nentries = o->nentries, .library = o->library, .workers = o->jobs};
    mo.max_access_targets = (size_t)rule_opt_int(config_rule_options(&r->cfg, "data-race"), "max-access-targets");
    if (!o->nentries && r->cfg.entries.len) {
        mo.entries = r->cfg.entries.data;
        mo.nentries = r->cfg.entries.len;
    }
    mo.exclusive = r->cfg.exclusive.data;
    mo.nexclusive = r->cfg.exclusive.len;
    model_build(&r->prog, r->units, r->in.nunits, &r->models, &mo, &r->diags);
    r->have_prog = true;
    if (cancelled(hooks, r)) goto out;
    if (!r->prog.tm.threads.len)
        diag_report(&r->diags, DIAG_NOTE, NULL, 0, 0,
                    o->library    ? "library mode: no exported function (external linkage, visibility not hidden) is defined"
                    : o->nentries ? "no thread entry could be analysed"
                                  : "no main() in the analysed units, so no threads to analyse; name thread "
                                    "entry points with --entry or use --library");

    stage(hooks, "checks");
    checks_run_all(&r->prog, r->cfg.rule_options, &r->findings, NULL);
    report_fingerprints(&r->findings, p->root);
    suppress_apply(&r->cfg, &r->findings, &r->sup, &r->diags);
    apply_triage(r, o);
    diag_sort(&r->diags);

out:
    fe_cache_close(cache);
    return r;
}

void lsp_result_free(LspResult *r) {
    if (!r) return;
    if (r->have_prog) model_free(&r->prog);
    if (r->sup.suppressed.arena) suppress_result_free(&r->sup);
    if (r->units) {
        for (size_t i = 0; i < r->in.nunits; i++) ir_unit_free(r->units[i]);
        free(r->units);
    }
    findings_free(&r->findings);
    config_free(&r->cfg);
    fe_inputs_free(&r->in);
    apimodels_free(&r->models);
    diag_free(&r->diags);
    free(r->error);
    free(r->root);
    free(r);
}
