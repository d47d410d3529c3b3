// expect-no-findings
/*
 * dl_fnptr_fixed.c - dl_fnptr_racy.c fixed: the handlers run after the bus
 * lock is released, each taking the lock it needs.
 */
#include <pthread.h>

typedef void (*handler_fn)(int);
static pthread_mutex_t bus_lock = PTHREAD_MUTEX_INITIALIZER;
static long delivered, resubscribed, pending;

static void on_count(int ev) {
    pthread_mutex_lock(&bus_lock);
    delivered += ev;
    pthread_mutex_unlock(&bus_lock);
}

static void on_resubscribe(int ev) {
    pthread_mutex_lock(&bus_lock);
    resubscribed += ev;
    pthread_mutex_unlock(&bus_lock);
}

static handler_fn handlers[2] = {on_count, on_resubscribe};

static void *dispatcher(void *arg) {
    int ev = (int)(long)arg;
    pthread_mutex_lock(&bus_lock);
    pending++;
    pthread_mutex_unlock(&bus_lock);
    for (int i = 0; i < 2; i++) handlers[i](ev);
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, dispatcher, (void *)i);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return (int)(delivered + resubscribed + pending);
}
