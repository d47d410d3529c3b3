/*
 * dl_fnptr_racy.c - an event bus calls its handlers through function
 * pointers with the bus lock held; one handler takes the bus lock again.
 */
#include <pthread.h>

typedef void (*handler_fn)(int);
static pthread_mutex_t bus_lock = PTHREAD_MUTEX_INITIALIZER;
static long delivered, resubscribed;

static void on_count(int ev) { delivered += ev; }

static void on_resubscribe(int ev) {
    pthread_mutex_lock(&bus_lock);
    resubscribed += ev;
    pthread_mutex_unlock(&bus_lock);
}

static handler_fn handlers[2] = {on_count, on_resubscribe};

static void *dispatcher(void *arg) {
    int ev = (int)(long)arg;
    pthread_mutex_lock(&bus_lock);
    handlers[ev & 1](ev); // expect: double-lock 'bus_lock'
    pthread_mutex_unlock(&bus_lock);
    return NULL;
}

int main(void) {
    pthread_t t[2];
    for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, dispatcher, (void *)i);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return (int)(delivered + resubscribed);
}
