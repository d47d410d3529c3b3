/*
 * convert.c - between racecheck's view and the protocol's: paths and file
 * URIs, 1-based byte columns and LSP positions (0-based lines, columns in
 * UTF-16 code units, the encoding every client supports), and findings as
 * diagnostics.
 *
 * A finding becomes one diagnostic at its primary location: severity from
 * the finding, `code` the rule id with `codeDescription` linking the rule's
 * page, the message and its help line, and as relatedInformation the same
 * notes the text output prints (each representative access with its thread
 * and held locks, each spawn site once, the borrow-checker explanation).
 * racecheck's own diagnostics that name a file (a unit that did not parse,
 * a malformed racecheck-ignore) are published too, without a code.
 */
#include "lsp_int.h"

#include "../report/report.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- paths and URIs ------------------------------------------------------------ */

char *lsp_path_normalize(const char *path) {
    char *full;
    if (path[0] == '/') {
        full = xstrdup(path);
    } else {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd)) strcpy(cwd, "/");
        full = xasprintf("%s/%s", cwd, path);
    }
    /* segments, resolving "." and ".." lexically (symbolic links are kept:
     * the editor names files as it opened them) */
    size_t n = strlen(full);
    char *out = xmalloc(n + 2);
    size_t o = 0;
    for (const char *p = full; *p;) {
        while (*p == '/') p++;
        const char *e = p;
        while (*e && *e != '/') e++;
        size_t len = (size_t)(e - p);
        if (!len || (len == 1 && p[0] == '.')) {
        } else if (len == 2 && p[0] == '.' && p[1] == '.') {
            while (o && out[o - 1] != '/') o--;
            if (o) o--;
        } else {
            out[o++] = '/';
            memcpy(out + o, p, len);
            o += len;
        }
        p = e;
    }
    if (!o) out[o++] = '/';
    out[o] = 0;
    free(full);
    return out;
}

static bool uri_plain(unsigned char c) {
    return isalnum(c) || strchr("-._~/!$&'()*+,;=:@", c);
}

char *lsp_path_to_uri(const char *path) {
    size_t n = strlen(path);
    char *u = xmalloc(7 + 3 * n + 1), *o = u;
    memcpy(o, "file://", 7);
    o += 7;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (uri_plain(*p)) *o++ = (char)*p;
        else o += sprintf(o, "%%%02X", *p);
    }
    *o = 0;
    return u;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *lsp_uri_to_path(const char *uri) {
    if (strncmp(uri, "file://", 7)) return NULL;
    const char *p = strchr(uri + 7, '/'); /* skip the authority ("" or "localhost") */
    if (!p) return NULL;
    char *d = xmalloc(strlen(p) + 1), *o = d;
    for (; *p && *p != '?' && *p != '#'; p++) {
        int h, l;
        if (*p == '%' && (h = hexval(p[1])) >= 0 && (l = hexval(p[2])) >= 0) {
            *o++ = (char)(h * 16 + l);
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = 0;
    if (memchr(d, 0, (size_t)(o - d)) || !d[0]) {
        free(d);
        return NULL;
    }
    char *norm = lsp_path_normalize(d);
    free(d);
    return norm;
}

/* ---- source texts and columns ----------------------------------------------------- */

typedef struct LspText {
    char *text;
    size_t len;
    VEC(size_t) lines; /* offset of each line's start */
} LspText;

/* A file that cannot be read (a value in the map, never freed). */
static LspText unreadable;

void lsp_texts_init(LspTexts *t) {
    strmap_init(&t->map);
    t->arena = arena_new();
}

void lsp_texts_free(LspTexts *t) {
    for (size_t i = 0; i < t->map.cap; i++) {
        LspText *x = t->map.keys[i] ? t->map.vals[i] : NULL;
        if (!x || x == &unreadable) continue;
        free(x->text);
        vec_free(&x->lines);
        free(x);
    }
    strmap_free(&t->map);
    arena_free(t->arena);
}

static LspText *text_of(LspTexts *t, const char *path) {
    LspText *x = strmap_get(&t->map, path);
    if (x) return x == &unreadable ? NULL : x;
    size_t len;
    int rerr;
    char *text = base_read_file(path, &len, &rerr);
    x = &unreadable;
    if (text) {
        x = xcalloc(1, sizeof *x);
        x->text = text;
        x->len = len;
        vec_push(&x->lines, (size_t)0);
        for (size_t i = 0; i < len; i++)
            if (text[i] == '\n') vec_push(&x->lines, i + 1);
    }
    strmap_put(&t->map, arena_strdup(t->arena, path), x);
    return x == &unreadable ? NULL : x;
}

const char *lsp_text_line(LspTexts *t, const char *path, unsigned line, size_t *len) {
    LspText *x = path ? text_of(t, path) : NULL;
    if (!x || !line || line > x->lines.len) return NULL;
    size_t b = x->lines.data[line - 1];
    size_t e = line < x->lines.len ? x->lines.data[line] - 1 : x->len;
    if (e > b && x->text[e - 1] == '\r') e--;
    if (e < b) e = b;
    *len = e - b;
    return x->text + b;
}

/* UTF-16 code units of the UTF-8 bytes s[0, n) (invalid bytes count one). */
static unsigned utf16_units(const char *s, size_t n) {
    unsigned u = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + k > n) k = 1;
        u += k == 4 ? 2 : 1;
        i += k;
    }
    return u;
}

