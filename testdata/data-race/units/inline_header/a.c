/* main bumps the counter while the workers (b.c) bump it too: racy. */
#include <pthread.h>
#include <stdio.h>

#include "counter.h"

long shared_count;

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    bump();
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    printf("%ld\n", shared_count);
    return 0;
}
