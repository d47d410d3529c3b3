/*
 * html_overview.c - the HTML page's overview (docs/html.md, "Overview"):
 * the thread tree drawn by racecheck as inline SVG, and the data of the
 * lock table the page's script renders.
 *
 * The overview comes from the run's model when the page is written by a
 * run (ReportOptions.overview, built by the CLI), else -- a page exported
 * from the findings database, which keeps findings, not the model -- it is
 * derived from the findings' evidence: the threads that appear in some
 * access (their creating thread is not recorded) and, for the data-race
 * findings, the locks held at their accesses. The page says which.
 *
 * The tree is laid out like a file tree: one row per thread in depth-first
 * order (children in thread order), indented by depth, an elbow line from
 * the creating thread's box to each child's. A solid line: the creator joins
 * it; dashed: no join waits for it. A thread with many instances is drawn
 * as a stack of boxes. Text widths are estimated from a monospace font, so
 * the drawing is the same bytes on every machine.
 */
#include "html_int.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

enum {
    SVG_PAD = 12,
    SVG_ROW = 50,     /* the height of one thread's row */
    SVG_BOX = 38,     /* the height of a thread's box */
    SVG_INDENT = 34,  /* the indentation of a child */
    SVG_MAX_CHARS = 64, /* longer lines are cut with an ellipsis */
};
#define SVG_CHAR_W 7.25 /* a 12px monospace glyph */

static int cmp_str0(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : ""); }

/* ---- the threads' findings ---------------------------------------------------- */

/* "routine\x1fspawn-file:line:col" with the file relative to root. */
static char *thread_key(const char *routine, const SrcLoc *spawn, const char *root) {
    char rel[4096];
    const char *file = spawn->line && spawn->file ? report_relpath(spawn->file, root, rel, sizeof rel) : "";
    return xasprintf("%s\x1f%s:%u:%u", routine ? routine : "", file, spawn->line, spawn->line ? spawn->col : 0);
}

/* For every thread, the findings with an access in it. Threads with the
 * same routine and spawn site (one spawn reached from two creators) are
 * not told apart by a finding: each gets it. */
static void match_findings(HtmlOverview *h, const FindingList *fl, const char *root) {
    size_t n = h->ov.nthreads;
    h->findings = xcalloc(n ? n : 1, sizeof *h->findings);
    h->reported = xcalloc(n ? n : 1, sizeof *h->reported);
    char **keys = xmalloc((n ? n : 1) * sizeof *keys);
    size_t *next = xmalloc((n ? n : 1) * sizeof *next);
    StrMap first; /* key -> 1 + the first thread with it */
    strmap_init(&first);
    for (size_t t = 0; t < n; t++) {
        keys[t] = thread_key(h->ov.threads[t].routine, &h->ov.threads[t].spawn, root);
        next[t] = SIZE_MAX;
        bool ins;
        void **slot = strmap_slot(&first, keys[t], &ins);
        if (ins) {
            *slot = (void *)(uintptr_t)(t + 1);
        } else {
            size_t k = (size_t)(uintptr_t)*slot - 1;
            while (next[k] != SIZE_MAX) k = next[k];
            next[k] = t;
        }
    }
    for (size_t i = 0; i < fl->items.len; i++) {
        const Finding *f = &fl->items.data[i];
        for (size_t e = 0; e < f->nevidence; e++) {
            char *key = thread_key(f->evidence[e].thread_routine, &f->evidence[e].spawn, root);
            void *v = strmap_get(&first, key);
            free(key);
            for (size_t t = v ? (size_t)(uintptr_t)v - 1 : SIZE_MAX; t != SIZE_MAX; t = next[t]) {
                HtmlIndexVec *fs = &h->findings[t];
                if (fs->len && fs->data[fs->len - 1] == i) continue;
                vec_push(fs, i);
                h->reported[t] += !f->triage || (strcmp(f->triage, "false-positive") && strcmp(f->triage, "intentional"));
            }
        }
    }
    strmap_free(&first);
    for (size_t t = 0; t < n; t++) free(keys[t]);
    free(keys);
    free(next);
}

/* ---- deriving the overview from the findings ---------------------------------- */