static unsigned character_of(LspTexts *t, const char *path, unsigned line, unsigned col) {
    size_t len;
    const char *s = lsp_text_line(t, path, line, &len);
    size_t bytes = col ? col - 1 : 0;
    if (!s) return (unsigned)bytes;
    if (bytes > len) return utf16_units(s, len) + (unsigned)(bytes - len);
    return utf16_units(s, bytes);
}

cJSON *lsp_position(LspTexts *t, const char *path, unsigned line, unsigned col) {
    cJSON *p = cJSON_CreateObject();
    cJSON_AddNumberToObject(p, "line", line ? line - 1 : 0);
    cJSON_AddNumberToObject(p, "character", character_of(t, path, line, col));
    return p;
}

unsigned lsp_byte_col(LspTexts *t, const char *path, unsigned line, unsigned character) {
    size_t len;
    const char *s = lsp_text_line(t, path, line, &len);
    if (!s) return character + 1;
    unsigned u = 0;
    size_t i = 0;
    while (i < len && u < character) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + k > len) k = 1;
        u += k == 4 ? 2 : 1;
        i += k;
    }
    return (unsigned)i + 1;
}

static bool ident_char(char c) {
    return isalnum((unsigned char)c) || c == '_';
}

unsigned lsp_span_end(LspTexts *t, const char *path, unsigned line, unsigned col, const char *spelling) {
    size_t len;
    const char *s = lsp_text_line(t, path, line, &len);
    size_t sl = spelling ? strlen(spelling) : 0;
    if (!s || !col || col - 1 >= len) return col + (unsigned)(sl ? sl : 1);
    size_t b = col - 1;
    if (sl && b + sl <= len && !memcmp(s + b, spelling, sl)) return col + (unsigned)sl;
    size_t i = b;
    for (;;) {
        while (i < len && ident_char(s[i])) i++;
        if (i > b && i + 1 < len && s[i] == '-' && s[i + 1] == '>' && i + 2 < len && ident_char(s[i + 2])) i += 2;
        else if (i > b && i + 1 < len && s[i] == '.' && ident_char(s[i + 1])) i++;
        else break;
    }
    if (i == b) i = b + 1;
    return (unsigned)i + 1;
}

cJSON *lsp_range(LspTexts *t, const char *path, unsigned line, unsigned col, const char *spelling) {
    cJSON *r = cJSON_CreateObject();
    cJSON_AddItemToObject(r, "start", lsp_position(t, path, line, col));
    cJSON_AddItemToObject(r, "end", lsp_position(t, path, line, lsp_span_end(t, path, line, col, spelling)));
    return r;
}

cJSON *lsp_location(LspTexts *t, const char *path, unsigned line, unsigned col, const char *spelling) {
    char *norm = lsp_path_normalize(path);
    char *uri = lsp_path_to_uri(norm);
    cJSON *l = cJSON_CreateObject();
    cJSON_AddStringToObject(l, "uri", uri);
    cJSON_AddItemToObject(l, "range", lsp_range(t, norm, line, col, spelling));
    free(uri);
    free(norm);
    return l;
}

/* ---- diagnostics -------------------------------------------------------------------- */

static int severity_of(Severity s) {
    return s == SEV_ERROR ? 1 : s == SEV_WARNING ? 2 : 3;
}

static void add_related(cJSON *rel, LspTexts *t, SrcLoc loc, const char *spelling, const char *message) {
    cJSON *x = cJSON_CreateObject();
    cJSON_AddItemToObject(x, "location", lsp_location(t, loc.file, loc.line, loc.col, spelling));
    cJSON_AddStringToObject(x, "message", message);
    cJSON_AddItemToArray(rel, x);
}

