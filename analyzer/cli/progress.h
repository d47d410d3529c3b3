/* progress.h - the progress line on standard error (progress.c). */
#ifndef RACECHECK_CLI_PROGRESS_H
#define RACECHECK_CLI_PROGRESS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

typedef struct CliProgress {
    bool on;        /* standard error is a terminal, not -q, TERM is not dumb */
    bool shown;     /* a line is on the screen */
    size_t width;   /* the terminal's columns */
    pthread_mutex_t mu;
} CliProgress;

/* Decide whether to show progress at all (quiet: -q). */
void cli_progress_init(CliProgress *p, bool quiet);
/* Erase the line, release p. */
void cli_progress_free(CliProgress *p);
/* An FeProgress callback (ctx: the CliProgress): a unit finished. Any thread. */
void cli_progress_units(void *ctx, size_t done, size_t total, const char *file);
/* ModelOptions.on_stage (ctx: the CliProgress): a whole-program stage starts. */
void cli_progress_stage(void *ctx, const char *stage, size_t index, size_t nstages);
/* A step after the model ("checks"). */
void cli_progress_step(CliProgress *p, const char *what);
/* Erase the line before other output goes to standard error. */
void cli_progress_clear(CliProgress *p);

#endif