static int cmp_thread(const void *x, const void *y) {
    const ReportThread *a = x, *b = y;
    if (!a->spawn.line != !b->spawn.line) return a->spawn.line ? 1 : -1; /* roots first */
    int c = srcloc_cmp(&a->spawn, &b->spawn);
    if (c) return c;
    if ((c = cmp_str0(a->routine, b->routine))) return c;
    return (int)a->many - (int)b->many;
}

static int cmp_guard(const void *x, const void *y) {
    const ReportGuard *a = x, *b = y;
    int c = cmp_str0(a->lock, b->lock);
    if (c) return c;
    bool fa = a->held == a->total, fb = b->held == b->total;
    if (fa != fb) return fa ? -1 : 1;
    return cmp_str0(a->object, b->object);
}

static void derive(HtmlOverview *h, const FindingList *fl, const char *root) {
    Arena *a = h->arena;
    /* the threads: one per routine and spawn site seen in an access */
    VEC(ReportThread) threads = {0};
    StrMap seen;
    strmap_init(&seen);
    for (size_t i = 0; i < fl->items.len; i++) {
        const Finding *f = &fl->items.data[i];
        for (size_t k = 0; k < f->nevidence; k++) {
            const Evidence *e = &f->evidence[k];
            char *key = thread_key(e->thread_routine, &e->spawn, root);
            bool ins;
            strmap_slot(&seen, arena_strdup(a, key), &ins);
            free(key);
            if (ins)
                vec_push(&threads, ((ReportThread){e->thread_routine, e->spawn.line ? e->spawn : (SrcLoc){NULL, 0, 0},
                                                   -1, e->many, false, false}));
        }
    }
    strmap_free(&seen);
    if (threads.len) qsort(threads.data, threads.len, sizeof *threads.data, cmp_thread);
    ReportThread *ts = ARENA_ARRAY(a, ReportThread, threads.len ? threads.len : 1);
    if (threads.len) memcpy(ts, threads.data, threads.len * sizeof *ts);
    h->ov.threads = ts;
    h->ov.nthreads = threads.len;
    vec_free(&threads);

    /* the locks: over the accesses of the data-race findings of each object */
    StrMap totals, held; /* object -> accesses; "lock\x1fobject" -> accesses holding lock */
    strmap_init(&totals);
    strmap_init(&held);
    VEC(ReportGuard) guards = {0};
    for (size_t i = 0; i < fl->items.len; i++) {
        const Finding *f = &fl->items.data[i];
        if (strcmp(f->rule, "data-race") || !f->object) continue;
        bool ins;
        void **tot = strmap_slot(&totals, f->object, &ins);
        *tot = (void *)((uintptr_t)*tot + f->nevidence);
        for (size_t k = 0; k < f->nevidence; k++) {
            const Evidence *e = &f->evidence[k];
            for (size_t l = 0; l < e->nlocks; l++) {
                bool again = false;
                for (size_t m = 0; m < l && !again; m++) again = !strcmp(e->locks[m], e->locks[l]);
                if (again) continue;
                char *key = arena_printf(a, "%s\x1f%s", e->locks[l], f->object);
                void **slot = strmap_slot(&held, key, &ins);
                if (ins) vec_push(&guards, ((ReportGuard){e->locks[l], 0, f->object, NULL, f->decl, 0, 0}));
                *slot = (void *)((uintptr_t)*slot + 1);
            }
        }
    }
    for (size_t g = 0; g < guards.len; g++) {
        ReportGuard *r = &guards.data[g];
        char *key = xasprintf("%s\x1f%s", r->lock, r->object);
        r->held = (uint32_t)(uintptr_t)strmap_get(&held, key);
        r->total = (uint32_t)(uintptr_t)strmap_get(&totals, r->object);
        free(key);
    }
    /* as from the model (overview.c): held at half of the accesses at least */
    size_t kept = 0;
    for (size_t g = 0; g < guards.len; g++)
        if ((uint64_t)guards.data[g].held * 2 >= guards.data[g].total) guards.data[kept++] = guards.data[g];
    guards.len = kept;
    if (guards.len) qsort(guards.data, guards.len, sizeof *guards.data, cmp_guard);
    ReportGuard *gs = ARENA_ARRAY(a, ReportGuard, guards.len ? guards.len : 1);
    if (guards.len) memcpy(gs, guards.data, guards.len * sizeof *gs);
    h->ov.guards = gs;
    h->ov.nguards = guards.len;
    vec_free(&guards);
    strmap_free(&totals);
    strmap_free(&held);
}

