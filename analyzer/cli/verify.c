/*
 * verify.c - the verify mode: checks findings against expectations written
 * in the analysed sources, closed world (docs/testing.md).
 *
 *   // expect: data-race 'hits'            a finding whose primary location is
 *                                          this line and whose object contains 'hits'
 *   // expect@+1: data-race 'hits'         ... on the next line (@-N: above)
 *   // known-miss: data-race 'x'           a real race not reported yet (ledger)
 *   // known-false-alarm: data-race 'x'    reported, but not a real race (ledger)
 *   // debug: pts {a, b}                   the observations of the debug intrinsics
 *                                          called on this line, joined by " | "
 * Several directives on one line are separated by ';' (not after debug:).
 */
#include "cli.h"

#include "../base/base.h"
#include "../report/report.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { DIR_EXPECT, DIR_MISS, DIR_FALSE, DIR_DEBUG } DirKind;

typedef struct Directive {
    char *file;  /* canonical path */
    char *shown; /* relative path for messages */
    unsigned line;     /* target line */
    unsigned src_line; /* where it is written */
    DirKind kind;
    char *rule;
    char *name;
    bool matched;
} Directive;

typedef VEC(Directive) DirVec;

static char *canon(const char *path) {
    char buf[PATH_MAX];
    if (realpath(path, buf)) return xstrdup(buf);
    return xstrdup(path);
}

static const char *skip_ws(const char *p) {
    while (*p == ' ' || *p == '\t') p++;
    return p;
}

static char *dup_range(const char *s, const char *e) {
    char *r = xmalloc((size_t)(e - s) + 1);
    memcpy(r, s, (size_t)(e - s));
    r[e - s] = 0;
    return r;
}

/* Parse "RULE 'NAME'; RULE 'NAME'" after a directive keyword. Returns the
 * number of items, or -1 on a syntax error. */
static int parse_items(DirVec *out, const char *p, const Directive *proto) {
    int n = 0;
    for (;;) {
        p = skip_ws(p);
        const char *rs = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-') p++;
        if (p == rs) return -1;
        const char *re = p;
        p = skip_ws(p);
        if (*p != '\'') return -1;
        const char *ns = ++p;
        while (*p && *p != '\'') p++;
        if (*p != '\'') return -1;
        Directive d = *proto;
        d.rule = dup_range(rs, re);
        d.name = dup_range(ns, p);
        d.file = xstrdup(proto->file);
        d.shown = xstrdup(proto->shown);
        vec_push(out, d);
        n++;
        p = skip_ws(p + 1);
        if (*p != ';') return n;
        p++;
    }
}

static const struct {
    const char *word;
    DirKind kind;
} keywords[] = {{"expect", DIR_EXPECT}, {"known-miss", DIR_MISS}, {"known-false-alarm", DIR_FALSE},
                {"debug", DIR_DEBUG}};

/* Scan one file's comments for directives. Returns the number of syntax errors. */
static int scan_file(DirVec *out, const char *path, const char *root) {
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char *c = canon(path);
    char rel[4096];
    report_relpath(path, root, rel, sizeof rel);
    char line[8192];
    unsigned ln = 0;
    int errors = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        const char *cm = strstr(line, "//");
        const char *cm2 = strstr(line, "/*");
        if (!cm || (cm2 && cm2 < cm)) cm = cm2;
        if (!cm) continue;
        for (const char *p = cm + 2; *p; p++) {
            for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++) {
                size_t wl = strlen(keywords[k].word);
                if (strncmp(p, keywords[k].word, wl) || (p > cm + 2 && (p[-1] == '-' || (p[-1] >= 'a' && p[-1] <= 'z'))))
                    continue;
                const char *q = p + wl;
                long off = 0;
                if (*q == '@') {
                    char *end;
                    off = strtol(q + 1, &end, 10);
                    q = end;
                }
                if (*q != ':') continue;
                Directive proto = {c, rel, (unsigned)((long)ln + off), ln, keywords[k].kind, NULL, NULL, false};
                if (keywords[k].kind == DIR_DEBUG) {
                    /* the rest of the comment is the expected text */
                    const char *s = skip_ws(q + 1), *e = s + strlen(s);
                    while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t')) e--;
                    if (e - s >= 2 && e[-2] == '*' && e[-1] == '/') e -= 2;
                    while (e > s && (e[-1] == ' ' || e[-1] == '\t')) e--;
                    Directive d = proto;
                    d.rule = xstrdup("debug");
                    d.name = dup_range(s, e);
                    d.file = xstrdup(c);
                    d.shown = xstrdup(rel);
                    vec_push(out, d);
                    break;
                }
                if (parse_items(out, q + 1, &proto) < 0) {
                    fprintf(stderr, "%s:%u: error: malformed directive; expected %s: RULE 'NAME'\n", rel, ln,
                            keywords[k].word);
                    errors++;
                }
                p = q;
                break;
            }
        }
    }
    fclose(f);
    free(c);
    return errors;
}

/* Match the debug notes (sorted by location) against the debug directives:
 * the notes of one line, joined by " | ", must equal the directive's text.
 * Returns the number of mismatches. */
