/*
 * sarif.c - SARIF 2.1.0 (docs/sarif.md; schema in ../shared/sarif/).
 *
 * One run: tool.driver with every rule's metadata (id, name, short and full
 * description, help text from docs/rules, default level); one result per
 * finding with its message, primary location, relatedLocations for every
 * access and spawn site (the message links them as "[text](id)"), one
 * codeFlow with a threadFlow per thread involved, and partialFingerprints
 * (GitHub's primaryLocationLineHash and racecheck's own fingerprint); one
 * invocation with the exit code and a notification per diagnostic (units
 * that failed to parse). Paths below the project root are relative to the
 * uriBaseId SRCROOT (originalUriBaseIds gives its absolute file: URI);
 * others are absolute file: URIs.
 */
#include "report.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_BASE "SRCROOT"

/* Percent-encode a path for a URI (RFC 3986 unreserved characters and '/'
 * stay as they are). */
static char *uri_encode(const char *path) {
    size_t n = strlen(path);
    char *out = xmalloc(3 * n + 1), *q = out;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (isalnum(*p) || strchr("-._~/", *p)) *q++ = (char)*p;
        else q += sprintf(q, "%%%02X", *p);
    }
    *q = 0;
    return out;
}

static cJSON *text_obj(const char *text) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "text", text);
    return o;
}

static cJSON *phys_loc(const char *file, unsigned line, unsigned col, const ReportOptions *opt, SrcCache *src) {
    char rel[4096];
    const char *r = report_relpath(file, opt->root, rel, sizeof rel);
    cJSON *pl = cJSON_CreateObject();
    cJSON *al = cJSON_AddObjectToObject(pl, "artifactLocation");
    if (r[0] == '/') {
        char *enc = uri_encode(r);
        char *uri = xasprintf("file://%s", enc);
        cJSON_AddStringToObject(al, "uri", uri);
        free(uri);
        free(enc);
    } else {
        char *enc = uri_encode(r);
        cJSON_AddStringToObject(al, "uri", enc);
        cJSON_AddStringToObject(al, "uriBaseId", SARIF_BASE);
        free(enc);
    }
    if (line) {
        cJSON *reg = cJSON_AddObjectToObject(pl, "region");
        cJSON_AddNumberToObject(reg, "startLine", line);
        if (col) cJSON_AddNumberToObject(reg, "startColumn", col);
        size_t len;
        const char *s = report_source_line(src, file, line, &len);
        if (s) {
            char *t = xmalloc(len + 1);
            memcpy(t, s, len);
            t[len] = 0;
            cJSON_AddItemToObject(reg, "snippet", text_obj(t));
            free(t);
        }
    }
    return pl;
}

static cJSON *location(const char *file, unsigned line, unsigned col, const char *msg, int id,
                       const ReportOptions *opt, SrcCache *src) {
    cJSON *l = cJSON_CreateObject();
    if (id > 0) cJSON_AddNumberToObject(l, "id", id);
    cJSON_AddItemToObject(l, "physicalLocation", phys_loc(file, line, col, opt, src));
    if (msg) cJSON_AddItemToObject(l, "message", text_obj(msg));
    return l;
}

/* "DataRace" from "data-race". */
static char *pascal_name(const char *id) {
    char *out = xmalloc(strlen(id) + 1), *q = out;
    bool up = true;
    for (const char *p = id; *p; p++) {
        if (*p == '-' || *p == '_') { up = true; continue; }
        *q++ = up ? (char)toupper((unsigned char)*p) : *p;
        up = false;
    }
    *q = 0;
    return out;
}

/* The first paragraph after the title of a rule page, without Markdown
 * emphasis; NULL when there is none. */
static char *doc_first_paragraph(const char *doc) {
    if (!doc) return NULL;
    const char *p = doc;
    if (*p == '#') p = strchr(p, '\n');
    while (p && (*p == '\n' || *p == ' ')) p++;
    if (!p || !*p) return NULL;
    const char *end = strstr(p, "\n\n");
    if (!end) end = p + strlen(p);
    char *out = xmalloc((size_t)(end - p) + 1), *q = out;
    for (; p < end; p++) {
        if (*p == '*' || *p == '`') continue;
        *q++ = *p == '\n' ? ' ' : *p;
    }
    *q = 0;
    return out;
}