void html_overview_init(HtmlOverview *h, const FindingList *fl, const ReportOptions *opt) {
    memset(h, 0, sizeof *h);
    h->arena = arena_new();
    if (opt->overview) {
        h->ov = *opt->overview;
        h->from_model = true;
    } else {
        derive(h, fl, opt->root);
    }
    match_findings(h, fl, opt->root);
}

void html_overview_free(HtmlOverview *h) {
    for (size_t t = 0; t < h->ov.nthreads; t++) vec_free(&h->findings[t]);
    free(h->findings);
    free(h->reported);
    arena_free(h->arena);
    memset(h, 0, sizeof *h);
}

/* ---- the SVG ------------------------------------------------------------------- */

/* Text for XML character data and attribute values, cut to max characters
 * (UTF-8 sequences kept whole) with an ellipsis. Returns the characters
 * written. */
static size_t put_xml(FILE *out, const char *s, size_t max) {
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if ((*p & 0xC0) != 0x80) {
            if (chars == max) {
                fputs("\xE2\x80\xA6", out);
                return chars + 1;
            }
            chars++;
        }
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if (*p < 0x20) fputc(' ', out);
            else fputc(*p, out);
        }
    }
    return chars;
}

static size_t utf8_len(const char *s) {
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) n += (*p & 0xC0) != 0x80;
    return n;
}

/* The two lines of a thread's box (malloc'd). */
static void thread_lines(const HtmlOverview *h, size_t t, const char *root, char **l1, char **l2) {
    const ReportThread *th = &h->ov.threads[t];
    *l1 = xasprintf("%s%s", th->routine ? th->routine : "?", th->many ? " (many instances)" : "");
    if (!th->spawn.line) {
        *l2 = xstrdup(!h->from_model                             ? "no spawn site"
                      : th->routine && !strcmp(th->routine, "main") ? "program entry"
                                                                     : "entry (--entry or library root)");
        return;
    }
    char rel[4096];
    const char *file = report_relpath(th->spawn.file, root, rel, sizeof rel);
    const char *slash = strrchr(file, '/');
    const char *how = !h->from_model ? "" : th->joined ? ", joined" : th->detached ? ", detached" : ", not joined";
    if (th->parent >= 0)
        *l2 = xasprintf("spawned at %s:%u by %s%s", slash ? slash + 1 : file, th->spawn.line,
                        h->ov.threads[th->parent].routine, how);
    else *l2 = xasprintf("spawned at %s:%u%s", slash ? slash + 1 : file, th->spawn.line, how);
}

/* Depth-first order from the roots (children in thread order); a thread
 * whose creators never reach a root is drawn as a root. */
static size_t tree_order(const ReportOverview *ov, size_t *order, size_t *depth) {
    size_t n = ov->nthreads, len = 0;
    size_t *first = xmalloc((n ? n : 1) * sizeof *first), *sib = xmalloc((n ? n : 1) * sizeof *sib);
    size_t *last = xmalloc((n ? n : 1) * sizeof *last);
    size_t *stack = xmalloc((n ? n : 1) * sizeof *stack);
    bool *done = xcalloc(n ? n : 1, 1);
    for (size_t t = 0; t < n; t++) first[t] = last[t] = sib[t] = SIZE_MAX;
    for (size_t t = 0; t < n; t++) {
        int32_t p = ov->threads[t].parent;
        if (p < 0 || (size_t)p >= n || (size_t)p == t) continue;
        if (first[p] == SIZE_MAX) first[p] = t;
        else sib[last[p]] = t;
        last[p] = t;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t r = 0; r < n; r++) {
            int32_t p = ov->threads[r].parent;
            bool is_root = p < 0 || (size_t)p >= n || (size_t)p == r;
            if (done[r] || (pass == 0 && !is_root)) continue;
            /* an explicit stack of (thread, depth) */
            size_t sp = 0;
            stack[sp++] = r;
            depth[r] = 0;
            while (sp) {
                size_t t = stack[--sp];
                if (done[t]) continue;
                done[t] = true;
                order[len++] = t;
                /* push the children in reverse so the first comes out first */
                size_t kids = 0;
                for (size_t c = first[t]; c != SIZE_MAX; c = sib[c]) kids += !done[c];
                size_t at = sp + kids;
                for (size_t c = first[t]; c != SIZE_MAX; c = sib[c])
                    if (!done[c]) {
                        stack[--at] = c;
                        depth[c] = depth[t] + 1;
                    }
                sp += kids;
            }
        }
    free(first);
    free(sib);
    free(last);
    free(stack);
    free(done);
    return len;
}

