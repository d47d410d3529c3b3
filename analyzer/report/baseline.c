/*
 * baseline.c - reading racecheck's own outputs back: the fingerprints of
 * the findings in a findings document (--format=json), a SARIF log
 * (--format=sarif: result.partialFingerprints["racecheck/v1"]) or JSON Lines
 * (--format=jsonl: the "finding" records). A baseline file is one of these
 * (docs/ci.md); a baseline that is a run of the findings database is read
 * by the store (store_run_fingerprints), not here.
 */
#include "report.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void add_fp(StrMap *set, Arena *a, const cJSON *fp) {
    if (cJSON_IsString(fp) && fp->valuestring[0]) strmap_put(set, arena_strdup(a, fp->valuestring), (void *)1);
}

/* A findings document, a SARIF log, or one JSON Lines record; false when
 * doc is none of these. */
static bool baseline_doc(const cJSON *doc, StrMap *set, Arena *a) {
    const cJSON *x;
    if ((x = cJSON_GetObjectItemCaseSensitive(doc, "findings")) && cJSON_IsArray(x)) {
        for (const cJSON *f = x->child; f; f = f->next) add_fp(set, a, cJSON_GetObjectItemCaseSensitive(f, "fingerprint"));
        return true;
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(doc, "runs")) && cJSON_IsArray(x)) {
        for (const cJSON *run = x->child; run; run = run->next) {
            const cJSON *res = cJSON_GetObjectItemCaseSensitive(run, "results");
            for (const cJSON *r = cJSON_IsArray(res) ? res->child : NULL; r; r = r->next)
                add_fp(set, a, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r, "partialFingerprints"),
                                                                "racecheck/v1"));
        }
        return true;
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(doc, "type")) && cJSON_IsString(x)) {
        if (!strcmp(x->valuestring, "finding")) add_fp(set, a, cJSON_GetObjectItemCaseSensitive(doc, "fingerprint"));
        return true;
    }
    return false;
}

bool report_baseline_parse(char *text, StrMap *set, Arena *a) {
    cJSON *doc = cJSON_ParseWithOpts(text, NULL, true); /* the whole text: one document */
    bool ok = doc && baseline_doc(doc, set, a);
    cJSON_Delete(doc);
    if (doc) return ok;
    ok = true; /* JSON Lines: one document per line */
    for (char *line = text, *nl; ok && *line; line = nl ? nl + 1 : line + strlen(line)) {
        if ((nl = strchr(line, '\n'))) *nl = 0;
        if (!line[strspn(line, " \t\r")]) continue;
        cJSON *l = cJSON_Parse(line);
        ok = l && baseline_doc(l, set, a);
        cJSON_Delete(l);
    }
    return ok;
}

bool report_baseline_read(const char *path, StrMap *set, Arena *a, char **err) {
    int e;
    size_t len;
    char *text = base_read_file(path, &len, &e);
    if (!text) {
        *err = xasprintf("cannot read the baseline %s: %s", path, strerror(e));
        return false;
    }
    bool ok = report_baseline_parse(text, set, a);
    free(text);
    if (!ok) *err = xasprintf("baseline %s is neither racecheck JSON (--format=json or jsonl) nor SARIF", path);
    return ok;
}
