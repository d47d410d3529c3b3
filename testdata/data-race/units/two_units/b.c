/*
 * b.c - the worker of this folder's two-unit race: it increments the global
 * `total` of a.c with no lock. Its writes are involved in the race but they
 * are not its primary location: that is main's write in a.c, first in
 * (file path, line, column) order. See a.c for the expectation.
 */
#include <stddef.h>

#include "shared.h"

void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < ROUNDS; k++)
        total++;
    return NULL;
}
