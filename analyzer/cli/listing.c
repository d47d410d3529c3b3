/*
 * listing.c - the informational modes: --list-rules (with each rule's
 * options), --explain RULE,
 * --list-models (the loaded API models, and the wrappers detected in the
 * analysed program), and the --show-suppressed listing. Output is sorted
 * and free of absolute paths, so it is deterministic.
 */
#include "cli.h"

#include "../checks/checks.h"
#include "../report/report.h"

#include <stdlib.h>
#include <string.h>

int cli_list_rules(FILE *out) {
    int w = 0; /* the name column fits the longest rule name */
    for (size_t i = 0; i < checks_registry_len; i++) {
        int n = (int)strlen(checks_registry[i].name);
        if (n > w) w = n;
    }
    for (size_t i = 0; i < checks_registry_len; i++) {
        const Rule *r = &checks_registry[i];
        fprintf(out, "%-*s %-8s %s\n", w, r->name, severity_name(r->severity), r->summary);
        char def[256];
        for (size_t k = 0; k < r->noptions; k++)  /* the rule's options: name (type, default): doc */
            fprintf(out, "%-*s option %s (%s, default %s): %s\n", w + 9, "", r->options[k].name,
                    rule_opt_type_name(r->options[k].type), rule_option_default_text(&r->options[k], def, sizeof def),
                    r->options[k].doc);
    }
    return EXIT_CLEAN;
}

int cli_explain(FILE *out, const char *rule) {
    const char *doc = checks_find(rule) ? checks_rule_doc(rule) : NULL;
    if (!doc) {
        fprintf(stderr, "racecheck: error: unknown rule '%s' (racecheck --list-rules lists them)\n", rule);
        return EXIT_FATAL;
    }
    fputs(doc, out);
    return EXIT_CLEAN;
}

static const char *base_name(const char *path) {
    const char *s = path ? strrchr(path, '/') : NULL;
    return s ? s + 1 : path ? path : "?";
}

void cli_list_models(FILE *out, const ApiModels *models, const Program *p, const char *root) {
    size_t n;
    const ApiModel **all = apimodels_sorted(models, &n);
    char desc[512], rel[4096];
    for (size_t i = 0; i < n; i++) {
        const ApiModel *m = all[i];
        fprintf(out, "%-32s %s  [%s%s]\n", m->name, apimodel_describe(m, desc, sizeof desc),
                m->wrapper ? "wrapper declared in " : "", m->wrapper ? report_relpath(m->file, root, rel, sizeof rel)
                                                                     : base_name(m->file));
    }
    free(all);
    if (!p) return;
    for (size_t i = 0; i < p->link.funcs.len; i++) {
        uint64_t v;
        if (!u64map_get(&p->link.wrapper_api, i, &v)) continue;
        const ApiModel *m = (const ApiModel *)(uintptr_t)v;
        const IrLoc *loc = &p->link.funcs.data[i].ir->loc;
        fprintf(out, "%-32s %s  [wrapper of %s detected at %s:%u]\n", m->name, apimodel_describe(m, desc, sizeof desc),
                m->wraps, report_relpath(loc->file ? loc->file : "?", root, rel, sizeof rel), loc->line);
    }
    for (size_t i = 0; i < p->link.launchers.len; i++) {
        const LauncherInfo *li = &p->link.launchers.data[i];
        const IrFunc *f = p->link.funcs.data[li->func].ir;
        if (li->tramp >= 0)
            snprintf(desc, sizeof desc, "capsule-launcher routine=%d arg=%d trampoline=%s", li->routine, li->arg,
                     p->link.funcs.data[li->tramp].ir->name);
        else
            snprintf(desc, sizeof desc, "joiner thread-object=%d", li->arg);
        fprintf(out, "%-32s %s  [detected at %s:%u]\n", f->name, desc,
                report_relpath(f->loc.file ? f->loc.file : "?", root, rel, sizeof rel), f->loc.line);
    }
}

void cli_list_unknown(FILE *out, IrUnit *const *units, size_t nunits, const ApiModels *models) {
    size_t n, calls;
    UnknownCall *u = model_unknown_calls(units, nunits, models, &n, &calls);
    for (size_t i = 0; i < n; i++) fprintf(out, "%8zu  %s\n", u[i].calls, u[i].name);
    fprintf(stderr, "racecheck: %zu call%s to %zu function%s with no body, no model and no `pure` declaration\n",
            calls, calls == 1 ? "" : "s", n, n == 1 ? "" : "s");
    free(u);
}

void cli_print_suppressed(FILE *out, const SuppressResult *r, const char *root) {
    char rel[4096];
    for (size_t i = 0; i < r->suppressed.items.len; i++) {
        const Finding *f = &r->suppressed.items.data[i];
        const Suppressed *w = &r->why.data[i];
        fprintf(out, "%s:%u:%u: note: suppressed: %s [%s] (fingerprint %s)\n",
                report_relpath(f->loc.file ? f->loc.file : "?", root, rel, sizeof rel), f->loc.line, f->loc.col,
                f->message, f->rule, f->fingerprint ? f->fingerprint : "?");
        char by[4096];
        report_relpath(w->file, root, by, sizeof by);
        if (w->index >= 0) fprintf(out, "  reason: %s (suppressions[%d] in %s)\n", w->reason, w->index, by);
        else fprintf(out, "  reason: %s (racecheck-ignore at %s:%u)\n", w->reason, by, w->line);
    }
}
