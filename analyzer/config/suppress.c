/*
 * suppress.c - the filter between the checks and the output: rule settings,
 * include/exclude globs, and suppressions from the configuration and from
 * the sources (docs/suppressions.md).
 *
 * Inline form, in a // or block comment:
 *
 *     // racecheck-ignore[data-race]: statistics only, approximate by design
 *
 * It applies to a finding when it is on, or on the line above, one of the
 * finding's lines: its primary location, an access of its evidence, the
 * declaration of the variable the racing object is rooted at, or the
 * definition of a function holding one of its accesses (a variable or a
 * function declared intentionally racy). Several rules are separated by
 * commas. A directive without a reason or naming an unknown rule is a
 * warning and suppresses nothing.
 */
#include "config.h"

#include "../checks/checks.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Inline {
    unsigned line, col;
    const char *rules;  /* "data-race,other" */
    const char *reason; /* NULL when malformed */
} Inline;

typedef struct SourceFile {
    char *path; /* canonical */
    VEC(Inline) dirs;
} SourceFile;

typedef struct Scanner {
    Arena *arena;
    VEC(SourceFile) files;
    DiagSink *diags;
    StrMap named; /* a file as the findings name it -> index + 1 into files (-1: unreadable) */
} Scanner;

static const char KEYWORD[] = "racecheck-ignore";

/* Parse the directive whose text (after the keyword) is [p, end): up to
 * the next directive on the line or the line's end. reason NULL (with a
 * warning) when malformed. Work is linear in end - p. */
static Inline parse_directive(Scanner *s, const char *file, unsigned line, unsigned col, const char *p,
                              const char *end) {
    Inline d = {line, col, NULL, NULL};
    const char *why = NULL;
    if (p == end || *p != '[') {
        why = "expected racecheck-ignore[RULE]: reason";
    } else {
        const char *close = memchr(p, ']', (size_t)(end - p));
        if (!close || close == p + 1) {
            why = "expected racecheck-ignore[RULE]: reason";
        } else {
            d.rules = arena_strndup(s->arena, p + 1, (size_t)(close - p - 1));
            const char *q = close + 1;
            while (q < end && (*q == ' ' || *q == '\t')) q++;
            if (q == end || *q != ':') why = "needs ': reason' after the rule";
            else {
                q++;
                while (q < end && (*q == ' ' || *q == '\t')) q++;
                size_t n = (size_t)(end - q);
                for (const char *c = q; c + 1 < end; c++)
                    if (c[0] == '*' && c[1] == '/') {
                        n = (size_t)(c - q);
                        break;
                    }
                while (n && (q[n - 1] == ' ' || q[n - 1] == '\t' || q[n - 1] == '\r')) n--;
                if (!n) why = "needs a reason after ':' (why the finding is acceptable)";
                else d.reason = arena_strndup(s->arena, q, n);
            }
            /* every rule must exist, however long the list (issue 14.9: a
             * fixed buffer hid the names past its end) */
            char *buf = arena_strdup(s->arena, d.rules), *save = NULL;
            for (char *tok = strtok_r(buf, ", ", &save); tok && !why; tok = strtok_r(NULL, ", ", &save))
                if (!checks_find(tok)) {
                    diag_report(s->diags, DIAG_WARNING, file, line, col,
                                "racecheck-ignore names unknown rule '%s'; it suppresses nothing", tok);
                    d.reason = NULL;
                    return d;
                }
        }
    }
    if (why) {
        diag_report(s->diags, DIAG_WARNING, file, line, col, "malformed racecheck-ignore (%s); it suppresses nothing",
                    why);
        d.reason = NULL;
    }
    return d;
}

/* The next keyword in [p, end), or NULL. */
static const char *find_keyword(const char *p, const char *end) {
    size_t k = sizeof KEYWORD - 1;
    while ((size_t)(end - p) >= k) {
        const char *r = memchr(p, 'r', (size_t)(end - p) - k + 1);
        if (!r) return NULL;
        if (!memcmp(r, KEYWORD, k)) return r;
        p = r + 1;
    }
    return NULL;
}

/* The directives of one line [bol, eol): those after the line's first
 * comment opener (of a line or a block comment); each one's text runs to
 * the next. Linear in the line's length however many directives it holds
 * (issue 14.5). */
static void scan_line(Scanner *s, SourceFile *sf, const char *file, unsigned line, const char *bol,
                      const char *eol) {
    const char *cm = NULL;
    for (const char *q = bol; q + 1 < eol && !cm; q++)
        if (q[0] == '/' && (q[1] == '/' || q[1] == '*')) cm = q;
    if (!cm) return;
    const char *k = find_keyword(cm, eol);
    while (k) {
        const char *text = k + sizeof KEYWORD - 1;
        const char *next = find_keyword(text, eol);
        vec_push(&sf->dirs, parse_directive(s, file, line, (unsigned)(k - bol) + 1, text, next ? next : eol));
        k = next;
    }
}

static SourceFile *scan_canon(Scanner *s, const char *file) {
    char canon[PATH_MAX];
    if (!realpath(file, canon)) return NULL;
    for (size_t i = 0; i < s->files.len; i++)
        if (!strcmp(s->files.data[i].path, canon)) return &s->files.data[i];
    SourceFile sf;
    memset(&sf, 0, sizeof sf);
    sf.path = arena_strdup(s->arena, canon);
    size_t len;
    int err;
    char *text = base_read_file(file, &len, &err);
    if (text) {
        unsigned line = 1;
        const char *end = text + strlen(text);
        for (const char *bol = text; bol < end; line++) {
            const char *eol = memchr(bol, '\n', (size_t)(end - bol));
            if (!eol) eol = end;
            scan_line(s, &sf, file, line, bol, eol);
            bol = eol + 1;
        }
        free(text);
    }
    vec_push(&s->files, sf);
    return &s->files.data[s->files.len - 1];
}

