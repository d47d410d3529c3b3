/*
 * ll_slot_fixed.c - a reservation that returns with a slot's lock held on
 * success and hands the caller a ticket instead of the slot: the caller
 * fills the reserved space, then commits the ticket, and the commit finds
 * the slot again from the ticket's index and unlocks it. Neither function
 * can name the other's lock (a local pointer in each, one from a table
 * lookup, one from an index), yet both point into the one array of slots.
 * Not a leak: the caller releases the lock reserve took. The early return
 * of slot_stats, inside its own locked region, is not either: it unlocks.
 * slot_pin does the same through an out-parameter: the caller tests it,
 * then unpins.
 * The lockset does not carry the slot's lock from the reservation to the
 * caller and the commit (neither can name it): the accesses made under it
 * are known false alarms of data-race.
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
    unsigned long bytes;
};

struct ticket {
    unsigned slot_id;
    size_t len;
    char *dst;
};

static struct store *global_store;

/* 0: the slot is locked and t->dst points into it (commit unlocks it);
 * -1: nothing is held. */
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
    if (!sl->active) {
        pthread_mutex_unlock(&sl->mu);
        return -1;
    }
    if (sl->used + t->len <= sizeof sl->buf) {
        t->dst = sl->buf + sl->used;
        t->slot_id = sl->id;
        return 0; /* leaves sl->mu locked */
    }
    pthread_mutex_unlock(&sl->mu);
    return -1;
}

/* Must follow a successful store_reserve. */
static void store_commit(struct store *s, struct ticket *t) {
    struct slot *sl = &s->slots[t->slot_id];
    sl->used += t->len; // known-false-alarm: data-race 'sl->used'
    pthread_mutex_lock(&s->mu);
    s->bytes += t->len;
    pthread_mutex_unlock(&s->mu);
    pthread_mutex_unlock(&sl->mu);
}

/* *out: the slot, locked (slot_unpin unlocks it), or NULL. */
static void slot_pin(struct store *s, unsigned i, struct slot **out) {
    struct slot *sl = &s->slots[i % s->nslots];
    *out = NULL;
    pthread_mutex_lock(&sl->mu);
    if (!sl->active) {
        pthread_mutex_unlock(&sl->mu);
        return;
    }
    *out = sl;
}

static void slot_unpin(struct slot *sl) {
    pthread_mutex_unlock(&sl->mu);
}

static size_t slot_stats(struct store *s, unsigned i) {
    struct slot *sl = &s->slots[i];
    size_t used;
    pthread_mutex_lock(&sl->mu);
    if (!sl->active) {
        pthread_mutex_unlock(&sl->mu);
        return 0;
    }
    used = sl->used;
    pthread_mutex_unlock(&sl->mu);
    return used;
}

static void *writer(void *arg) {
    const char *msg = arg;
    struct ticket t;
    t.len = strlen(msg);
    for (int tries = 0; tries < 10; tries++) {
        if (store_reserve(global_store, 0, &t) == 0) {
            memcpy(t.dst, msg, t.len); // known-false-alarm: data-race 't.dst'
            store_commit(global_store, &t);
            break;
        }
    }
    struct slot *pinned;
    slot_pin(global_store, 1, &pinned);
    if (pinned)
        slot_unpin(pinned);
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