static const char *sarif_level(Severity s) {
    return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

static cJSON *rule_obj(const ReportRule *r) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", r->name);
    char *pn = pascal_name(r->name);
    cJSON_AddStringToObject(o, "name", pn);
    free(pn);
    cJSON_AddItemToObject(o, "shortDescription", text_obj(r->summary ? r->summary : r->name));
    char *full = doc_first_paragraph(r->doc);
    cJSON_AddItemToObject(o, "fullDescription", text_obj(full ? full : r->summary ? r->summary : r->name));
    free(full);
    if (r->doc) {
        cJSON *h = text_obj(r->doc);
        cJSON_AddStringToObject(h, "markdown", r->doc);
        cJSON_AddItemToObject(o, "help", h);
    }
    cJSON *dc = cJSON_AddObjectToObject(o, "defaultConfiguration");
    cJSON_AddStringToObject(dc, "level", sarif_level(r->severity));
    cJSON *props = cJSON_AddObjectToObject(o, "properties");
    cJSON *tags = cJSON_AddArrayToObject(props, "tags");
    cJSON_AddItemToArray(tags, cJSON_CreateString("concurrency"));
    cJSON_AddItemToArray(tags, cJSON_CreateString(r->name));
    return o;
}

/* ---- result messages: plain text with [text](id) links ----------------- */

typedef struct {
    char *s;
    size_t len, cap;
} Buf;

static void buf_put(Buf *b, const char *s, bool escape_brackets) {
    for (; *s; s++) {
        if (b->len + 3 > b->cap) {
            b->cap = b->cap ? b->cap * 2 : 256;
            b->s = xrealloc(b->s, b->cap);
        }
        if (escape_brackets && (*s == '[' || *s == ']' || *s == '\\')) b->s[b->len++] = '\\';
        b->s[b->len++] = *s;
    }
    if (b->s) b->s[b->len] = 0;
}

/* Append text as the link "[text](id)". */
static void buf_link(Buf *b, const char *text, int id) {
    char num[32];
    buf_put(b, "[", false);
    buf_put(b, text, true);
    snprintf(num, sizeof num, "](%d)", id);
    buf_put(b, num, false);
}

static char *locks_text(const Evidence *e) {
    if (!e->nlocks) return xstrdup("no lock held");
    Buf b = {0};
    buf_put(&b, "holding ", false);
    for (size_t l = 0; l < e->nlocks; l++) {
        if (l) buf_put(&b, ", ", false);
        buf_put(&b, "'", false);
        buf_put(&b, e->locks[l], false);
        buf_put(&b, "'", false);
    }
    return b.s;
}

static bool same_spawn(const Evidence *a, const Evidence *b) {
    return a->spawn.line == b->spawn.line && a->spawn.col == b->spawn.col &&
           !strcmp(a->spawn.file ? a->spawn.file : "", b->spawn.file ? b->spawn.file : "") &&
           !strcmp(a->thread_routine, b->thread_routine);
}

/* The threadFlow of the thread of e (instance inst when > 0): its spawn
 * site, then its accesses of the finding. */
static cJSON *thread_flow(const Finding *f, const Evidence *e, int inst, const ReportOptions *opt, SrcCache *src) {
    char label[8192];
    cJSON *tf = cJSON_CreateObject();
    report_thread_label(e, opt->root, label, sizeof label);
    if (inst) {
        char *l = xasprintf("%s, instance %d", label, inst);
        cJSON_AddItemToObject(tf, "message", text_obj(l));
        free(l);
    } else {
        cJSON_AddItemToObject(tf, "message", text_obj(label));
    }
    cJSON *tl = cJSON_AddArrayToObject(tf, "locations");
    if (e->spawn.line) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddItemToObject(x, "location", location(e->spawn.file, e->spawn.line, e->spawn.col, "thread created here",
                                                      0, opt, src));
        cJSON_AddNumberToObject(x, "nestingLevel", 0);
        cJSON_AddItemToArray(tl, x);
    }
    for (size_t j = 0; j < f->nevidence; j++) {
        const Evidence *a = &f->evidence[j];
        if (!same_spawn(a, e) || report_evidence_is_declaration(a)) continue; /* a declaration is no step */
        char *lk = locks_text(a);
        char *what = xasprintf("%s in %s(), %s", a->kind, a->function, lk);
        cJSON *x = cJSON_CreateObject();
        cJSON_AddItemToObject(x, "location", location(a->loc.file, a->loc.line, a->loc.col, what, 0, opt, src));
        cJSON_AddNumberToObject(x, "nestingLevel", e->spawn.line ? 1 : 0);
        cJSON_AddItemToArray(tl, x);
        free(lk);
        free(what);
    }
    return tf;
}

