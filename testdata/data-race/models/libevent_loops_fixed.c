// expect-no-findings
/*
 * libevent_loops_fixed.c - a memcached-shaped server: each worker thread
 * runs its own event base; main registers each worker's notify event on
 * that worker's base (event_set + event_base_set) and runs its own base,
 * whose accept callback counts connections. The callbacks run in the
 * thread running the loop their event is attached to: on_notify in the
 * workers (many instances: `served` is under a mutex), on_accept only in
 * main (`accepted` needs no lock). Were every callback run by every loop,
 * the workers would run on_accept and race with main on `accepted`.
 */
#include <event.h>
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 4

struct worker {
    pthread_t tid;
    struct event_base *base;
    struct event notify;
    int fd;
};

static struct worker workers[NWORKERS];
static pthread_mutex_t served_lock = PTHREAD_MUTEX_INITIALIZER;
static long served;
static long accepted;

static void on_notify(evutil_socket_t fd, short what, void *arg)
{
    struct worker *w = arg;
    (void)fd;
    (void)what;
    pthread_mutex_lock(&served_lock);
    served++;
    pthread_mutex_unlock(&served_lock);
    (void)w;
}

static void on_accept(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
    accepted++;
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    event_base_loop(w->base, 0);
    return NULL;
}

int main(void)
{
    struct event_base *main_base = event_base_new();
    struct event listen_ev;
    for (int i = 0; i < NWORKERS; i++) {
        workers[i].base = event_base_new();
        workers[i].fd = i + 3;
        event_set(&workers[i].notify, workers[i].fd, EV_READ | EV_PERSIST, on_notify, &workers[i]);
        event_base_set(workers[i].base, &workers[i].notify);
        event_add(&workers[i].notify, NULL);
    }
    for (int i = 0; i < NWORKERS; i++) pthread_create(&workers[i].tid, NULL, worker_main, &workers[i]);
    event_set(&listen_ev, 3, EV_READ | EV_PERSIST, on_accept, NULL);
    event_base_set(main_base, &listen_ev);
    event_add(&listen_ev, NULL);
    event_base_loop(main_base, 0);
    printf("%ld\n", accepted);
    return 0;
}
