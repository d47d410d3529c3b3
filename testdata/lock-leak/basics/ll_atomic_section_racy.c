/*
 * ll_atomic_section_racy.c - an atomic section (the verification-benchmark
 * convention) left open on an error path: the early return skips
 * __VERIFIER_atomic_end, so the caller runs on inside the section and no
 * other thread's section can start. Atomic sections are one program-wide
 * pseudo-lock, named 'atomic section' in findings.
 */
#include <pthread.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);

static long balance = 100;

static int withdraw(long amount) {
    __VERIFIER_atomic_begin();
    if (amount > balance)
        return -1; // expect: lock-leak 'atomic section'
    balance -= amount;
    __VERIFIER_atomic_end();
    return 0;
}

static void *client(void *arg) {
    return (void *)(long)withdraw((long)arg);
}

int main(void) {
    pthread_t t[2];
    pthread_create(&t[0], NULL, client, (void *)30L);
    pthread_create(&t[1], NULL, client, (void *)200L);
    pthread_join(t[0], NULL);
    pthread_join(t[1], NULL);
    return 0;
}
