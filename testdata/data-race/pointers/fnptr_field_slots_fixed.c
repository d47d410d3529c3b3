// expect-no-findings
/*
 * fnptr_field_slots_fixed.c - calls through struct fields whose pointers
 * come out of a generic registry (`void *registry[]`: its elements are one
 * location, so a pointer read from it may point to the timer and to the
 * event, and `e->handler` to both objects' handlers). A field is named in
 * the source: a call through `handler` at offset 0 (struct event's) can
 * only reach what is ever stored into such a field - here on_event, set
 * through a setter (set_handler's unchanged parameter, called directly
 * with it) - and not the timer's tick (struct timer's `handler`, at
 * another offset) nor the event's own `close` (another name).
 *
 * TRUTH: no race. `ticks` is only touched by main (tick runs from main's
 * timer call), `events` only by the worker (on_event runs from the
 * worker's event call), `closed` only by main.
 */
#include <pthread.h>
#include <stdio.h>

struct timer {
    long period;
    void (*handler)(void *);
};

struct event {
    void (*handler)(void *);
    void (*close)(void *);
    int fd;
};

static long ticks, events, closed;
static void *registry[2];

static void tick(void *arg)
{
    (void)arg;
    ticks++;
}

static void on_event(void *arg)
{
    (void)arg;
    events++;
}

static void on_close(void *arg)
{
    (void)arg;
    closed++;
}

static void set_handler(struct event *e, void (*h)(void *))
{
    e->handler = h;
}

static struct timer timer = {1000, tick};
static struct event event;

static void *worker(void *arg)
{
    struct event *e = registry[1];
    for (int i = 0; i < 4; i++)
        e->handler(e);
    return arg;
}

int main(void)
{
    pthread_t t;
    set_handler(&event, on_event);
    event.close = on_close;
    registry[0] = &timer;
    registry[1] = &event;
    pthread_create(&t, NULL, worker, NULL);
    struct timer *tm = registry[0];
    tm->handler(tm);
    struct event *ev = registry[1];
    ev->close(ev);
    pthread_join(t, NULL);
    printf("%ld %ld %ld\n", ticks, events, closed);
    return 0;
}
