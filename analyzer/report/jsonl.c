/*
 * jsonl.c - JSON Lines for editors and scripts (docs/json-format.md,
 * "JSON Lines"): one object per line, each with "type" and
 * "schema_version" (1):
 *   {"type":"finding", ...the finding object of the findings document...}
 *   {"type":"diagnostic", ...the diagnostic object...}
 *   {"type":"summary", "tool":{...}, "summary":{...}}   (always last)
 * Every line is flushed as soon as it is written, so a reader sees each
 * finding before the next one is formatted.
 */
#include "report.h"

#include <cjson/cJSON.h>

/* Write {"type": type, "schema_version": 1, ...body's members} on one line. */
static int put_line(FILE *out, cJSON *body, const char *type) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "type", type);
    cJSON_AddNumberToObject(o, "schema_version", 1);
    while (body->child) {
        cJSON *c = cJSON_DetachItemViaPointer(body, body->child);
        cJSON_AddItemToObject(o, c->string, c);
    }
    cJSON_Delete(body);
    int rc = report_json_write(out, o, false);
    cJSON_Delete(o);
    if (fflush(out) != 0) rc = -1;
    return rc;
}

int report_jsonl(FILE *out, const FindingList *fl, const DiagSink *diags, const ReportOptions *opt) {
    int rc = 0;
    for (size_t i = 0; i < fl->items.len; i++)
        rc |= put_line(out, report_json_finding(&fl->items.data[i], opt->root, opt->evidence_all), "finding");
    if (diags)
        for (size_t i = 0; i < diags->len; i++)
            rc |= put_line(out, report_json_diag(&diags->items[i], opt->root), "diagnostic");
    cJSON *o = cJSON_CreateObject();
    cJSON *tool = cJSON_AddObjectToObject(o, "tool");
    cJSON_AddStringToObject(tool, "name", "racecheck");
    cJSON_AddStringToObject(tool, "version", opt->version ? opt->version : "");
    cJSON *sum = report_json_summary(fl, opt);
    cJSON_AddItemToObject(o, "summary", sum);
    cJSON_AddNumberToObject(sum, "suppressed", (double)opt->suppressed);
    cJSON_AddNumberToObject(sum, "baselined", (double)opt->baselined);
    cJSON_AddNumberToObject(sum, "exit_code", opt->exit_code);
    rc |= put_line(out, o, "summary");
    return rc ? -1 : 0;
}