static cJSON *result_obj(const Finding *full, const ReportOptions *opt, SrcCache *src) {
    ReportView view; /* one access per kind, thread and lock set, or all of them */
    report_view(&view, full, opt->evidence_all);
    const Finding *f = &view.f;
    cJSON *r = cJSON_CreateObject();
    char label[8192];
    cJSON_AddStringToObject(r, "ruleId", f->rule);
    for (size_t i = 0; i < opt->nrules; i++)
        if (!strcmp(opt->rules[i].name, f->rule)) cJSON_AddNumberToObject(r, "ruleIndex", (double)i);
    cJSON_AddStringToObject(r, "level", sarif_level(f->severity));

    /* relatedLocations: accesses 1..n, then each distinct spawn site */
    cJSON *rel = cJSON_CreateArray();
    Buf msg = {0};
    buf_put(&msg, f->message, true);
    buf_put(&msg, ": ", false);
    int id = 0;
    for (size_t k = 0; k < f->nevidence; k++) {
        const Evidence *e = &f->evidence[k];
        if (report_evidence_is_declaration(e)) {
            char *d = xasprintf("'%s' is declared here", f->object ? f->object : "the object");
            cJSON_AddItemToArray(rel, location(e->loc.file, e->loc.line, e->loc.col, d, ++id, opt, src));
            free(d);
            if (k) buf_put(&msg, "; ", false);
            buf_link(&msg, "declared here", id);
            continue;
        }
        char *lk = locks_text(e);
        char *what = xasprintf("%s in %s()", e->kind, e->function);
        char *note = xasprintf("%s, thread %s, %s", what, report_thread_label(e, opt->root, label, sizeof label), lk);
        if (view.more[k]) {
            char *m = xasprintf("%s (and %zu more access%s like this)", note, view.more[k], view.more[k] == 1 ? "" : "es");
            free(note);
            note = m;
        }
        cJSON *rl = location(e->loc.file, e->loc.line, e->loc.col, note, ++id, opt, src);
        if (view.more[k]) cJSON_AddNumberToObject(cJSON_AddObjectToObject(rl, "properties"), "more", (double)view.more[k]);
        cJSON_AddItemToArray(rel, rl);
        if (k) buf_put(&msg, "; ", false);
        buf_link(&msg, what, id);
        buf_put(&msg, " by thread ", false);
        buf_put(&msg, e->thread_routine, true);
        buf_put(&msg, ", ", false);
        buf_put(&msg, lk, true);
        free(lk);
        free(what);
        free(note);
    }
    for (size_t k = 0; k < f->nevidence; k++) {
        const Evidence *e = &f->evidence[k];
        bool dup = !e->spawn.line || report_evidence_is_declaration(e);
        for (size_t j = 0; j < k && !dup; j++) dup = same_spawn(&f->evidence[j], e);
        if (dup) continue;
        char *what = xasprintf("thread %s spawned here (%s)", e->thread_routine, e->many ? "many instances" : "one instance");
        cJSON_AddItemToArray(rel, location(e->spawn.file, e->spawn.line, e->spawn.col, what, ++id, opt, src));
        buf_put(&msg, "; thread ", false);
        buf_put(&msg, e->thread_routine, true);
        buf_put(&msg, " ", false);
        buf_link(&msg, "spawned here", id);
        free(what);
    }
    if (f->help) {
        buf_put(&msg, ". Help: ", false);
        buf_put(&msg, f->help, true);
    }
    cJSON *m = cJSON_AddObjectToObject(r, "message");
    cJSON_AddStringToObject(m, "text", msg.s ? msg.s : f->message);
    free(msg.s);

    cJSON *locs = cJSON_AddArrayToObject(r, "locations");
    cJSON_AddItemToArray(locs, location(f->loc.file, f->loc.line, f->loc.col, NULL, 0, opt, src));
    cJSON_AddItemToObject(r, "relatedLocations", rel);

    /* one codeFlow; one threadFlow per thread (routine + spawn site) */
    cJSON *flows = cJSON_AddArrayToObject(r, "codeFlows");
    cJSON *flow = cJSON_CreateObject();
    cJSON_AddItemToArray(flows, flow);
    cJSON_AddItemToObject(flow, "message", text_obj(f->message));
    cJSON *tfs = cJSON_AddArrayToObject(flow, "threadFlows");
    size_t nthreads = 0;
    for (size_t k = 0; k < f->nevidence; k++) {
        bool seen = false;
        for (size_t j = 0; j < k && !seen; j++) seen = same_spawn(&f->evidence[j], &f->evidence[k]);
        nthreads += !seen;
    }
    for (size_t k = 0; k < f->nevidence; k++) {
        const Evidence *e = &f->evidence[k];
        bool seen = false;
        for (size_t j = 0; j < k && !seen; j++) seen = same_spawn(&f->evidence[j], e);
        if (seen) continue;
        /* a thread with many instances racing only with itself: two of them */
        int instances = nthreads == 1 && e->many ? 2 : 1;
        for (int inst = 1; inst <= instances; inst++)
            cJSON_AddItemToArray(tfs, thread_flow(f, e, instances > 1 ? inst : 0, opt, src));
    }

    cJSON *pf = cJSON_AddObjectToObject(r, "partialFingerprints");
    const char *lh = report_line_hash(src, f->loc.file, f->loc.line);
    if (lh) cJSON_AddStringToObject(pf, "primaryLocationLineHash", lh);
    if (f->fingerprint) cJSON_AddStringToObject(pf, "racecheck/v1", f->fingerprint);
    cJSON *props = cJSON_AddObjectToObject(r, "properties");
    if (f->object) cJSON_AddStringToObject(props, "object", f->object);
    if (f->triage) cJSON_AddStringToObject(props, "triage", f->triage);
    if (view.total > f->nevidence) cJSON_AddNumberToObject(props, "accesses", (double)view.total);
    report_view_free(&view);
    return r;
}

