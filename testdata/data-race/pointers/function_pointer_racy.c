/*
 * function_pointer_racy.c - workers report events through a handler stored in
 * a global struct: the routine calls s->op(...), and the op writes a global
 * counter without a lock.
 *
 * The call through s->op resolves (points-to on the global `sink`, whose op
 * field is initialised to count_event) to count_event, which every worker
 * instance therefore runs: its unlocked writes race with each other. The
 * writes in count_event are the primary location.
 */
#include <pthread.h>
#include <stdio.h>

#define N 4
#define ROUNDS 1000

struct sink {
    const char *name;
    void (*op)(int value);
};

static long events;

static void count_event(int value)
{
    (void)value;
    events++; // expect: data-race 'events'
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
