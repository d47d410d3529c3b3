// expect-no-findings
/*
 * function_pointer_fixed.c - as function_pointer_racy.c, but the handler
 * called through s->op takes a mutex around its update.
 *
 * count_event, reached through the function pointer, holds events_lock for
 * every write of events. No finding.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 1000

struct sink {
    const char *name;
    void (*op)(int value);
};

static pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;
static long events;

static void count_event(int value)
{
    (void)value;
    pthread_mutex_lock(&events_lock);
    events++;
    pthread_mutex_unlock(&events_lock);
}

static struct sink sink = { "counter", count_event };

static void *worker(void *arg)
{
    struct sink *s = arg;

    for (int k = 0; k < ROUNDS; k++)
        s->op(k);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    int i;

    for (i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, &sink);
    for (i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    printf("%s: %ld events\n", sink.name, events);
    return 0;
}
