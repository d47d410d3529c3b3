/*
 * html.c - one self-contained HTML page (docs/html.md): no network access,
 * no external files. The findings travel as a JSON block
 * (<script type="application/json" id="racecheck-data">) that the page's own
 * script renders: a table of findings with filters by rule, file and triage
 * status, and for each finding its accesses side by side, each with the
 * thread, the locks held and the source lines around it (read from disk
 * when the page is written). A filter can be preselected by the URL
 * fragment: report.html#rule=data-race&file=src/pool.c&status=all. The body
 * carries data-visible="N" (findings shown), which tests read.
 *
 * Above the findings, an overview (html_overview.c): the thread tree as
 * inline SVG drawn here, the shared objects ranked by findings and the
 * locks with the objects they guard. The style and script are in
 * html_page.c.
 */
#include "html_int.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

enum { HTML_CONTEXT = 2 }; /* source lines shown above and below an access */

/* The source lines around line `line` of file, as [{"line","text"}]. */
static cJSON *source_context(SrcCache *src, const char *file, unsigned line) {
    cJSON *arr = cJSON_CreateArray();
    unsigned first = line > HTML_CONTEXT ? line - HTML_CONTEXT : 1;
    for (unsigned l = first; l <= line + HTML_CONTEXT; l++) {
        size_t len;
        const char *s = report_source_line(src, file, l, &len);
        if (!s) break;
        char *t = xmalloc(len + 1);
        memcpy(t, s, len);
        t[len] = 0;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "line", l);
        cJSON_AddStringToObject(o, "text", t);
        cJSON_AddItemToArray(arr, o);
        free(t);
    }
    return arr;
}

int report_html(FILE *out, const FindingList *fl, const DiagSink *diags, const ReportOptions *opt) {
    SrcCache src = {0};
    cJSON *data = cJSON_CreateObject();
    cJSON_AddStringToObject(data, "version", opt->version ? opt->version : "");
    cJSON *arr = cJSON_AddArrayToObject(data, "findings");
    for (size_t i = 0; i < fl->items.len; i++) {
        ReportView view; /* the accesses report_json_finding lists, in its order */
        report_view(&view, &fl->items.data[i], opt->evidence_all);
        const Finding *f = &view.f;
        cJSON *o = report_json_finding(&fl->items.data[i], opt->root, opt->evidence_all);
        cJSON *a = cJSON_GetObjectItem(o, "accesses")->child;
        for (size_t k = 0; k < f->nevidence && a; k++, a = a->next)
            cJSON_AddItemToObject(a, "source", source_context(&src, f->evidence[k].loc.file, f->evidence[k].loc.line));
        cJSON_AddItemToArray(arr, o);
        report_view_free(&view);
    }
    cJSON *darr = cJSON_AddArrayToObject(data, "diagnostics");
    if (diags)
        for (size_t i = 0; i < diags->len; i++) cJSON_AddItemToArray(darr, report_json_diag(&diags->items[i], opt->root));
    cJSON *sum = report_json_summary(fl, opt);
    cJSON_AddItemToObject(data, "summary", sum);
    cJSON_AddNumberToObject(sum, "suppressed", (double)opt->suppressed);
    cJSON_AddNumberToObject(sum, "baselined", (double)opt->baselined);
    HtmlOverview ho;
    html_overview_init(&ho, fl, opt);
    cJSON_AddItemToObject(data, "overview", html_overview_json(&ho, opt->root));
    char *json = cJSON_PrintUnformatted(data);
    cJSON_Delete(data);
    report_source_free(&src);
    if (!json) {
        html_overview_free(&ho);
        return -1;
    }
    fputs(report_html_head, out);
    fprintf(out, "<h2 id=\"threads-title\">Threads (%zu)</h2>\n<p class=\"note\">%s</p>\n<div class=\"scroll\">\n",
            ho.ov.nthreads,
            ho.from_model ? "The thread tree of the run: where each thread is created and by which thread."
                          : "The threads seen in the findings' accesses (this page was exported from the findings "
                            "database, which does not keep the thread tree: where they are created, not by which "
                            "thread).");
    html_write_thread_tree(out, &ho, opt->root);
    fputs("</div>\n", out);
    html_overview_free(&ho);
    fputs(report_html_middle, out);
    fputs("<script type=\"application/json\" id=\"racecheck-data\">", out);
    /* '<' only occurs inside JSON strings, where \u003c means the same and
     * cannot close the script element */
    for (const char *p = json; *p; p++) {
        if (*p == '<') fputs("\\u003c", out);
        else fputc(*p, out);
    }
    fputs("</script>\n", out);
    fputs(report_html_script, out);
    free(json);
    return ferror(out) ? -1 : 0;
}
