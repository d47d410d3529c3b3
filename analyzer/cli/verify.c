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
 *   // expect-no-findings                  this file expects no finding at all
 *   // racecheck-args: --library -- -DX    (line 1 only) the options the test runs
 *                                          with; testdata/CMakeLists.txt reads it
 * Several directives on one line are separated by ';' (not after debug:).
 *
 * A mistyped directive must not pass silently, so verify fails when
 *   - no analysed file has an expect, known-miss, known-false-alarm or
 *     expect-no-findings directive (a file that expects nothing says so);
 *   - a file has expect-no-findings and a finding directive as well;
 *   - a comment holds a word that looks like a directive but is none: a word
 *     starting with "expect" or "known-" followed by ':' or '@', one a typo
 *     away from a directive word followed by ':', or any word followed by
 *     ": RULE '" for a registered rule;
 *   - a directive names an unknown rule, or racecheck-args is not on line 1.
 * Only comments that start on the directive's line are scanned, so prose in
 * the lines of a block comment is never taken for a directive.
 */
#include "cli.h"

#include "../base/base.h"
#include "../checks/checks.h"
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

/* What one scanned file says about itself. */
typedef struct FileScan {
    char *shown;           /* relative path for messages */
    unsigned no_findings;  /* line of expect-no-findings, or 0 */
    unsigned first_expect; /* line of its first expect/known-* directive, or 0 */
    char *args;            /* the racecheck-args text, or NULL */
} FileScan;

typedef VEC(FileScan) ScanVec;

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

/* Every directive word, for "did you mean". */
static const char *const directive_words[] = {"expect", "known-miss", "known-false-alarm", "debug",
                                              "expect-no-findings", "racecheck-args"};

static bool word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* Optimal string alignment distance (edits and adjacent swaps), capped at 3. */
static int typo_distance(const char *a, size_t la, const char *b) {
    size_t lb = strlen(b);
    if (la > 40 || lb > 40 || (la > lb ? la - lb : lb - la) > 2) return 3;
    int d[41][41];
    for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb] < 3 ? d[la][lb] : 3;
}

/* Does p start "RULE '" for a registered rule? */
static bool rule_item_follows(const char *p) {
    p = skip_ws(p);
    const char *rs = p;
    while (word_char(*p)) p++;
    if (p == rs || *skip_ws(p) != '\'') return false;
    char rule[64];
    if ((size_t)(p - rs) >= sizeof rule) return false;
    memcpy(rule, rs, (size_t)(p - rs));
    rule[p - rs] = 0;
    return checks_find(rule) != NULL;
}

/* A word of a comment that is no directive word: is it a mistyped one?
 * Returns the directive word it resembles ("" when it only has a directive's
 * shape), NULL when it is prose. `after` points past the word and its "@N". */
static const char *mistyped_directive(const char *w, size_t wl, const char *after) {
    const char *like = "";
    for (size_t k = 0; k < sizeof directive_words / sizeof directive_words[0] && !*like; k++) {
        const char *d = directive_words[k];
        size_t dl = strlen(d);
        if ((wl < dl && !strncmp(w, d, wl) && (d[wl] == '-')) || typo_distance(w, wl, d) <= (dl >= 8 ? 2 : 1))
            like = d;
    }
    bool colon = *after == ':';
    if ((wl > 7 && !strncmp(w, "expect-", 7)) || (wl > 6 && !strncmp(w, "known-", 6))) return like;
    if (colon && (*like || !strncmp(w, "expect", 6) || rule_item_follows(after + 1))) return like;
    return NULL;
}

