/*
 * thread_local_child_fixed.c - two workers each hand the address of their
 * own `__thread` variable to a child they create and join at once; the
 * child writes it, the owner then updates it.
 *
 * TRUTH: no race: each child touches its own creator's instance, and is
 * joined before the creator touches it; the two workers' instances are
 * different objects.
 *
 * Known false alarm: a thread-local whose address escapes is one object
 * for every thread; with one worker, or a stack local, it is quiet.
 */
#include <pthread.h>

static __thread long tl;

static void *child(void *arg)
{
    *(long *)arg = 0; // known-false-alarm: data-race '*arg'
    return NULL;
}

static void *worker(void *arg)
{
    pthread_t c;
    (void)arg;
    pthread_create(&c, NULL, child, &tl);
    pthread_join(c, NULL);
    tl++;
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
