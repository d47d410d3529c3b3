/*
 * own_ring_free_cursor_racy.c - takes from rings indexed by free-running
 * cursors (`ring[head % N]`, `q->slots[q->first % N]`) that move nothing
 * out: the cursor stepped only after the unlock, another cursor stepped
 * in the critical section, and a take through a struct that counts the
 * items down but never steps its cursor.
 *
 * TRUTH: races on the items' fields written after each take, between the
 * consumers that may hold one item at once; the late step also races on
 * `late` itself.
 */
#include <pthread.h>
#include <stdlib.h>

#define N 8

struct item { int id; long a, b, c; };

static struct item *ring[N];
static unsigned late, head, other;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

struct ring { pthread_mutex_t lock; struct item *slots[N]; unsigned first, count; };
static struct ring r2 = {PTHREAD_MUTEX_INITIALIZER, {0}, 0, 0};

static void *late_step(void *arg)
{
    pthread_mutex_lock(&m);
    struct item *it = ring[late % N];
    pthread_mutex_unlock(&m);
    late++; // expect: data-race 'late'
    it->a = it->id; // expect: data-race 'it->a'
    return arg;
}

static void *wrong_cursor(void *arg)
{
    pthread_mutex_lock(&m);
    struct item *it = ring[head % N];
    other++;
    pthread_mutex_unlock(&m);
    it->b = it->id; // expect: data-race 'it->b'
    return arg;
}

static struct item *count_only(struct ring *q)
{
    struct item *it = NULL;
    pthread_mutex_lock(&q->lock);
    if (q->count) {
        it = q->slots[q->first % N];
        q->count--;
    }
    pthread_mutex_unlock(&q->lock);
    return it;
}

static void *drainer(void *arg)
{
    struct item *it = count_only(&r2);
    if (it)
        it->c = it->id; // expect: data-race 'it->c'
    return arg;
}

int main(void)
{
    for (int i = 0; i < N; i++) {
        ring[i] = calloc(1, sizeof(struct item));
        r2.slots[i] = calloc(1, sizeof(struct item));
        if (!ring[i] || !r2.slots[i])
            return 1;
    }
    r2.count = N;
    pthread_t t[6];
    for (int i = 0; i < 2; i++) {
        pthread_create(&t[3 * i], NULL, late_step, NULL);
        pthread_create(&t[3 * i + 1], NULL, wrong_cursor, NULL);
        pthread_create(&t[3 * i + 2], NULL, drainer, NULL);
    }
    for (int i = 0; i < 6; i++)
        pthread_join(t[i], NULL);
    return 0;
}
