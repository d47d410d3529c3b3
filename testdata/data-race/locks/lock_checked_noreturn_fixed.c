// expect-no-findings
/*
 * lock_checked_noreturn_fixed.c - lock wrappers that check the result and
 * end the program on failure (pigz's yarn possess(), many servers' fatal()):
 * the failure branch never reaches the code after it, so the lock is held
 * there on every path that continues. Three ways to not return: a function
 * whose every path ends in exit() (no attribute: racecheck infers it), one
 * declared `_Noreturn`, one `__attribute__((noreturn))` and defined in
 * another unit (only its declaration is seen).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long a, b, c;

static void fail(int err, const char *what)
{
    fprintf(stderr, "%s: error %d\n", what, err);
    exit(err);
}

_Noreturn static void die(const char *what)
{
    fprintf(stderr, "%s\n", what);
    abort();
}

void fatal(const char *fmt, ...) __attribute__((noreturn));

static void possess(pthread_mutex_t *m)
{
    int ret = pthread_mutex_lock(m);
    if (ret)
        fail(ret, "mutex_lock");
}

static void *worker(void *arg)
{
    (void)arg;
    possess(&mu);
    a++;
    pthread_mutex_unlock(&mu);

    if (pthread_mutex_lock(&mu) != 0)
        die("lock");
    b++;
    pthread_mutex_unlock(&mu);

    if (pthread_mutex_lock(&mu) != 0)
        fatal("lock");
    c++;
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    pthread_t t[2];

    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    printf("%ld %ld %ld\n", a, b, c);
    return 0;
}
