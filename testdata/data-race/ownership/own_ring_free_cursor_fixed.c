// expect-no-findings
/*
 * own_ring_free_cursor_fixed.c - a work ring with free-running cursors:
 * the producer stores an item's address at ring[tail % N] and advances
 * tail, a worker takes ring[head % N] and advances head, both under the
 * mutex; the worker then fills the item in without the lock. A second
 * ring keeps its cursors in a struct reached through a pointer
 * (`q->slots[(q->first + 0) & (N - 1)]`, `q->first++`).
 *
 * TRUTH: no race: each item is taken by one worker (the cursor advances
 * past its slot under the mutex), after main filled it in and queued it.
 *
 * (The pop is recognised through the index's arithmetic on the value read
 * from the cursor, popped.c cursor_arith; until it was, `it->out` was a
 * known false alarm here.)
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
        it->out = (long)it->in * it->in;
    }
}

struct ring {
    pthread_mutex_t lock;
    struct item *slots[N];
    unsigned first, count;
};
static struct ring r2 = {PTHREAD_MUTEX_INITIALIZER, {0}, 0, 0};

static struct item *ring_take(struct ring *q)
{
    struct item *it = NULL;
    pthread_mutex_lock(&q->lock);
    if (q->count) {
        it = q->slots[(q->first + 0) & (N - 1)];
        q->first++;
        q->count--;
    }
    pthread_mutex_unlock(&q->lock);
    return it;
}

static void *drainer(void *unused)
{
    struct item *it;
    while ((it = ring_take(&r2)) != NULL)
        it->out = it->in * 2L;
    return unused;
}

int main(void)
{
    pthread_t w[NW], d[NW];
    static struct item more[N];
    for (int i = 0; i < N; i++) {
        more[i].in = i;
        r2.slots[i] = &more[i];
    }
    r2.count = N;
    for (int i = 0; i < NW; i++)
        pthread_create(&d[i], NULL, drainer, NULL);
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
    for (int i = 0; i < NW; i++) {
        pthread_join(w[i], NULL);
        pthread_join(d[i], NULL);
    }
    return (int)(items[0].out + more[0].out);
}
