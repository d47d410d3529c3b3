/* shared.h - included by main.c and worker.c, not by stats.c: editing it
 * must re-parse exactly those two units (tools/cache_test.sh). */
#ifndef SHARED_H
#define SHARED_H

struct counter {
    int n;
};
extern struct counter hits;

/* defined in a header: lowered by every unit that includes it when the
 * cache is on (linking keeps one definition) */
static inline void bump(struct counter *c) {
    c->n++;
}

void *worker(void *arg);

#endif
