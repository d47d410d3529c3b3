// expect-no-findings
/*
 * launch_stack_capsule_fixed.c - a launcher whose capsule is a local struct
 * passed by address: the trampoline copies the routine and its argument to
 * locals, tells the launcher it may return (a semaphore in the capsule),
 * then calls fn(arg). The handle is the caller's (`spawn(&t, ..)`).
 *
 * Each spawn() call is a spawn site of its own (t1: bump_a, t2: bump_b),
 * joined by pthread_join of its handle before main reads. No race. (Before,
 * the one spawn inside spawn() stored into *t, which points to t1 or t2, so
 * neither join ended it, and both routines were one thread.)
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
static void bump_b(void *p) { (void)p; b++; }

int main(void)
{
    pthread_t t1, t2;
    if (spawn(&t1, bump_a, NULL) || spawn(&t2, bump_b, NULL))
        return 1;
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return a + b;
}
