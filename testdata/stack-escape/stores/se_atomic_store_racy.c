/*
 * se_atomic_store_racy.c - the address of a local published through an
 * atomic pointer: `atomic_store(&current, &cfg)` and an exchange of
 * another local's address into `backup`, left there when the functions
 * return; a reader thread dereferences both.
 *
 * TRUTH: the reader may use a dead frame (the locals' lifetimes end at the
 * returns); atomics order the accesses, they do not extend lifetimes.
 */
#include <pthread.h>
#include <stdatomic.h>

static int fallback = 1;
static int *_Atomic current = &fallback;
static int *_Atomic backup = &fallback;

static void publish(void)
{
    int cfg = 2;
    atomic_store(&current, &cfg); // expect: stack-escape 'cfg'
}

static void swap_in(void)
{
    int spare = 3;
    int *old = atomic_exchange(&backup, &spare); // expect: stack-escape 'spare'
    (void)old;
}

static void *reader(void *arg)
{
    return (void *)(long)(*atomic_load(&current) + *atomic_load(&backup) + (arg != 0));
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, reader, NULL);
    publish();
    swap_in();
    pthread_join(t, NULL);
    return 0;
}
