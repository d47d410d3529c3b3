/* diag.c - thread-safe diagnostics sink; see diag.h. */
#include "diag.h"

#include "base.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diag_init(DiagSink *s) {
    memset(s, 0, sizeof(*s));
    pthread_mutex_init(&s->mu, NULL);
}

void diag_free(DiagSink *s) {
    for (size_t i = 0; i < s->len; i++) {
        free(s->items[i].file);
        free(s->items[i].message);
    }
    free(s->items);
    pthread_mutex_destroy(&s->mu);
}

void diag_report(DiagSink *s, DiagLevel level, const char *file, unsigned line, unsigned col,
                 const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char buf[2048];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '\r') *p = ' ';
    pthread_mutex_lock(&s->mu);
    if (s->len == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->items = xrealloc(s->items, s->cap * sizeof(Diag));
    }
    Diag *d = &s->items[s->len];
    d->level = level;
    d->file = file ? xstrdup(file) : NULL;
    d->line = line;
    d->col = col;
    d->message = xstrdup(buf);
    d->seq = (unsigned)s->len;
    s->len++;
    if (level == DIAG_ERROR) s->errors++;
    pthread_mutex_unlock(&s->mu);
}

unsigned diag_error_count(DiagSink *s) {
    pthread_mutex_lock(&s->mu);
    unsigned n = s->errors;
    pthread_mutex_unlock(&s->mu);
    return n;
}

static int diag_cmp(const void *a, const void *b) {
    const Diag *x = a, *y = b;
    int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");
    if (c) return c;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    /* not the order of reporting: parsing threads report in any order */
    if (x->level != y->level) return x->level > y->level ? -1 : 1;
    if ((c = strcmp(x->message ? x->message : "", y->message ? y->message : ""))) return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void diag_sort(DiagSink *s) {
    pthread_mutex_lock(&s->mu);
    if (s->len > 1) qsort(s->items, s->len, sizeof(Diag), diag_cmp);
    pthread_mutex_unlock(&s->mu);
}

const char *diag_level_name(DiagLevel l) {
    switch (l) {
    case DIAG_NOTE: return "note";
    case DIAG_WARNING: return "warning";
    default: return "error";
    }
}
