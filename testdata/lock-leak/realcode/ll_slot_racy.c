/*
 * ll_slot_racy.c - ll_slot_fixed.c's reservation, with real leaks: the
 * writer takes a reservation and returns without committing it (nothing
 * after the call releases the slot's lock, so the next reservation of the
 * slot blocks forever), and slot_stats leaves through an early return
 * inside its locked region while its other return unlocks.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct slot {
    pthread_mutex_t mu;
    unsigned id;
    int active;
    size_t used;
    char buf[256];
};

struct store {
    pthread_mutex_t mu;
    struct slot *slots;
    struct slot **current;
    unsigned nslots;
};

struct ticket {
    unsigned slot_id;
    size_t len;
    char *dst;
};

static struct store *global_store;

static int store_reserve(struct store *s, unsigned which, struct ticket *t) {
    struct slot *sl;
    if (which >= s->nslots)
        return -1;
    pthread_mutex_lock(&s->mu);
    sl = s->current[which];
    pthread_mutex_unlock(&s->mu);
    if (!sl)
        return -1;
    pthread_mutex_lock(&sl->mu);
    if (sl->used + t->len <= sizeof sl->buf) {
        t->dst = sl->buf + sl->used;
        t->slot_id = sl->id;
        return 0; // expect: lock-leak 'sl->mu'
    }
    pthread_mutex_unlock(&sl->mu);
    return -1;
}

static size_t slot_stats(struct store *s, unsigned i) {
    struct slot *sl = &s->slots[i];
    size_t used;
    pthread_mutex_lock(&sl->mu);
    if (!sl->active)
        return 0; // expect: lock-leak 'sl->mu'
    used = sl->used;
    pthread_mutex_unlock(&sl->mu);
    return used;
}

static void *writer(void *arg) {
    const char *msg = arg;
    struct ticket t;
    t.len = strlen(msg);
    if (store_reserve(global_store, 0, &t) == 0)
        memcpy(t.dst, msg, t.len); // known-false-alarm: data-race 't.dst'
    return (void *)slot_stats(global_store, 0);
}

int main(void) {
    struct store *s = calloc(1, sizeof *s);
    s->nslots = 4;
    s->slots = calloc(s->nslots, sizeof *s->slots);
    s->current = calloc(s->nslots, sizeof *s->current);
    pthread_mutex_init(&s->mu, NULL);
    for (unsigned i = 0; i < s->nslots; i++) {
        pthread_mutex_init(&s->slots[i].mu, NULL);
        s->slots[i].id = i;
        s->slots[i].active = 1;
        s->current[i] = &s->slots[i];
    }
    global_store = s;
    pthread_t th[2];
    for (int i = 0; i < 2; i++) pthread_create(&th[i], NULL, writer, "hello");
    for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
    return 0;
}
