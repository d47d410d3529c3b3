// expect-no-findings
/*
 * lock_addr_locals_fixed.c - slots allocated in a loop, each with its own
 * mutex. The workers take `&s->lock` and `&s->data` into pointer locals
 * before use and lock through one while writing through the other; a
 * helper does the same with its parameter.
 *
 * TRUTH: no race. m and d are each assigned once, from the address of a
 * field of the same slot s (s itself is written once per iteration), so
 * *m is s->lock and *d is s->data of the same slot.
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
    long *t = &s->total;
    pthread_mutex_lock(m);
    *t += v;
    pthread_mutex_unlock(m);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int k = 0; k < 100; k++) {
        struct slot *s = slots[k % NSLOTS];
        pthread_mutex_t *m = &s->lock;
        int *d = &s->data;
        pthread_mutex_lock(m);
        (*d)++;
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
