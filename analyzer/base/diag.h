/*
 * diag.h - the diagnostics sink: what racecheck could not fully analyse
 * (a unit that failed to parse, a bad compile database entry, a malformed
 * rules file). Diagnostics are about racecheck's view of the input; findings
 * (finding.h) are about the user's code. Any thread may report; only the CLI
 * prints. Thread-safe.
 */
#ifndef RACECHECK_DIAG_H
#define RACECHECK_DIAG_H

#include <pthread.h>
#include <stddef.h>

typedef enum { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR } DiagLevel;

typedef struct Diag {
    DiagLevel level;
    char *file;    /* may be NULL */
    unsigned line, col;
    char *message; /* one line, no trailing newline */
    unsigned seq;  /* order of arrival, ties broken by it */
} Diag;

typedef struct DiagSink {
    pthread_mutex_t mu;
    Diag *items;
    size_t len, cap;
    unsigned errors;
} DiagSink;

void diag_init(DiagSink *s);
void diag_free(DiagSink *s);
/* Record one diagnostic; file may be NULL, line/col 0 when unknown. */
void diag_report(DiagSink *s, DiagLevel level, const char *file, unsigned line, unsigned col,
                 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Number of DIAG_ERROR diagnostics so far. */
unsigned diag_error_count(DiagSink *s);
/* Sort by (file, line, col, seq) for deterministic printing. Call once no
 * other thread reports any more. */
void diag_sort(DiagSink *s);
const char *diag_level_name(DiagLevel l);

#endif
