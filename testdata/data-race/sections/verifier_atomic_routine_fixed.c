// expect-no-findings
/*
 * verifier_atomic_routine_fixed.c - the thread routine itself is a
 * __VERIFIER_atomic_ function (started by pthread_create, not called), and
 * main updates the same state in a __VERIFIER_atomic_begin/end section.
 *
 * The routine's whole body is atomic, main's section too: the two never
 * overlap. No finding.
 */
#include <pthread.h>
#include <stdio.h>

extern void __VERIFIER_atomic_begin(void);
extern void __VERIFIER_atomic_end(void);

static int balance = 100;
static int withdrawn;

void *__VERIFIER_atomic_withdraw(void *arg)
{
    int amount = *(int *)arg;
    if (balance >= amount) {
        balance -= amount;
        withdrawn += amount;
    }
    return NULL;
}

int main(void)
{
    static int amounts[2] = {30, 50};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, __VERIFIER_atomic_withdraw, &amounts[i]);
    __VERIFIER_atomic_begin();
    balance += 10;
    __VERIFIER_atomic_end();
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("%d %d\n", balance, withdrawn);
    return 0;
}