static int verify_debug(DirVec *dirs, const DebugNote *notes, size_t nnotes, const char *root) {
    int failures = 0;
    char rel[4096];
    for (size_t i = 0; i < nnotes;) {
        size_t j = i;
        char text[4096] = "";
        size_t len = 0;
        while (j < nnotes && notes[j].loc.line == notes[i].loc.line && !strcmp(notes[j].loc.file, notes[i].loc.file)) {
            len += (size_t)snprintf(text + len, len < sizeof text ? sizeof text - len : 0, "%s%s", j > i ? " | " : "",
                                    notes[j].text);
            j++;
        }
        char *c = canon(notes[i].loc.file);
        Directive *hit = NULL;
        for (size_t k = 0; k < dirs->len && !hit; k++) {
            Directive *d = &dirs->data[k];
            if (d->kind == DIR_DEBUG && !d->matched && d->line == notes[i].loc.line && !strcmp(d->file, c)) hit = d;
        }
        free(c);
        const char *file = report_relpath(notes[i].loc.file, root, rel, sizeof rel);
        if (!hit) {
            fprintf(stderr, "%s:%u:%u: error: unchecked debug observation: %s\n", file, notes[i].loc.line,
                    notes[i].loc.col, text);
            failures++;
        } else {
            hit->matched = true;
            if (strcmp(hit->name, text)) {
                fprintf(stderr, "%s:%u: error: debug observation is '%s', expected '%s'\n", file, notes[i].loc.line,
                        text, hit->name);
                failures++;
            }
        }
        i = j;
    }
    for (size_t k = 0; k < dirs->len; k++) {
        Directive *d = &dirs->data[k];
        if (d->kind == DIR_DEBUG && !d->matched) {
            fprintf(stderr, "%s:%u: error: no debug intrinsic observed on line %u (code not reached by any thread?)\n",
                    d->shown, d->src_line, d->line);
            failures++;
        }
    }
    return failures;
}

int verify_findings(const FindingList *fl, const char *const *files, size_t nfiles, const char *root, bool quiet,
                    const DebugNote *notes, size_t nnotes) {
    DirVec dirs = {0};
    int failures = 0;
    /* scan each distinct file once */
    char **seen = xcalloc(nfiles + 1, sizeof(char *));
    size_t nseen = 0;
    for (size_t i = 0; i < nfiles; i++) {
        if (!files[i]) continue;
        char *c = canon(files[i]);
        bool dup = false;
        for (size_t k = 0; k < nseen && !dup; k++) dup = !strcmp(seen[k], c);
        if (dup) {
            free(c);
            continue;
        }
        seen[nseen++] = c;
        failures += scan_file(&dirs, files[i], root);
    }
    failures += verify_debug(&dirs, notes, nnotes, root);
    char rel[4096];
    for (size_t i = 0; i < fl->items.len; i++) {
        const Finding *f = &fl->items.data[i];
        char *c = canon(f->loc.file);
        Directive *hit = NULL;
        for (int pass = 0; pass < 2 && !hit; pass++)
            for (size_t k = 0; k < dirs.len && !hit; k++) {
                Directive *d = &dirs.data[k];
                if (d->matched || d->kind == DIR_DEBUG || d->line != f->loc.line || strcmp(d->file, c) || strcmp(d->rule, f->rule) ||
                    !strstr(f->object ? f->object : "", d->name))
                    continue;
                if ((pass == 0) == (d->kind == DIR_MISS)) continue; /* expect/false-alarm first */
                hit = d;
            }
        free(c);
        const char *file = report_relpath(f->loc.file, root, rel, sizeof rel);
        if (!hit) {
            fprintf(stderr, "%s:%u:%u: error: unexpected finding: %s [%s]\n", file, f->loc.line, f->loc.col,
                    f->message, f->rule);
            failures++;
            continue;
        }
        hit->matched = true;
        if (hit->kind == DIR_MISS) {
            fprintf(stderr, "%s:%u:%u: error: known miss is now reported: %s [%s]; change 'known-miss' to 'expect'\n",
                    file, f->loc.line, f->loc.col, f->message, f->rule);
            failures++;
        }
    }
    size_t expected = 0, misses = 0, false_alarms = 0;
    for (size_t k = 0; k < dirs.len; k++) {
        Directive *d = &dirs.data[k];
        if (d->kind == DIR_EXPECT) {
            expected++;
            if (!d->matched) {
                fprintf(stderr, "%s:%u: error: expected finding not reported: %s '%s' on line %u\n", d->shown,
                        d->src_line, d->rule, d->name, d->line);
                failures++;
            }
        } else if (d->kind == DIR_MISS) {
            misses++;
        } else if (d->kind == DIR_DEBUG) {
            continue;
        } else {
            false_alarms++;
            if (!d->matched) {
                fprintf(stderr,
                        "%s:%u: error: known false alarm no longer reported: %s '%s'; remove the directive\n",
                        d->shown, d->src_line, d->rule, d->name);
                failures++;
            }
        }
    }
    if (!quiet || failures)
        printf("verify: %zu finding%s, %zu expected, %zu known miss%s, %zu known false alarm%s: %s\n",
               fl->items.len, fl->items.len == 1 ? "" : "s", expected, misses, misses == 1 ? "" : "es",
               false_alarms, false_alarms == 1 ? "" : "s", failures ? "FAILED" : "ok");
    for (size_t k = 0; k < dirs.len; k++) {
        free(dirs.data[k].file);
        free(dirs.data[k].shown);
        free(dirs.data[k].rule);
        free(dirs.data[k].name);
    }
    vec_free(&dirs);
    for (size_t k = 0; k < nseen; k++) free(seen[k]);
    free(seen);
    return failures ? EXIT_FINDINGS : EXIT_CLEAN;
}
