/*
 * launch_stack_capsule_racy.c - launch_stack_capsule_fixed.c where main
 * reads `b` after joining only t1: bump_b, the thread of the second spawn()
 * call, may still be incrementing it.
 */
#include <pthread.h>
#include <semaphore.h>

struct start {
    void (*fn)(void *);
    void *arg;
    sem_t ready;
};

static void *trampoline(void *p)
{
    struct start *s = p;
    void (*fn)(void *) = s->fn;
    void *arg = s->arg;
    sem_post(&s->ready);
    fn(arg);
    return NULL;
}

static int spawn(pthread_t *t, void (*fn)(void *), void *arg)
{
    struct start s;
    s.fn = fn;
    s.arg = arg;
    sem_init(&s.ready, 0, 0);
    int rc = pthread_create(t, NULL, trampoline, &s);
    if (rc == 0)
        sem_wait(&s.ready);
    sem_destroy(&s.ready);
    return rc;
}

static int a, b;

static void bump_a(void *p) { (void)p; a++; }
static void bump_b(void *p) { (void)p; b++; } // expect: data-race 'b'

int main(void)
{
    pthread_t t1, t2;
    if (spawn(&t1, bump_a, NULL) || spawn(&t2, bump_b, NULL))
        return 1;
    pthread_join(t1, NULL);
    int seen = a + b;
    pthread_join(t2, NULL);
    return seen;
}
