/*
 * av_builtins_racy.c - GCC builtins used as two steps: __atomic_load_n then
 * __atomic_store_n of a value computed from it (a reference count), and
 * the generic __atomic_load / __atomic_store through a local; a flag
 * tested with __atomic_load_n and cleared with __sync_lock_release (a set
 * by another connection between the test and the clear is lost).
 */
#include <pthread.h>
#include <stdio.h>

static int refs = 1;
static unsigned long bytes;
static int pending;

static void *conn(void *arg) {
    unsigned long n = (unsigned long)arg;
    int r = __atomic_load_n(&refs, __ATOMIC_ACQUIRE); // expect: atomicity-violation 'refs'
    __atomic_store_n(&refs, r + 1, __ATOMIC_RELEASE);
    unsigned long b;
    __atomic_load(&bytes, &b, __ATOMIC_RELAXED); // expect: atomicity-violation 'bytes'
    b += n;
    __atomic_store(&bytes, &b, __ATOMIC_RELAXED);
    __sync_lock_test_and_set(&pending, 1);
    if (__atomic_load_n(&pending, __ATOMIC_ACQUIRE) == 1) // expect: atomicity-violation 'pending'
        __sync_lock_release(&pending);
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, conn, (void *)(unsigned long)(i + 10));
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    printf("%d %lu\n", refs, bytes);
    return 0;
}
