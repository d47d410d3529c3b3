/* worker.c - takes jobs; counts them without the lock. */
#include "queue.h"

extern int processed;

void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 8; i++) {
        int v = queue_pop(&jobs);
        if (v < 0) continue;
        processed++; // expect: data-race 'processed'
        stats_add(v);
        legacy_note(v);
    }
    return 0;
}
