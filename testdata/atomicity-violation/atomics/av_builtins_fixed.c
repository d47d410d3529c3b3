// expect-no-findings
/*
 * av_builtins_fixed.c - av_builtins_racy.c with one read-modify-write per
 * update: __sync_fetch_and_add and __atomic_add_fetch; a compare-and-swap
 * loop (__sync_val_compare_and_swap) for a maximum; the flag cleared by
 * a compare-and-swap from the value tested (__sync_bool_compare_and_swap).
 */
#include <pthread.h>
#include <stdio.h>

static int refs = 1;
static unsigned long bytes;
static unsigned long peak;
static int pending;

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
    __sync_lock_test_and_set(&pending, 1);
    if (__atomic_load_n(&pending, __ATOMIC_ACQUIRE) == 1) __sync_bool_compare_and_swap(&pending, 1, 0);
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, conn, (void *)(unsigned long)(i + 10));
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    printf("%d %lu %lu\n", refs, bytes, peak);
    return 0;
}