static cJSON *notification(const Diag *d, const ReportOptions *opt, SrcCache *src) {
    cJSON *n = cJSON_CreateObject();
    cJSON_AddStringToObject(n, "level", d->level == DIAG_ERROR ? "error" : d->level == DIAG_WARNING ? "warning" : "note");
    cJSON_AddItemToObject(n, "message", text_obj(d->message));
    if (d->file) {
        cJSON *locs = cJSON_AddArrayToObject(n, "locations");
        cJSON_AddItemToArray(locs, location(d->file, d->line, d->col, NULL, 0, opt, src));
    }
    return n;
}

int report_sarif(FILE *out, const FindingList *fl, const DiagSink *diags, const ReportOptions *opt) {
    SrcCache src = {0};
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    cJSON_AddStringToObject(doc, "version", "2.1.0");
    cJSON *runs = cJSON_AddArrayToObject(doc, "runs");
    cJSON *run = cJSON_CreateObject();
    cJSON_AddItemToArray(runs, run);
    cJSON *driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
    cJSON_AddStringToObject(driver, "name", "racecheck");
    cJSON_AddStringToObject(driver, "version", opt->version ? opt->version : "0");
    cJSON_AddStringToObject(driver, "semanticVersion", opt->version ? opt->version : "0");
    cJSON *rules = cJSON_AddArrayToObject(driver, "rules");
    for (size_t i = 0; i < opt->nrules; i++) cJSON_AddItemToArray(rules, rule_obj(&opt->rules[i]));

    if (opt->root && opt->root[0] == '/') {
        char *enc = uri_encode(opt->root);
        size_t n = strlen(enc);
        char *uri = xasprintf("file://%s%s", enc, n && enc[n - 1] == '/' ? "" : "/");
        cJSON *base = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "originalUriBaseIds"), SARIF_BASE);
        cJSON_AddStringToObject(base, "uri", uri);
        free(uri);
        free(enc);
    }

    cJSON *inv = cJSON_CreateObject();
    cJSON_AddItemToArray(cJSON_AddArrayToObject(run, "invocations"), inv);
    cJSON_AddBoolToObject(inv, "executionSuccessful", opt->exit_code != 2);
    cJSON_AddNumberToObject(inv, "exitCode", opt->exit_code);
    cJSON *notes = cJSON_AddArrayToObject(inv, "toolExecutionNotifications");
    if (diags)
        for (size_t i = 0; i < diags->len; i++) cJSON_AddItemToArray(notes, notification(&diags->items[i], opt, &src));
    cJSON *iprops = cJSON_AddObjectToObject(inv, "properties");
    cJSON_AddNumberToObject(iprops, "units", (double)opt->units);
    cJSON_AddNumberToObject(iprops, "unitsFailed", (double)opt->units_failed);
    cJSON_AddNumberToObject(iprops, "suppressed", (double)opt->suppressed);
    cJSON_AddNumberToObject(iprops, "baselined", (double)opt->baselined);

    cJSON *results = cJSON_AddArrayToObject(run, "results");
    for (size_t i = 0; i < fl->items.len; i++) cJSON_AddItemToArray(results, result_obj(&fl->items.data[i], opt, &src));
    int rc = report_json_write(out, doc, true);
    cJSON_Delete(doc);
    report_source_free(&src);
    return rc;
}
