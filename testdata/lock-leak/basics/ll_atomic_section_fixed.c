// expect-no-findings
/*
 * ll_atomic_section_fixed.c - as ll_atomic_section_racy.c, but the error
 * path closes the atomic section before returning; a nested section in a
 * helper is closed by the helper.
 */
#include <pthread.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);

static long balance = 100;
static long refused;

static void note_refusal(void) {
    __VERIFIER_atomic_begin();
    refused++;
    __VERIFIER_atomic_end();
}

static int withdraw(long amount) {
    __VERIFIER_atomic_begin();
    if (amount > balance) {
        note_refusal();
        __VERIFIER_atomic_end();
        return -1;
    }
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
