/*
 * finding.h - the finding record: what a check says about the user's code.
 * Plain data, produced by checks/, read by report/ and the verify mode. Every
 * string is owned by the FindingList's arena.
 */
#ifndef RACECHECK_FINDING_H
#define RACECHECK_FINDING_H

#include "base.h"

typedef enum { SEV_NOTE, SEV_WARNING, SEV_ERROR } Severity;

typedef struct SrcLoc {
    const char *file; /* as given to the compiler; report/ makes it relative */
    unsigned line, col;
} SrcLoc;

/* One piece of evidence: a conflicting access with its thread and locks. */
typedef struct Evidence {
    SrcLoc loc;
    const char *kind;      /* "write", "read", "atomic write", "atomic read" */
    const char *function;  /* enclosing function */
    SrcLoc function_decl;  /* where that function is defined (its name) */
    const char *thread_routine; /* the thread's start routine ("main" for the main thread);
                                   emitters spell the thread with report_thread_label */
    SrcLoc spawn;          /* where that thread was created; line 0 for main/entry */
    bool many;             /* the thread has many instances */
    const char **locks;    /* locks surely held, by source name */
    size_t nlocks;
} Evidence;

typedef struct Finding {
    const char *rule;      /* kebab-case rule name, e.g. "data-race" */
    Severity severity;
    const char *message;   /* one line: "data race on 'hits'" */
    const char *object;    /* the location as the programmer wrote it: "pool->hits" */
    SrcLoc loc;            /* primary location (see docs/testing.md) */
    SrcLoc decl;           /* declaration of the variable the object is rooted at; line 0 when
                              none (heap objects) - for declaration-level suppressions */
    Evidence *evidence;
    size_t nevidence;
    const char *explain;   /* one sentence in borrow-checker terms */
    const char *help;      /* smallest fix */
    const char *fingerprint; /* stable hex id, free of line numbers */
    const char *triage;    /* triage status from the findings database
                              ("confirmed", "false-positive", ...), NULL if none */
} Finding;

/* What the model believes at a call to a debug intrinsic (racecheck_pts,
 * racecheck_locks, racecheck_threads; docs/testing.md). */
typedef struct DebugNote {
    SrcLoc loc;
    const char *text; /* "pts {a, b}", "locks {m}", "thread worker* live {}" */
} DebugNote;

typedef struct FindingList {
    Arena *arena;
    VEC(Finding) items;
} FindingList;

/* Order of source locations: file path, then line, then column. */
int srcloc_cmp(const SrcLoc *a, const SrcLoc *b);

void findings_init(FindingList *fl);
void findings_free(FindingList *fl);
/* Sort by (file, line, col, rule, object) so output is deterministic. */
void findings_sort(FindingList *fl);
const char *severity_name(Severity s);

#endif
