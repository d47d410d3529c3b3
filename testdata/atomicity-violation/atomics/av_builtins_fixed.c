// expect-no-findings
/*
 * av_builtins_fixed.c - av_builtins_racy.c with one read-modify-write per
 * update: __sync_fetch_and_add and __atomic_add_fetch; a compare-and-swap
 * loop (__sync_val_compare_and_swap) for a maximum.
 */
#include <pthread.h>
#include <stdio.h>

static int refs = 1;
static unsigned long bytes;
static unsigned long peak;

static void *conn(void *arg) {
    unsigned long n = (unsigned long)arg;
    __sync_fetch_and_add(&refs, 1);
    __atomic_add_fetch(&bytes, n, __ATOMIC_RELAXED);
    unsigned long old = __atomic_load_n(&peak, __ATOMIC_RELAXED);
    while (n > old) {
        unsigned long seen = __sync_val_compare_and_swap(&peak, old, n);
        if (seen == old) break;
        old = seen;
    }
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, conn, (void *)(unsigned long)(i + 10));
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    printf("%d %lu %lu\n", refs, bytes, peak);
    return 0;
}
