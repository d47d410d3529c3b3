// expect-no-findings
/*
 * own_ring_pop_fixed.c - a bounded buffer of pointers under one mutex (the
 * textbook producer-consumer with two condition variables): a consumer
 * takes `buf[head]` and advances `head` before it unlocks, so no other
 * consumer gets that item; what it does with the item afterwards is its
 * own. Also with the queue in a struct (`q->items[q->first]`, the cursor
 * a field) and the cursor stepped by a mask, in pop functions returning
 * NULL early or starting from NULL and popping on one path.
 */
#include <pthread.h>
#include <stdlib.h>

#define N 8

struct item { int id; long sum; };

static struct item *buf[N];
static int head, tail, count;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t notfull = PTHREAD_COND_INITIALIZER, notempty = PTHREAD_COND_INITIALIZER;

struct queue { pthread_mutex_t lock; struct item *items[16]; unsigned first, n; };
static struct queue q = {PTHREAD_MUTEX_INITIALIZER, {0}, 0, 0};

static void *consumer(void *arg) {
    long s = 0;
    for (int i = 0; i < 50; i++) {
        pthread_mutex_lock(&m);
        while (count == 0) pthread_cond_wait(&notempty, &m);
        struct item *it = buf[head];
        head = (head + 1) % N;
        count--;
        pthread_cond_signal(&notfull);
        pthread_mutex_unlock(&m);
        it->sum = it->id * 2L;
        s += it->sum;
        free(it);
    }
    return arg ? arg : (void *)s;
}

static struct item *qtake(struct queue *qq) {
    pthread_mutex_lock(&qq->lock);
    if (!qq->n) {
        pthread_mutex_unlock(&qq->lock);
        return NULL;
    }
    struct item *it = qq->items[qq->first];
    qq->first = (qq->first + 1) & 15;
    qq->n--;
    pthread_mutex_unlock(&qq->lock);
    return it;
}

/* the same, NULL first and popped on one path */
static struct item *qtake2(struct queue *qq) {
    struct item *it = NULL;
    pthread_mutex_lock(&qq->lock);
    if (qq->n) {
        it = qq->items[qq->first];
        qq->first = (qq->first + 1) & 15;
        qq->n--;
    }
    pthread_mutex_unlock(&qq->lock);
    return it;
}

static void *drainer(void *arg) {
    struct item *it;
    while ((it = qtake(&q)) != NULL) {
        it->sum += it->id;
        free(it);
    }
    while ((it = qtake2(&q)) != NULL) {
        it->sum -= it->id;
        free(it);
    }
    return arg;
}

int main(void) {
    pthread_t c[2], d[2];
    for (int i = 0; i < 16; i++) {
        struct item *it = malloc(sizeof *it);
        if (!it) return 1;
        it->id = i;
        it->sum = 0;
        q.items[i] = it;
    }
    q.n = 16;
    for (int i = 0; i < 2; i++) pthread_create(&c[i], NULL, consumer, NULL);
    for (int i = 0; i < 2; i++) pthread_create(&d[i], NULL, drainer, NULL);
    for (int i = 0; i < 100; i++) {
        struct item *it = malloc(sizeof *it);
        if (!it) return 1;
        it->id = i;
        it->sum = 0;
        pthread_mutex_lock(&m);
        while (count == N) pthread_cond_wait(&notfull, &m);
        buf[tail] = it;
        tail = (tail + 1) % N;
        count++;
        pthread_cond_signal(&notempty);
        pthread_mutex_unlock(&m);
    }
    for (int i = 0; i < 2; i++) pthread_join(c[i], NULL);
    for (int i = 0; i < 2; i++) pthread_join(d[i], NULL);
    return 0;
}
