/*
 * tuc_startup_fixed.c - main parses its configuration (strtok, getenv
 * after a setenv) and only then starts the pool through helpers:
 * main -> start() -> start_pool() -> pthread_create. The workers use the
 * reentrant calls.
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NWORKERS 3

static pthread_t workers[NWORKERS];
static int nthreads = NWORKERS;

static void parse_config(char *text) {
    for (char *w = strtok(text, ","); w; w = strtok(NULL, ",")) puts(w);
    setenv("POOL", "on", 1);
}

static void *worker(void *arg) {
    char line[32], *save = NULL;
    snprintf(line, sizeof line, "%s", (const char *)arg);
    for (char *w = strtok_r(line, ",", &save); w; w = strtok_r(NULL, ",", &save)) puts(w);
    return NULL;
}

static void start_pool(void) {
    for (int i = 0; i < nthreads; i++) pthread_create(&workers[i], NULL, worker, "a,b");
}

static void start(char *text) {
    parse_config(text);
    if (getenv("POOL")) start_pool();
}

int main(void) {
    char cfg[] = "x,y";
    start(cfg);
    for (int i = 0; i < nthreads; i++) pthread_join(workers[i], NULL);
    return 0;
}
