/*
 * own_ring_free_cursor_fixed.c - a work ring with free-running cursors:
 * the producer stores an item's address at ring[tail % N] and advances
 * tail, a worker takes ring[head % N] and advances head, both under the
 * mutex; the worker then fills the item in without the lock.
 *
 * TRUTH: no race: each item is taken by one worker (head advances past its
 * slot under the mutex), after main filled it in and queued it.
 *
 * Known false alarm: the pop is recognised when the cursor is the index
 * the slot was read with (`ring[head]`, `head = (head + 1) % N`); an index
 * computed from a global read into a temporary (`head % N`) keeps no link
 * to the cursor.
 */
#include <pthread.h>

#define N 8
#define NW 2

struct item { int in; long out; };
struct slot { void *arg; };

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static struct slot ring[N];
static unsigned head, tail;
static int done;

static void *worker(void *unused)
{
    (void)unused;
    for (;;) {
        pthread_mutex_lock(&m);
        while (head == tail && !done)
            pthread_cond_wait(&cv, &m);
        if (head == tail) {
            pthread_mutex_unlock(&m);
            return NULL;
        }
        struct item *it = ring[head % N].arg;      /* POP */
        head++;                                    /* ADVANCE: free-running */
        pthread_mutex_unlock(&m);
        it->out = (long)it->in * it->in; // known-false-alarm: data-race 'it->out'
    }
}

int main(void)
{
    pthread_t w[NW];
    struct item items[N - 1];                      /* ITEMS */
    for (int i = 0; i < NW; i++)
        pthread_create(&w[i], NULL, worker, NULL);
    for (int i = 0; i < N - 1; i++) {
        items[i].in = i;
        pthread_mutex_lock(&m);
        ring[tail % N].arg = &items[i];                /* PUSH */
        tail++;
        pthread_cond_signal(&cv);
        pthread_mutex_unlock(&m);
    }
    pthread_mutex_lock(&m);
    done = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&m);
    for (int i = 0; i < NW; i++)
        pthread_join(w[i], NULL);
    return (int)items[0].out;
}
