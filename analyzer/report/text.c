/*
 * text.c - compiler-style text output, read by editors' problem matchers and
 * quickfix lists:
 *
 *   pool.c:41:9: error: data race on 'hits' [data-race]
 *      41 |     hits++;
 *         |     ^
 *   pool.c:41:9: note: write in worker(), thread worker (spawned at main.c:20:9, many instances), no lock held
 *   pool.c:57:9: note: read in report(), thread worker (...), no lock held (and 12 more accesses like this)
 *   main.c:30:5: note: read in main(), thread main, holding 'm'
 *   main.c:20:9: note: thread worker spawned here (many instances)
 *   pool.c:41:9: note: 'hits' is mutably borrowed ...
 *   help: hold 'm' at every access to 'hits' ...
 *
 * The notes are one access per kind, thread and lock set, with the number
 * of the others like it (report_view); --evidence=all lists every access.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *report_relpath(const char *path, const char *root, char *buf, size_t n) {
    if (!path) return "?";
    if (root && root[0]) {
        size_t rl = strlen(root);
        while (rl > 1 && root[rl - 1] == '/') rl--;
        if (!strncmp(path, root, rl) && path[rl] == '/') {
            snprintf(buf, n, "%s", path + rl + 1);
            return buf;
        }
    }
    if (!strncmp(path, "./", 2)) {
        snprintf(buf, n, "%s", path + 2);
        return buf;
    }
    snprintf(buf, n, "%s", path);
    return buf;
}

bool report_evidence_is_declaration(const Evidence *e) {
    return e->kind && !strcmp(e->kind, "declaration");
}

const char *report_thread_label(const Evidence *e, const char *root, char *buf, size_t n) {
    if (!e->spawn.line) {
        snprintf(buf, n, "%s", e->thread_routine);
        return buf;
    }
    char rel[4096];
    snprintf(buf, n, "%s (spawned at %s:%u:%u, %s)", e->thread_routine,
             report_relpath(e->spawn.file, root, rel, sizeof rel), e->spawn.line, e->spawn.col,
             e->many ? "many instances" : "one instance");
    return buf;
}

#define C_BOLD(o) ((o)->color ? "\033[1m" : "")
#define C_RED(o) ((o)->color ? "\033[1;31m" : "")
#define C_CYAN(o) ((o)->color ? "\033[1;36m" : "")
#define C_GREEN(o) ((o)->color ? "\033[1;32m" : "")
#define C_OFF(o) ((o)->color ? "\033[0m" : "")

static void print_locks(FILE *out, const Evidence *e) {
    if (!e->nlocks) {
        fputs("no lock held", out);
        return;
    }
    fputs("holding ", out);
    for (size_t i = 0; i < e->nlocks; i++) fprintf(out, "%s'%s'", i ? ", " : "", e->locks[i]);
}

void report_text(FILE *out, const FindingList *fl, const ReportOptions *opt) {
    SrcCache cache = {0};
    char rel[4096], rel2[4096], label[8192];
    for (size_t i = 0; i < fl->items.len; i++) {
        ReportView view;
        report_view(&view, &fl->items.data[i], opt->evidence_all);
        const Finding *f = &view.f;
        const char *file = report_relpath(f->loc.file, opt->root, rel, sizeof rel);
        const char *sev = severity_name(f->severity);
        fprintf(out, "%s%s:%u:%u: %s%s:%s %s%s [%s]%s\n", C_BOLD(opt), file, f->loc.line, f->loc.col,
                f->severity == SEV_ERROR ? C_RED(opt) : C_CYAN(opt), sev, C_BOLD(opt), f->message,
                C_OFF(opt), f->rule, C_OFF(opt));
        size_t len;
        const char *src = opt->show_source ? report_source_line(&cache, f->loc.file, f->loc.line, &len) : NULL;
        if (src) {
            fprintf(out, "%5u | %.*s\n      | ", f->loc.line, (int)len, src);
            for (unsigned c = 1; c < f->loc.col && c - 1 < len; c++) fputc(src[c - 1] == '\t' ? '\t' : ' ', out);
            fprintf(out, "%s^%s\n", C_GREEN(opt), C_OFF(opt));
        }
        for (size_t k = 0; k < f->nevidence; k++) {
            const Evidence *e = &f->evidence[k];
            if (report_evidence_is_declaration(e)) { /* where the object is declared: no access */
                fprintf(out, "%s%s:%u:%u: %snote:%s '%s' is declared here\n", C_BOLD(opt),
                        report_relpath(e->loc.file, opt->root, rel2, sizeof rel2), e->loc.line, e->loc.col,
                        C_CYAN(opt), C_OFF(opt), f->object ? f->object : "the object");
                continue;
            }
            fprintf(out, "%s%s:%u:%u: %snote:%s %s in %s(), thread %s, ", C_BOLD(opt),
                    report_relpath(e->loc.file, opt->root, rel2, sizeof rel2), e->loc.line, e->loc.col,
                    C_CYAN(opt), C_OFF(opt), e->kind, e->function,
                    report_thread_label(e, opt->root, label, sizeof label));
            print_locks(out, e);
            if (view.more[k])
                fprintf(out, " (and %zu more access%s like this)", view.more[k], view.more[k] == 1 ? "" : "es");
            fputc('\n', out);
        }
        /* spawn sites, once each */
        for (size_t k = 0; k < f->nevidence; k++) {
            const Evidence *e = &f->evidence[k];
            if (!e->spawn.line) continue;
            bool dup = false;
            for (size_t j = 0; j < k; j++)
                dup |= f->evidence[j].spawn.line == e->spawn.line && f->evidence[j].spawn.col == e->spawn.col &&
                       !strcmp(f->evidence[j].spawn.file, e->spawn.file);
            if (dup) continue;
            fprintf(out, "%s%s:%u:%u: %snote:%s thread %s spawned here (%s)\n", C_BOLD(opt),
                    report_relpath(e->spawn.file, opt->root, rel2, sizeof rel2), e->spawn.line, e->spawn.col,
                    C_CYAN(opt), C_OFF(opt), e->thread_routine, e->many ? "many instances" : "one instance");
        }
        if (f->explain)
            fprintf(out, "%s%s:%u:%u: %snote:%s %s\n", C_BOLD(opt), file, f->loc.line, f->loc.col, C_CYAN(opt),
                    C_OFF(opt), f->explain);
        if (f->help) fprintf(out, "%shelp:%s %s\n", C_GREEN(opt), C_OFF(opt), f->help);
        report_view_free(&view);
    }
    report_source_free(&cache);
}

const ReportRule *report_find_rule(const ReportOptions *opt, const char *name) {
    for (size_t i = 0; i < opt->nrules; i++)
        if (!strcmp(opt->rules[i].name, name)) return &opt->rules[i];
    return NULL;
}
