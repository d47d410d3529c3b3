/*
 * lock_addr_locals_racy.c - like lock_addr_locals_fixed.c, but the data
 * pointer is taken from another slot than the lock pointer (`m =
 * &s->lock`, `d = &o->data`), and in the helper the slot pointer is
 * written again between taking the lock's address and the data's.
 *
 * TRUTH: both are real races: one worker holds slot k's lock writing slot
 * k+1's data while the other holds slot k+1's lock writing the same data.
 */
#include <pthread.h>
#include <stdlib.h>

#define NSLOTS 4

struct slot {
    pthread_mutex_t lock;
    int data;
    long total;
};

static struct slot *slots[NSLOTS];

static void add(struct slot *s, long v)
{
    pthread_mutex_t *m = &s->lock;
    s = slots[(v + 1) % NSLOTS];
    long *t = &s->total;
    pthread_mutex_lock(m);
    *t += v; // expect: data-race '*t'
    pthread_mutex_unlock(m);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < 100; k++) {
        struct slot *s = slots[k % NSLOTS], *o = slots[(k + 1) % NSLOTS];
        pthread_mutex_t *m = &s->lock;
        int *d = &o->data;
        pthread_mutex_lock(m);
        (*d)++; // expect: data-race '*d'
        pthread_mutex_unlock(m);
        add(s, k);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];

    for (int i = 0; i < NSLOTS; i++) {
        slots[i] = calloc(1, sizeof *slots[i]);
        if (!slots[i])
            return 1;
        pthread_mutex_init(&slots[i]->lock, NULL);
    }
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
