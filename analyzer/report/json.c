/*
 * json.c - the findings document (docs/json-format.md, schema_version 1):
 *   {"schema_version": 1,
 *    "tool": {"name": "racecheck", "version": "..."},
 *    "findings": [{"rule", "severity", "message", "fingerprint", "object",
 *                  "location": {"file", "line", "column"},
 *                  "accesses": [{"kind", "file", "line", "column", "function",
 *                                "thread", "routine", "many", "spawn", "locks",
 *                                "more"}],
 *                  "explanation", "help"}],
 *    "diagnostics": [{"level", "file", "line", "column", "message"}],
 *    "summary": {"findings", "errors", "warnings", "notes", "units", "units_failed"}}
 * plus, when they apply, "triage" per finding and "suppressed"/"baselined"
 * in the summary. "accesses" lists one access per kind, thread and lock set
 * ("more": how many like it are left out; report_view), or every access
 * with --evidence=all.
 */
#include "report.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

static cJSON *loc_obj(const char *file, unsigned line, unsigned col, const char *root) {
    char rel[4096];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", report_relpath(file, root, rel, sizeof rel));
    cJSON_AddNumberToObject(o, "line", line);
    cJSON_AddNumberToObject(o, "column", col);
    return o;
}

cJSON *report_json_finding(const Finding *full, const char *root, bool all_evidence) {
    char rel[4096];
    ReportView view;
    report_view(&view, full, all_evidence);
    const Finding *f = &view.f;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "rule", f->rule);
    cJSON_AddStringToObject(o, "severity", severity_name(f->severity));
    cJSON_AddStringToObject(o, "message", f->message);
    cJSON_AddStringToObject(o, "fingerprint", f->fingerprint ? f->fingerprint : "");
    cJSON_AddStringToObject(o, "object", f->object ? f->object : "");
    cJSON_AddItemToObject(o, "location", loc_obj(f->loc.file, f->loc.line, f->loc.col, root));
    cJSON *accs = cJSON_AddArrayToObject(o, "accesses");
    for (size_t k = 0; k < f->nevidence; k++) {
        const Evidence *e = &f->evidence[k];
        cJSON *a = cJSON_CreateObject();
        cJSON_AddStringToObject(a, "kind", e->kind);
        cJSON_AddStringToObject(a, "file", report_relpath(e->loc.file, root, rel, sizeof rel));
        cJSON_AddNumberToObject(a, "line", e->loc.line);
        cJSON_AddNumberToObject(a, "column", e->loc.col);
        cJSON_AddStringToObject(a, "function", e->function);
        char label[8192];
        cJSON_AddStringToObject(a, "thread", report_thread_label(e, root, label, sizeof label));
        cJSON_AddStringToObject(a, "routine", e->thread_routine);
        cJSON_AddBoolToObject(a, "many", e->many);
        if (e->spawn.line) cJSON_AddItemToObject(a, "spawn", loc_obj(e->spawn.file, e->spawn.line, e->spawn.col, root));
        else cJSON_AddNullToObject(a, "spawn");
        cJSON *locks = cJSON_AddArrayToObject(a, "locks");
        for (size_t l = 0; l < e->nlocks; l++) cJSON_AddItemToArray(locks, cJSON_CreateString(e->locks[l]));
        cJSON_AddNumberToObject(a, "more", (double)view.more[k]);
        cJSON_AddItemToArray(accs, a);
    }
    if (f->explain) cJSON_AddStringToObject(o, "explanation", f->explain);
    if (f->help) cJSON_AddStringToObject(o, "help", f->help);
    if (f->triage) cJSON_AddStringToObject(o, "triage", f->triage);
    report_view_free(&view);
    return o;
}

cJSON *report_json_diag(const Diag *d, const char *root) {
    char rel[4096];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "level", diag_level_name(d->level));
    if (d->file) cJSON_AddStringToObject(o, "file", report_relpath(d->file, root, rel, sizeof rel));
    else cJSON_AddNullToObject(o, "file");
    cJSON_AddNumberToObject(o, "line", d->line);
    cJSON_AddNumberToObject(o, "column", d->col);
    cJSON_AddStringToObject(o, "message", d->message);
    return o;
}

int report_json_write(FILE *out, cJSON *doc, bool pretty) {
    char *s = pretty ? cJSON_Print(doc) : cJSON_PrintUnformatted(doc);
    int rc = 0;
    if (!s || fputs(s, out) < 0 || fputc('\n', out) < 0) rc = -1;
    free(s);
    return rc;
}

cJSON *report_json_summary(const FindingList *fl, const ReportOptions *opt) {
    size_t counts[3] = {0, 0, 0};
    for (size_t i = 0; i < fl->items.len; i++) counts[fl->items.data[i].severity]++;
    cJSON *sum = cJSON_CreateObject();
    cJSON_AddNumberToObject(sum, "findings", (double)fl->items.len);
    cJSON_AddNumberToObject(sum, "errors", (double)counts[SEV_ERROR]);
    cJSON_AddNumberToObject(sum, "warnings", (double)counts[SEV_WARNING]);
    cJSON_AddNumberToObject(sum, "notes", (double)counts[SEV_NOTE]);
    cJSON_AddNumberToObject(sum, "units", (double)opt->units);
    cJSON_AddNumberToObject(sum, "units_failed", (double)opt->units_failed);
    return sum;
}

int report_json(FILE *out, const FindingList *fl, const DiagSink *diags, const ReportOptions *opt) {
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "schema_version", 1);
    cJSON *tool = cJSON_AddObjectToObject(root, "tool");
    cJSON_AddStringToObject(tool, "name", "racecheck");
    cJSON_AddStringToObject(tool, "version", opt->version ? opt->version : "");
    cJSON *arr = cJSON_AddArrayToObject(root, "findings");
    for (size_t i = 0; i < fl->items.len; i++) cJSON_AddItemToArray(arr, report_json_finding(&fl->items.data[i], opt->root, opt->evidence_all));
    cJSON *darr = cJSON_AddArrayToObject(root, "diagnostics");
    if (diags)
        for (size_t i = 0; i < diags->len; i++) cJSON_AddItemToArray(darr, report_json_diag(&diags->items[i], opt->root));
    cJSON *sum = report_json_summary(fl, opt);
    cJSON_AddItemToObject(root, "summary", sum);
    if (opt->suppressed) cJSON_AddNumberToObject(sum, "suppressed", (double)opt->suppressed);
    if (opt->baselined) cJSON_AddNumberToObject(sum, "baselined", (double)opt->baselined);
    int rc = report_json_write(out, root, true);
    cJSON_Delete(root);
    return rc;
}
