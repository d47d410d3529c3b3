/*
 * ll_slot_between_racy.c - ll_slot_fixed.c's reservation used right (the
 * commit only after a successful reserve), with slot_stats' early return
 * inside its locked region called in between. The commit releases a lock
 * of the same array of slots, but it is reached whatever slot_stats
 * returned: it is the reservation's release, not slot_stats' - the leak is
 * reported.
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
        return 0; /* leaves sl->mu locked: store_commit unlocks it */
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

static void store_commit(struct store *s, struct ticket *t) {
    struct slot *sl = &s->slots[t->slot_id];
    pthread_mutex_unlock(&sl->mu);
}

static void *writer(void *arg) {
    const char *msg = arg;
    struct ticket t;
    size_t before = 0;
    t.len = strlen(msg);
    if (store_reserve(global_store, 0, &t) == 0) {
        before = slot_stats(global_store, 1);
        memcpy(t.dst, msg, t.len); // known-false-alarm: data-race 't.dst'
        store_commit(global_store, &t);
    }
    return (void *)before;
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
