/*
 * conditional_join_fixed.c - the thread is started and joined under the same
 * condition; main writes `shared` after the join. No race. racecheck does
 * not correlate the two conditions, so the thread may seem never joined: a
 * known false alarm (real-world triage, memcached's slab mover).
 */
#include <pthread.h>
#include <stdlib.h>
struct rebal { pthread_t tid; int run; };
struct settings { int reassign; struct rebal *rebal; } settings;
int shared;
static void *mover(void *p) { (void)p; shared++; return NULL; } // known-false-alarm: data-race 'shared'
static struct rebal *start(void) {
    struct rebal *t = calloc(1, sizeof *t);
    pthread_create(&t->tid, NULL, mover, t);
    return t;
}
static void stop(struct rebal *t) { pthread_join(t->tid, NULL); free(t); }
int main(int argc, char **argv) {
    settings.reassign = argc > 1;
    if (settings.reassign) settings.rebal = start();
    /* ... event loop ... */
    if (settings.reassign) stop(settings.rebal);
    shared = 0;                     /* after the join */
    return 0;
}
