/*
 * lock_elem_index_racy.c - an array of structs, each element with its own
 * mutex, but the element written is not the one locked: another index
 * variable (`a[j].v` under `a[i].m`), and another element pointer (`q->w`
 * under `p->m`).
 *
 * TRUTH: both are real races: one worker holds element i's lock writing
 * element i+1 while the other holds element i+1's lock writing the same
 * element. Array elements are one abstract location, so the lock of one
 * element named through a pointer stands for every element's lock and
 * protects nothing by itself.
 */
#include <pthread.h>

#define NELEM 16

struct elem {
    pthread_mutex_t m;
    long v;
    long w;
};

static struct elem a[NELEM];

static void *worker(void *arg)
{
    long id = (long)arg;

    for (int k = 0; k < 100; k++) {
        int i = (int)((id * 7 + k) % NELEM);
        int j = (i + 1) % NELEM;
        pthread_mutex_lock(&a[i].m);
        a[j].v++; // expect: data-race 'v'
        pthread_mutex_unlock(&a[i].m);
        struct elem *p = &a[i], *q = &a[j];
        pthread_mutex_lock(&p->m);
        q->w++; // expect: data-race 'w'
        pthread_mutex_unlock(&p->m);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];

    for (int i = 0; i < NELEM; i++)
        pthread_mutex_init(&a[i].m, NULL);
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
