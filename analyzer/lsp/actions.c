/*
 * actions.c - code actions on a finding: the suppression comment of
 * docs/suppressions.md (racecheck-ignore, the rule in brackets, a colon and
 * the reason) inserted above the access, indented like the line, or above
 * the declaration of the variable
 * (every access of it), with a reason placeholder for the user to replace,
 * and a command that opens the rule's page (racecheck.explain, handled by
 * the server).
 */
#include "lsp_int.h"

#include <stdlib.h>

/* An edit inserting the suppression comment of rule, indented like line,
 * above it. The directive's text is split in two literals: racecheck's own
 * suppression scanner (config/suppress.c) reads comments without skipping
 * string literals and would warn about this one when racecheck analyses
 * itself. */
static cJSON *suppress_edit(LspTexts *t, const char *path, unsigned line, const char *rule) {
    size_t len = 0;
    const char *text = lsp_text_line(t, path, line, &len);
    size_t ind = 0;
    while (text && ind < len && (text[ind] == ' ' || text[ind] == '\t')) ind++;
    char *insert = xasprintf("%.*s// racecheck-"
                             "ignore[%s]: " LSP_REASON_PLACEHOLDER "\n",
                             (int)ind, text ? text : "", rule);
    cJSON *edit = cJSON_CreateObject();
    cJSON *range = cJSON_AddObjectToObject(edit, "range");
    for (int k = 0; k < 2; k++) {
        cJSON *pos = cJSON_AddObjectToObject(range, k ? "end" : "start");
        cJSON_AddNumberToObject(pos, "line", line - 1);
        cJSON_AddNumberToObject(pos, "character", 0);
    }
    cJSON_AddStringToObject(edit, "newText", insert);
    free(insert);
    cJSON *we = cJSON_CreateObject();
    cJSON *changes = cJSON_AddObjectToObject(we, "changes");
    char *uri = lsp_path_to_uri(path);
    cJSON *edits = cJSON_AddArrayToObject(changes, uri);
    cJSON_AddItemToArray(edits, edit);
    free(uri);
    return we;
}

/* The diagnostic of context_diags at f's primary location with f's rule. */
static const cJSON *matching_diag(const cJSON *context_diags, const Finding *f, LspTexts *t, const char *path) {
    const cJSON *d;
    cJSON_ArrayForEach(d, context_diags) {
        const cJSON *code = cJSON_GetObjectItemCaseSensitive(d, "code");
        const cJSON *start = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(d, "range"), "start");
        const cJSON *ln = cJSON_GetObjectItemCaseSensitive(start, "line");
        const cJSON *ch = cJSON_GetObjectItemCaseSensitive(start, "character");
        if (!cJSON_IsString(code) || strcmp(code->valuestring, f->rule) || !cJSON_IsNumber(ln) || !cJSON_IsNumber(ch))
            continue;
        if ((unsigned)ln->valuedouble + 1 == f->loc.line &&
            lsp_byte_col(t, path, f->loc.line, (unsigned)ch->valuedouble) == f->loc.col)
            return d;
    }
    return NULL;
}

static void add_action(cJSON *list, const char *title, cJSON *edit, const cJSON *diag) {
    cJSON *a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "title", title);
    cJSON_AddStringToObject(a, "kind", "quickfix");
    if (diag) cJSON_AddItemToArray(cJSON_AddArrayToObject(a, "diagnostics"), cJSON_Duplicate(diag, true));
    cJSON_AddItemToObject(a, "edit", edit);
    cJSON_AddItemToArray(list, a);
}

cJSON *lsp_code_actions(const LspResult *r, LspTexts *t, const char *path, unsigned first, unsigned last,
                        const cJSON *context_diags) {
    cJSON *list = cJSON_CreateArray();
    StrMap explained;
    strmap_init(&explained);
    for (size_t i = 0; i < r->findings.items.len; i++) {
        const Finding *f = &r->findings.items.data[i];
        if (!f->loc.file || f->loc.line < first || f->loc.line > last) continue;
        char *norm = lsp_path_normalize(f->loc.file);
        bool here = !strcmp(norm, path);
        free(norm);
        if (!here) continue;
        const cJSON *diag = matching_diag(context_diags, f, t, path);
        char *title = xasprintf("Suppress %s on '%s' here (racecheck-ignore with a reason)", f->rule, f->object);
        add_action(list, title, suppress_edit(t, path, f->loc.line, f->rule), diag);
        free(title);
        if (f->decl.line && f->decl.file) {
            char *dpath = lsp_path_normalize(f->decl.file);
            title = xasprintf("Suppress %s on every access to '%s' (at its declaration)", f->rule, f->object);
            add_action(list, title, suppress_edit(t, dpath, f->decl.line, f->rule), diag);
            free(title);
            free(dpath);
        }
        if (!strmap_get(&explained, f->rule)) {
            strmap_put(&explained, f->rule, (void *)f->rule);
            cJSON *a = cJSON_CreateObject();
            char *t2 = xasprintf("Explain the %s rule", f->rule);
            cJSON_AddStringToObject(a, "title", t2);
            cJSON_AddStringToObject(a, "kind", "quickfix");
            cJSON *cmd = cJSON_AddObjectToObject(a, "command");
            cJSON_AddStringToObject(cmd, "title", t2);
            cJSON_AddStringToObject(cmd, "command", LSP_EXPLAIN_COMMAND);
            cJSON_AddItemToArray(cJSON_AddArrayToObject(cmd, "arguments"), cJSON_CreateString(f->rule));
            cJSON_AddItemToArray(list, a);
            free(t2);
        }
    }
    strmap_free(&explained);
    return list;
}
