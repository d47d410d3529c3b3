/* The worker routine: bumps the shared counter through the header helper. */
#include <stddef.h>

#include "counter.h"

void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 100; i++) bump();
    return NULL;
}