/* Scan one file's comments for directives. Returns the number of errors. */
static int scan_file(DirVec *out, FileScan *fs, const char *path, const char *root) {
    char rel[4096];
    report_relpath(path, root, rel, sizeof rel);
    fs->shown = xstrdup(rel);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char *c = canon(path);
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
            if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) || (p > cm + 2 && word_char(p[-1]))) continue;
            const char *we = p;
            while (word_char(*we)) we++;
            size_t wl = (size_t)(we - p);
            const char *q = we;
            long off = 0;
            if (*q == '@' && (q[1] == '+' || q[1] == '-' || (q[1] >= '0' && q[1] <= '9'))) {
                char *end;
                off = strtol(q + 1, &end, 10);
                q = end;
            }
            if (wl == 18 && !strncmp(p, "expect-no-findings", wl)) {
                if (*q == ':' || q != we) {
                    fprintf(stderr, "%s:%u: error: expect-no-findings takes no argument and no @offset\n", rel, ln);
                    errors++;
                } else if (!fs->no_findings) {
                    fs->no_findings = ln;
                }
                p = we - 1;
                continue;
            }
            if (wl == 14 && !strncmp(p, "racecheck-args", wl) && *q == ':') {
                if (ln != 1) {
                    fprintf(stderr,
                            "%s:%u: error: racecheck-args is read from line 1 only (testdata/CMakeLists.txt); "
                            "move it there\n", rel, ln);
                    errors++;
                } else {
                    const char *s = skip_ws(q + 1), *e = s + strlen(s);
                    while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t')) e--;
                    free(fs->args);
                    fs->args = dup_range(s, e);
                }
                break; /* the rest of the line is the options */
            }
            size_t k = 0;
            while (k < sizeof keywords / sizeof keywords[0] &&
                   (strlen(keywords[k].word) != wl || strncmp(p, keywords[k].word, wl)))
                k++;
            if (k == sizeof keywords / sizeof keywords[0]) {
                const char *like = mistyped_directive(p, wl, q);
                if (like) {
                    fprintf(stderr, "%s:%u: error: unknown directive '%.*s'%s%s%s (directives: docs/testing.md)\n", rel,
                            ln, (int)wl, p, *like ? "; did you mean '" : "", like, *like ? "'?" : "");
                    errors++;
                }
                p = we - 1;
                continue;
            }
            if (*q != ':') {
                /* "expect data-race 'x'" without the colon is a directive gone wrong, not prose */
                if (keywords[k].kind != DIR_DEBUG && rule_item_follows(q)) {
                    fprintf(stderr, "%s:%u: error: malformed directive; expected %s: RULE 'NAME'\n", rel, ln,
                            keywords[k].word);
                    errors++;
                }
                p = we - 1;
                continue;
            }
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
            size_t first = out->len;
            if (parse_items(out, q + 1, &proto) < 0) {
                fprintf(stderr, "%s:%u: error: malformed directive; expected %s: RULE 'NAME'\n", rel, ln,
                        keywords[k].word);
                errors++;
            }
            for (size_t i = first; i < out->len; i++)
                if (!checks_find(out->data[i].rule)) {
                    fprintf(stderr, "%s:%u: error: unknown rule '%s' in %s directive (racecheck --list-rules)\n", rel,
                            ln, out->data[i].rule, keywords[k].word);
                    errors++;
                }
            if (out->len > first && !fs->first_expect) fs->first_expect = ln;
            p = q;
        }
    }
    fclose(f);
    free(c);
    if (fs->no_findings && fs->first_expect) {
        fprintf(stderr,
                "%s:%u: error: expect-no-findings contradicts the finding directive on line %u; keep one of them\n",
                rel, fs->no_findings, fs->first_expect);
        errors++;
    }
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
    ScanVec scans = {0};
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
        FileScan fs = {0};
        failures += scan_file(&dirs, &fs, files[i], root);
        vec_push(&scans, fs);
    }
    bool said = false; /* does any file state what it expects? */
    for (size_t k = 0; k < scans.len; k++) said |= scans.data[k].no_findings || scans.data[k].first_expect;
    if (!said && scans.len) {
        fprintf(stderr,
                "%s: error: no expectation directive%s: add // expect-no-findings if the program should have no "
                "findings, or an expect directive for each (docs/testing.md)\n",
                scans.data[0].shown, scans.len > 1 ? " in any of the program's files" : "");
        failures++;
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
    for (size_t k = 0; k < scans.len; k++) {
        if (failures && scans.data[k].args)
            fprintf(stderr,
                    "%s:1: note: this test runs with 'racecheck-args: %s' (ctest passes them); pass them too when "
                    "running it by hand\n", scans.data[k].shown, scans.data[k].args);
        free(scans.data[k].shown);
        free(scans.data[k].args);
    }
    vec_free(&scans);
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
