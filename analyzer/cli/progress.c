/*
 * progress.c - the progress line on standard error: while parsing, the units
 * done out of all and the last one finished; then each whole-program stage
 * by name (model_stages, model/stages.c) and the checks. Only when standard
 * error is a terminal and not under -q: a pipe, a file or a CI log gets
 * nothing. The line is rewritten in place (carriage return, erase to the end
 * of the line), cut to the terminal's width so it never wraps, and erased
 * before anything else is printed.
 */
#include "progress.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

void cli_progress_init(CliProgress *p, bool quiet) {
    memset(p, 0, sizeof *p);
    const char *term = getenv("TERM");
    p->on = !quiet && isatty(STDERR_FILENO) && !(term && !strcmp(term, "dumb"));
    pthread_mutex_init(&p->mu, NULL);
    struct winsize ws;
    p->width = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20 ? ws.ws_col : 80;
}

void cli_progress_free(CliProgress *p) {
    cli_progress_clear(p);
    pthread_mutex_destroy(&p->mu);
}

/* Replace the line with fmt..., cut to the terminal's width. Locked. */
static void show(CliProgress *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void show(CliProgress *p, const char *fmt, ...) {
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    size_t max = p->width - 1 < sizeof line ? p->width - 1 : sizeof line - 1;
    if (strlen(line) > max) line[max] = 0;
    fprintf(stderr, "\r\033[K%s", line);
    fflush(stderr);
    p->shown = true;
}

void cli_progress_units(void *ctx, size_t done, size_t total, const char *file) {
    CliProgress *p = ctx;
    if (!p->on) return;
    pthread_mutex_lock(&p->mu);
    const char *base = strrchr(file, '/');
    show(p, "racecheck: parsing [%zu/%zu] %s", done, total, base ? base + 1 : file);
    pthread_mutex_unlock(&p->mu);
}

void cli_progress_stage(void *ctx, const char *stage, size_t index, size_t nstages) {
    CliProgress *p = ctx;
    if (!p->on) return;
    pthread_mutex_lock(&p->mu);
    show(p, "racecheck: whole program [%zu/%zu] %s", index + 1, nstages, stage);
    pthread_mutex_unlock(&p->mu);
}

void cli_progress_step(CliProgress *p, const char *what) {
    if (!p->on) return;
    pthread_mutex_lock(&p->mu);
    show(p, "racecheck: %s", what);
    pthread_mutex_unlock(&p->mu);
}

void cli_progress_clear(CliProgress *p) {
    if (!p->on) return;
    pthread_mutex_lock(&p->mu);
    if (p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        p->shown = false;
    }
    pthread_mutex_unlock(&p->mu);
}
