/* main.c - the IR cache's test program (tools/cache_test.sh): three units,
 * two headers, two races (hits.n through a header function, total). */
#include <pthread.h>
#include <stdio.h>

#include "shared.h"
#include "stats.h"

struct counter hits;

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    bump(&hits);
    stats_add(1);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    printf("%d %d\n", hits.n, stats_total());
    return 0;
}