/* The file's directives, each spelling of a file resolved once (a
 * finding's evidence names the same few files thousands of times). */
static SourceFile *scan(Scanner *s, const char *file) {
    if (!file) return NULL;
    intptr_t v = (intptr_t)strmap_get(&s->named, file);
    if (!v) {
        SourceFile *sf = scan_canon(s, file);
        v = sf ? (intptr_t)(sf - s->files.data) + 1 : -1;
        strmap_put(&s->named, arena_strdup(s->arena, file), (void *)v);
    }
    return v > 0 ? &s->files.data[v - 1] : NULL;
}

static bool rule_listed(const char *rules, const char *rule) {
    size_t n = strlen(rule);
    for (const char *p = rules; (p = strstr(p, rule)); p += n) {
        bool start = p == rules || p[-1] == ',' || p[-1] == ' ';
        bool end = !p[n] || p[n] == ',' || p[n] == ' ';
        if (start && end) return true;
    }
    return false;
}

/* A directive for rule on `loc`'s line or the line above it. */
static const Inline *inline_at(Scanner *s, const SrcLoc *loc, const char *rule, const char **file) {
    if (!loc->file || !loc->line) return NULL;
    SourceFile *sf = scan(s, loc->file);
    if (!sf) return NULL;
    /* the directives are in line order: the first on the line above */
    size_t lo = 0, hi = sf->dirs.len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sf->dirs.data[mid].line + 1 < loc->line) lo = mid + 1;
        else hi = mid;
    }
    for (size_t i = lo; i < sf->dirs.len && sf->dirs.data[i].line <= loc->line; i++) {
        const Inline *d = &sf->dirs.data[i];
        if (d->reason && (d->line == loc->line || d->line + 1 == loc->line) && rule_listed(d->rules, rule)) {
            *file = loc->file;
            return d;
        }
    }
    return NULL;
}

static const Inline *inline_for(Scanner *s, const Finding *f, const char **file) {
    const Inline *d = inline_at(s, &f->loc, f->rule, file);
    if (!d) d = inline_at(s, &f->decl, f->rule, file);
    for (size_t i = 0; i < f->nevidence && !d; i++) {
        d = inline_at(s, &f->evidence[i].loc, f->rule, file);
        if (!d) d = inline_at(s, &f->evidence[i].function_decl, f->rule, file);
    }
    return d;
}

static const RuleSetting *rule_setting(const Config *c, const char *rule) {
    for (size_t i = c->rules.len; i-- > 0;)
        if (!strcmp(c->rules.data[i].rule, rule)) return &c->rules.data[i];
    return NULL;
}

static ConfigSuppression *config_suppression(Config *c, const Finding *f) {
    char rel[PATH_MAX];
    for (size_t i = 0; i < c->suppressions.len; i++) {
        ConfigSuppression *s = &c->suppressions.data[i];
        if (s->rule && strcmp(s->rule, f->rule)) continue;
        if (s->fingerprint && (!f->fingerprint || strcmp(s->fingerprint, f->fingerprint))) continue;
        if (s->path && !glob_match(s->path, config_relpath(c, f->loc.file ? f->loc.file : "", rel, sizeof rel)))
            continue;
        return s;
    }
    return NULL;
}

void suppress_result_free(SuppressResult *r) {
    findings_free(&r->suppressed);
    vec_free(&r->why);
}

void suppress_apply(Config *c, FindingList *findings, SuppressResult *r, DiagSink *diags) {
    memset(r, 0, sizeof *r);
    findings_init(&r->suppressed);
    Scanner s = {arena_new(), {0}, diags, {0}};
    strmap_init(&s.named);
    size_t k = 0;
    for (size_t i = 0; i < findings->items.len; i++) {
        Finding f = findings->items.data[i];
        const RuleSetting *rs = rule_setting(c, f.rule);
        if ((rs && !rs->enabled) || (f.loc.file && !config_path_selected(c, f.loc.file))) {
            r->excluded++;
            continue;
        }
        if (rs && rs->has_severity) f.severity = rs->severity;
        Suppressed why = {NULL, NULL, 0, -1};
        ConfigSuppression *cs = config_suppression(c, &f);
        const char *dfile = NULL;
        const Inline *d = cs ? NULL : inline_for(&s, &f, &dfile);
        if (cs) {
            cs->used++;
            why = (Suppressed){cs->reason, c->file, 0, cs->index};
        } else if (d) {
            why = (Suppressed){arena_strdup(r->suppressed.arena, d->reason), arena_strdup(r->suppressed.arena, dfile),
                               d->line, -1};
        }
        if (why.reason) {
            vec_push(&r->suppressed.items, f);
            vec_push(&r->why, why);
        } else {
            findings->items.data[k++] = f;
        }
    }
    findings->items.len = k;
    strmap_free(&s.named);
    arena_free(s.arena);
    for (size_t i = 0; i < s.files.len; i++) vec_free(&s.files.data[i].dirs);
    vec_free(&s.files);
}
