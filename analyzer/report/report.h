/*
 * report.h - emitters: they read finished findings (base/finding.h) and
 * write them out. Text follows the compiler convention
 * (`file:line:col: error: message [rule]`, then notes), JSON follows the
 * schema in docs/json-format.md. Paths are made relative to the project root.
 */
#ifndef RACECHECK_REPORT_H
#define RACECHECK_REPORT_H

#include "../base/diag.h"
#include "../base/finding.h"

#include <stdio.h>

typedef struct ReportOptions {
    const char *root;   /* project root for relative paths (NULL: as given) */
    bool color;         /* ANSI colours in text output */
    bool show_source;   /* quote the source line with a caret */
    const char *version;
    size_t units;       /* translation units analysed */
    size_t units_failed;
} ReportOptions;

/* path relative to root when it lies below it, else as given. */
const char *report_relpath(const char *path, const char *root, char *buf, size_t n);

/* "worker (spawned at pool.c:30:5, many instances)" or "main". */
const char *report_thread_label(const Evidence *e, const char *root, char *buf, size_t n);

/* Fill every finding's fingerprint (see docs/json-format.md for the recipe). */
void report_fingerprints(FindingList *fl, const char *root);

void report_text(FILE *out, const FindingList *fl, const ReportOptions *opt);
/* Returns 0, or -1 when writing failed. */
int report_json(FILE *out, const FindingList *fl, const DiagSink *diags, const ReportOptions *opt);

#endif
