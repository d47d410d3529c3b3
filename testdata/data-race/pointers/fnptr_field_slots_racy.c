/*
 * fnptr_field_slots_racy.c - the registry of fnptr_field_slots_fixed.c,
 * but struct event's `handler` is also given tick (through the setter),
 * and a second field kind, `done`, is stored through a pointer to it
 * (`*slot = h`), so its stores cannot all be seen. A call through a field
 * reaches what the field is ever given: the worker's event call may run
 * tick, and a call through `done` reaches whatever its points-to set says.
 *
 * TRUTH: racy. The worker may run tick (the second event's handler) while
 * main runs it through the timer; the worker's `done` call runs finish,
 * which main also runs.
 */
#include <pthread.h>
#include <stdio.h>

struct timer {
    long period;
    void (*handler)(void *);
};

struct event {
    void (*handler)(void *);
    void (*done)(void *);
    int fd;
};

static long ticks, finished;
static void *registry[3];

static void tick(void *arg)
{
    (void)arg;
    ticks++; // expect: data-race 'ticks'
}

static void finish(void *arg)
{
    (void)arg;
    finished++; // expect: data-race 'finished'
}

static void set_handler(struct event *e, void (*h)(void *))
{
    e->handler = h;
}

static void set_done(struct event *e, void (*h)(void *))
{
    void (**slot)(void *) = &e->done;
    *slot = h;
}

static struct timer timer = {1000, tick};
static struct event event, again;

static void *worker(void *arg)
{
    struct event *e = registry[2];
    e->handler(e);
    e->done(e);
    return arg;
}

int main(void)
{
    pthread_t t;
    set_handler(&event, tick);
    set_handler(&again, tick);
    set_done(&again, finish);
    registry[0] = &timer;
    registry[1] = &event;
    registry[2] = &again;
    pthread_create(&t, NULL, worker, NULL);
    struct timer *tm = registry[0];
    tm->handler(tm);
    finish(NULL);
    pthread_join(t, NULL);
    printf("%ld %ld\n", ticks, finished);
    return 0;
}
