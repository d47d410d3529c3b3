/* worker.c - the thread routine; includes shared.h only. */
#include "shared.h"

void stats_add(int v);

void *worker(void *arg) {
    (void)arg;
    bump(&hits);
    stats_add(2);
    return 0;
}
