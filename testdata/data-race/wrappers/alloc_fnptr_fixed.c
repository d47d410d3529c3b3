/*
 * alloc_fnptr_fixed.c - an allocation wrapper that calls its allocator
 * through a global function pointer (pigz's yarn: `my_malloc_f = malloc`,
 * replaceable by a setter the program never calls). Every lock new_lock()
 * makes is its own object, one per call site: `have` guards the queue
 * count and `done` the totals, and each is held at every access of what it
 * guards; each worker also makes a lock of its own, and possess() also
 * takes the static `threads_lock`. Taken for one object (calls through a
 * pointer allocate nothing known), the locks would be one lock of many
 * instances, and possess() would take one of two objects: no lock would
 * be known to be held.
 *
 * TRUTH: no race.
 */
// expect-no-findings
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

typedef void *(*malloc_t)(size_t);
static malloc_t my_malloc_f = malloc;

/* the program could install its own allocator; it does not */
void use_allocator(malloc_t lease)
{
    my_malloc_f = lease;
}

static void *my_malloc(size_t size)
{
    void *block = my_malloc_f(size);
    if (block == NULL) {
        fputs("out of memory\n", stderr);
        exit(1);
    }
    return block;
}

typedef struct lock {
    pthread_mutex_t mutex;
    long value;
} lock;

static lock *new_lock(long value)
{
    lock *bolt = my_malloc(sizeof *bolt);
    pthread_mutex_init(&bolt->mutex, NULL);
    bolt->value = value;
    return bolt;
}

static void possess(lock *bolt)
{
    pthread_mutex_lock(&bolt->mutex);
}

static void release(lock *bolt)
{
    pthread_mutex_unlock(&bolt->mutex);
}

static lock *have, *done;
static lock threads_lock = {PTHREAD_MUTEX_INITIALIZER, 0};
static long queued, total, nthreads;

static void *worker(void *arg)
{
    lock *mine = new_lock(1);
    possess(mine);
    mine->value++;
    release(mine);
    possess(have);
    queued--;
    release(have);
    possess(done);
    total += 1;
    release(done);
    return arg;
}

int main(void)
{
    have = new_lock(0);
    done = new_lock(0);
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        possess(&threads_lock);
        nthreads++;
        release(&threads_lock);
        pthread_create(&t[i], NULL, worker, NULL);
    }
    possess(have);
    queued += 4;
    release(have);
    possess(done);
    printf("%ld\n", total);
    release(done);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