/* The notes of report/text.c, one related location each. */
static cJSON *related_of(const Finding *f, const ReportView *v, LspTexts *t, const char *root) {
    cJSON *rel = cJSON_CreateArray();
    char label[8192];
    for (size_t k = 0; k < v->f.nevidence; k++) {
        const Evidence *e = &v->f.evidence[k];
        if (report_evidence_is_declaration(e)) {
            char *d = xasprintf("'%s' is declared here", f->object ? f->object : "the object");
            add_related(rel, t, e->loc, f->object, d);
            free(d);
            continue;
        }
        size_t cap = 256 + strlen(e->kind) + strlen(e->function) + 8192;
        for (size_t i = 0; i < e->nlocks; i++) cap += strlen(e->locks[i]) + 4;
        char *m = xmalloc(cap);
        int n = snprintf(m, cap, "%s in %s(), thread %s, ", e->kind, e->function,
                         report_thread_label(e, root, label, sizeof label));
        if (!e->nlocks) {
            n += snprintf(m + n, cap - (size_t)n, "no lock held");
        } else {
            n += snprintf(m + n, cap - (size_t)n, "holding ");
            for (size_t i = 0; i < e->nlocks; i++) n += snprintf(m + n, cap - (size_t)n, "%s'%s'", i ? ", " : "", e->locks[i]);
        }
        if (v->more[k])
            snprintf(m + n, cap - (size_t)n, " (and %zu more access%s like this)", v->more[k], v->more[k] == 1 ? "" : "es");
        add_related(rel, t, e->loc, f->object, m);
        free(m);
    }
    for (size_t k = 0; k < v->f.nevidence; k++) {
        const Evidence *e = &v->f.evidence[k];
        if (!e->spawn.line || report_evidence_is_declaration(e)) continue;
        bool dup = false;
        for (size_t j = 0; j < k; j++)
            dup |= v->f.evidence[j].spawn.line == e->spawn.line && v->f.evidence[j].spawn.col == e->spawn.col &&
                   !strcmp(v->f.evidence[j].spawn.file, e->spawn.file);
        if (dup) continue;
        char *m = xasprintf("thread %s spawned here (%s)", e->thread_routine, e->many ? "many instances" : "one instance");
        add_related(rel, t, e->spawn, NULL, m);
        free(m);
    }
    if (f->explain) add_related(rel, t, f->loc, f->object, f->explain);
    return rel;
}

static cJSON *diagnostic_of(const Finding *f, LspTexts *t, const char *root, LspRuleHref href, void *href_ctx) {
    ReportView v;
    report_view(&v, f, false);
    char *norm = lsp_path_normalize(f->loc.file);
    cJSON *d = cJSON_CreateObject();
    cJSON_AddItemToObject(d, "range", lsp_range(t, norm, f->loc.line, f->loc.col, f->object));
    cJSON_AddNumberToObject(d, "severity", severity_of(f->severity));
    cJSON_AddStringToObject(d, "code", f->rule);
    const char *h = href ? href(href_ctx, f->rule) : NULL;
    if (h) cJSON_AddStringToObject(cJSON_AddObjectToObject(d, "codeDescription"), "href", h);
    cJSON_AddStringToObject(d, "source", "racecheck");
    char *msg = f->help ? xasprintf("%s\nhelp: %s", f->message, f->help) : xstrdup(f->message);
    cJSON_AddStringToObject(d, "message", msg);
    free(msg);
    cJSON_AddItemToObject(d, "relatedInformation", related_of(f, &v, t, root));
    cJSON *data = cJSON_AddObjectToObject(d, "data");
    cJSON_AddStringToObject(data, "rule", f->rule);
    if (f->fingerprint) cJSON_AddStringToObject(data, "fingerprint", f->fingerprint);
    free(norm);
    report_view_free(&v);
    return d;
}

static cJSON *list_for(StrMap *by_path, Arena *arena, const char *path) {
    cJSON *a = strmap_get(by_path, path);
    if (!a) {
        a = cJSON_CreateArray();
        strmap_put(by_path, arena_strdup(arena, path), a);
    }
    return a;
}

void lsp_diagnostics(const LspResult *r, LspTexts *t, LspRuleHref href, void *href_ctx, StrMap *by_path,
                     Arena *arena) {
    for (size_t i = 0; i < r->findings.items.len; i++) {
        const Finding *f = &r->findings.items.data[i];
        if (!f->loc.file) continue;
        char *norm = lsp_path_normalize(f->loc.file);
        cJSON_AddItemToArray(list_for(by_path, arena, norm), diagnostic_of(f, t, r->root, href, href_ctx));
        free(norm);
    }
    /* racecheck's diagnostics about a file (sorted: equal neighbours are the
     * same header's error seen from several units) */
    const DiagSink *ds = &r->diags;
    for (size_t i = 0; i < ds->len; i++) {
        const Diag *x = &ds->items[i];
        if (!x->file || !x->line || x->level == DIAG_NOTE) continue;
        if (i && x->level == ds->items[i - 1].level && x->line == ds->items[i - 1].line &&
            x->col == ds->items[i - 1].col && !strcmp(x->message, ds->items[i - 1].message) &&
            ds->items[i - 1].file && !strcmp(x->file, ds->items[i - 1].file))
            continue;
        char *norm = lsp_path_normalize(x->file);
        cJSON *d = cJSON_CreateObject();
        cJSON_AddItemToObject(d, "range", lsp_range(t, norm, x->line, x->col ? x->col : 1, NULL));
        cJSON_AddNumberToObject(d, "severity", x->level == DIAG_ERROR ? 1 : 2);
        cJSON_AddStringToObject(d, "source", "racecheck");
        cJSON_AddStringToObject(d, "message", x->message);
        cJSON_AddItemToArray(list_for(by_path, arena, norm), d);
        free(norm);
    }
}