void html_write_thread_tree(FILE *out, const HtmlOverview *h, const char *root) {
    const ReportOverview *ov = &h->ov;
    size_t n = ov->nthreads;
    size_t *order = xmalloc((n ? n : 1) * sizeof *order), *depth = xcalloc(n ? n : 1, sizeof *depth);
    size_t *row = xmalloc((n ? n : 1) * sizeof *row);
    double *boxw = xmalloc((n ? n : 1) * sizeof *boxw);
    size_t len = tree_order(ov, order, depth);
    double width = 200;
    for (size_t r = 0; r < len; r++) {
        size_t t = order[r];
        row[t] = r;
        char *l1, *l2;
        thread_lines(h, t, root, &l1, &l2);
        size_t c1 = utf8_len(l1), c2 = utf8_len(l2), c = c1 > c2 ? c1 : c2;
        if (c > SVG_MAX_CHARS + 1) c = SVG_MAX_CHARS + 1;
        boxw[t] = c * SVG_CHAR_W + 20;
        double right = SVG_PAD + depth[t] * SVG_INDENT + boxw[t] + 8 + 12 * SVG_CHAR_W + 20;
        if (right > width) width = right;
        free(l1);
        free(l2);
    }
    double height = SVG_PAD * 2 + (len ? len * SVG_ROW - (SVG_ROW - SVG_BOX) : 0) + 6;
    fprintf(out, "<svg id=\"thread-tree\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                 "viewBox=\"0 0 %.0f %.0f\" role=\"group\" aria-labelledby=\"threads-title\" data-threads=\"%zu\">\n",
            width, height, width, height, len);
    /* the lines first, under the boxes */
    for (size_t r = 0; r < len; r++) {
        size_t t = order[r];
        int32_t p = ov->threads[t].parent;
        if (p < 0 || (size_t)p >= n || (size_t)p == t) continue;
        double px = SVG_PAD + depth[p] * SVG_INDENT + 14, py = SVG_PAD + row[p] * SVG_ROW + SVG_BOX;
        double cx = SVG_PAD + depth[t] * SVG_INDENT, cy = SVG_PAD + row[t] * SVG_ROW + SVG_BOX / 2.0;
        bool joined = ov->threads[t].joined;
        fprintf(out, "<path class=\"edge%s\" d=\"M%.1f %.1fV%.1fH%.1f\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"%s/>\n",
                joined ? " joined" : "", px, py, cy, cx, joined ? "#57606a" : "#8c959f",
                joined ? "" : " stroke-dasharray=\"5 4\"");
    }
    for (size_t r = 0; r < len; r++) {
        size_t t = order[r];
        const ReportThread *th = &ov->threads[t];
        double x = SVG_PAD + depth[t] * SVG_INDENT, y = SVG_PAD + row[t] * SVG_ROW;
        char *l1, *l2;
        thread_lines(h, t, root, &l1, &l2);
        size_t nf = h->reported[t];
        fprintf(out, "<g class=\"thread\" id=\"thread-%zu\" data-thread=\"%zu\" data-findings=\"%zu\" tabindex=\"0\" "
                     "role=\"button\" aria-pressed=\"false\" aria-label=\"",
                t, t, nf);
        put_xml(out, l1, SIZE_MAX);
        fputs(", ", out);
        put_xml(out, l2, SIZE_MAX);
        fprintf(out, ", %zu finding%s\">\n<title>", nf, nf == 1 ? "" : "s");
        put_xml(out, l1, SIZE_MAX);
        fputs("\n", out);
        put_xml(out, l2, SIZE_MAX);
        if (th->spawn.line) {
            char rel[4096];
            fputs("\n", out);
            put_xml(out, report_relpath(th->spawn.file, root, rel, sizeof rel), SIZE_MAX);
            fprintf(out, ":%u:%u", th->spawn.line, th->spawn.col);
        }
        fputs("</title>\n", out);
        if (th->many)
            for (int s = 2; s >= 1; s--)
                fprintf(out, "<rect class=\"stack\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" rx=\"5\" "
                             "fill=\"#f6f8fa\" stroke=\"#54aeff\"/>\n",
                        x + 4 * s, y + 4 * s, boxw[t], SVG_BOX);
        fprintf(out, "<rect class=\"box\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" rx=\"5\" fill=\"#daeeff\" "
                     "stroke=\"#0969da\"/>\n",
                x, y, boxw[t], SVG_BOX);
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"name\">", x + 10, y + 15);
        put_xml(out, l1, SVG_MAX_CHARS);
        fprintf(out, "</text>\n<text x=\"%.1f\" y=\"%.1f\" class=\"where\">", x + 10, y + 28);
        put_xml(out, l2, SVG_MAX_CHARS);
        fputs("</text>\n", out);
        if (nf) {
            double bx = x + boxw[t] + (th->many ? 16 : 8);
            char badge[32];
            snprintf(badge, sizeof badge, "%zu finding%s", nf, nf == 1 ? "" : "s");
            fprintf(out, "<rect class=\"badge\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" rx=\"9\" "
                         "fill=\"#ffebe9\" stroke=\"#cf222e\"/>\n<text x=\"%.1f\" y=\"%.1f\" class=\"count\">%s</text>\n",
                    bx, y + 7, strlen(badge) * SVG_CHAR_W + 14, bx + 7, y + 20, badge);
        }
        fputs("</g>\n", out);
        free(l1);
        free(l2);
    }
    fputs("</svg>\n", out);
    free(order);
    free(depth);
    free(row);
    free(boxw);
}

