/*
 * html_int.h - the parts of the HTML page (docs/html.md), private to
 * report/: the page's style and script (html_page.c), the overview's thread
 * tree drawn as inline SVG and its data (html_overview.c), written by
 * report_html (html.c).
 */
#ifndef RACECHECK_REPORT_HTML_INT_H
#define RACECHECK_REPORT_HTML_INT_H

#include "report.h"

/* Everything before the data block (doctype, style, the page's skeleton up
 * to the overview's thread panel), between the thread tree and the data
 * block, and the script after it. */
extern const char *const report_html_head;
extern const char *const report_html_middle;
extern const char *const report_html_script;

typedef VEC(size_t) HtmlIndexVec;

/* The overview the page shows, whichever way it came. */
typedef struct HtmlOverview {
    ReportOverview ov;
    bool from_model;     /* from the run's model (else derived from the findings) */
    Arena *arena;        /* owns what was derived */
    /* by thread: the findings (indices into the FindingList) with an access
     * in that thread, ascending */
    HtmlIndexVec *findings;
    /* by thread: how many of those the page reports by default (triage
     * neither false-positive nor intentional): the tree's badges */
    size_t *reported;
} HtmlOverview;

/* The overview of opt->overview, or derived from fl's evidence when NULL:
 * the threads seen in the findings (no creating thread known) and, for
 * data-race findings, the locks held at their accesses. Release with
 * html_overview_free. */
void html_overview_init(HtmlOverview *h, const FindingList *fl, const ReportOptions *opt);
void html_overview_free(HtmlOverview *h);

/* The thread tree as one <svg> element (with its caption and legend):
 * deterministic, one <g class="thread"> per thread. */
void html_write_thread_tree(FILE *out, const HtmlOverview *h, const char *root);

/* The overview as the page's script reads it: {"source", "threads":
 * [{"routine", "spawn", "parent", "many", "joined", "detached",
 * "findings"}], "locks": [{"lock", "lock_id", "object", "name", "decl",
 * "held", "total"}]}. */
struct cJSON *html_overview_json(const HtmlOverview *h, const char *root);

#endif
