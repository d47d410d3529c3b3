/*
 * github.c - GitHub Actions workflow commands, one line per finding:
 *
 *   ::error file=src/pool.c,line=41,col=9,title=racecheck data-race::data race on 'hits'%0A...
 *
 * GitHub turns them into annotations on the pull request. Severities map to
 * error, warning and notice. The message carries the evidence (one access
 * per line) and the help line; data is escaped as the Actions toolkit does
 * (% \r \n), properties also escape ':' and ','. Diagnostics (units that
 * could not be analysed) become warnings, notes become notices.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static void put_escaped(FILE *out, const char *s, bool property) {
    for (; *s; s++) {
        switch (*s) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':': property ? fputs("%3A", out) : fputc(':', out); break;
        case ',': property ? fputs("%2C", out) : fputc(',', out); break;
        default: fputc(*s, out);
        }
    }
}

static void put_props(FILE *out, const char *file, unsigned line, unsigned col, const char *title) {
    bool first = true;
    if (file) {
        fputs(" file=", out);
        put_escaped(out, file, true);
        first = false;
    }
    if (file && line) fprintf(out, ",line=%u", line);
    if (file && line && col) fprintf(out, ",col=%u", col);
    if (title) {
        fputs(first ? " title=" : ",title=", out);
        put_escaped(out, title, true);
    }
}

int report_github(FILE *out, const FindingList *fl, const DiagSink *diags, const ReportOptions *opt) {
    char rel[4096], label[8192];
    for (size_t i = 0; i < fl->items.len; i++) {
        ReportView view; /* one access per kind, thread and lock set, or all of them */
        report_view(&view, &fl->items.data[i], opt->evidence_all);
        const Finding *f = &view.f;
        const char *level = f->severity == SEV_ERROR ? "error" : f->severity == SEV_WARNING ? "warning" : "notice";
        char *title = xasprintf("racecheck %s", f->rule);
        fprintf(out, "::%s", level);
        put_props(out, report_relpath(f->loc.file, opt->root, rel, sizeof rel), f->loc.line, f->loc.col, title);
        free(title);
        fputs("::", out);
        put_escaped(out, f->message, false);
        fprintf(out, " [%s]", f->rule);
        for (size_t k = 0; k < f->nevidence; k++) {
            const Evidence *e = &f->evidence[k];
            if (report_evidence_is_declaration(e)) {
                char *line = xasprintf("\n%s:%u:%u: '%s' is declared here",
                                       report_relpath(e->loc.file, opt->root, rel, sizeof rel), e->loc.line,
                                       e->loc.col, f->object ? f->object : "the object");
                put_escaped(out, line, false);
                free(line);
                continue;
            }
            char *line = xasprintf("\n%s:%u:%u: %s in %s(), thread %s, ", report_relpath(e->loc.file, opt->root, rel, sizeof rel),
                                   e->loc.line, e->loc.col, e->kind, e->function,
                                   report_thread_label(e, opt->root, label, sizeof label));
            put_escaped(out, line, false);
            free(line);
            if (!e->nlocks) fputs("no lock held", out);
            for (size_t l = 0; l < e->nlocks; l++) {
                fputs(l ? ", '" : "holding '", out);
                put_escaped(out, e->locks[l], false);
                fputc('\'', out);
            }
            if (view.more[k]) fprintf(out, " (and %zu more access%s like this)", view.more[k], view.more[k] == 1 ? "" : "es");
        }
        if (f->help) {
            fputs("%0Ahelp: ", out);
            put_escaped(out, f->help, false);
        }
        fputc('\n', out);
        report_view_free(&view);
    }
    if (diags)
        for (size_t i = 0; i < diags->len; i++) {
            const Diag *d = &diags->items[i];
            fprintf(out, "::%s", d->level == DIAG_NOTE ? "notice" : "warning");
            put_props(out, d->file ? report_relpath(d->file, opt->root, rel, sizeof rel) : NULL, d->line, d->col,
                      d->level == DIAG_ERROR ? "racecheck could not fully analyse this unit" : "racecheck");
            fputs("::", out);
            put_escaped(out, d->message, false);
            fputc('\n', out);
        }
    return ferror(out) ? -1 : 0;
}