/* ---- the data ------------------------------------------------------------------ */

static cJSON *loc_json(const SrcLoc *l, const char *root) {
    if (!l->line || !l->file) return cJSON_CreateNull();
    char rel[4096];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", report_relpath(l->file, root, rel, sizeof rel));
    cJSON_AddNumberToObject(o, "line", l->line);
    cJSON_AddNumberToObject(o, "column", l->col);
    return o;
}

cJSON *html_overview_json(const HtmlOverview *h, const char *root) {
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "source", h->from_model ? "model" : "findings");
    cJSON *ts = cJSON_AddArrayToObject(o, "threads");
    for (size_t t = 0; t < h->ov.nthreads; t++) {
        const ReportThread *th = &h->ov.threads[t];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "routine", th->routine ? th->routine : "?");
        cJSON_AddItemToObject(j, "spawn", loc_json(&th->spawn, root));
        cJSON_AddNumberToObject(j, "parent", th->parent);
        cJSON_AddBoolToObject(j, "many", th->many);
        cJSON_AddBoolToObject(j, "joined", th->joined);
        cJSON_AddBoolToObject(j, "detached", th->detached);
        cJSON *fs = cJSON_AddArrayToObject(j, "findings");
        for (size_t k = 0; k < h->findings[t].len; k++)
            cJSON_AddItemToArray(fs, cJSON_CreateNumber((double)h->findings[t].data[k]));
        cJSON_AddItemToArray(ts, j);
    }
    cJSON *ls = cJSON_AddArrayToObject(o, "locks");
    for (size_t g = 0; g < h->ov.nguards; g++) {
        const ReportGuard *r = &h->ov.guards[g];
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "lock", r->lock ? r->lock : "?");
        cJSON_AddNumberToObject(j, "lock_id", r->lock_id);
        cJSON_AddStringToObject(j, "object", r->object ? r->object : "?");
        if (r->name) cJSON_AddStringToObject(j, "name", r->name);
        else cJSON_AddNullToObject(j, "name");
        cJSON_AddItemToObject(j, "decl", loc_json(&r->decl, root));
        cJSON_AddNumberToObject(j, "held", r->held);
        cJSON_AddNumberToObject(j, "total", r->total);
        cJSON_AddItemToArray(ls, j);
    }
    return o;
}
