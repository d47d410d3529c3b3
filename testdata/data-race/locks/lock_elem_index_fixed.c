// expect-no-findings
/*
 * lock_elem_index_fixed.c - an array of structs, each element with its own
 * mutex. One index variable selects both the lock and the element
 * (`lock(&a[i].m); a[i].v++`), and a pointer to one element locks and
 * writes through itself (`p = &a[i]; lock(&p->m); p->w++`).
 *
 * TRUTH: no race. The same index i (not written between the lock and the
 * access) names the same element; the same pointer p names one element.
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
        pthread_mutex_lock(&a[i].m);
        a[i].v++;
        pthread_mutex_unlock(&a[i].m);
        struct elem *p = &a[(i + 3) % NELEM];
        pthread_mutex_lock(&p->m);
        p->w++;
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
