// expect-no-findings
/*
 * turn_taking_fixed.c - threads taking turns on a word: each waits (in a
 * condition-variable loop) until the word holds a value of its own, works
 * on the shared data without the mutex, and ends its turn by storing
 * another value. The turns exclude each other, so the data is ordered:
 *   - a ping-pong through helpers that wait for and set a value passed in
 *     (`wait_to_be(&baton, 1)`, `set_to(&baton, 0)`);
 *   - a one-slot buffer with a `full` flag tested inline;
 *   - three threads in a ring on a state field of a heap object (each its
 *     own value: 0, 1, 2), the creator setting it before the threads start.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct baton {
    pthread_mutex_t m;
    pthread_cond_t c;
    long value;
} baton_t;

static baton_t baton = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
static int ball;

static void wait_to_be(baton_t *b, long v) {
    pthread_mutex_lock(&b->m);
    while (b->value != v) pthread_cond_wait(&b->c, &b->m);
    pthread_mutex_unlock(&b->m);
}

static void set_to(baton_t *b, long v) {
    pthread_mutex_lock(&b->m);
    b->value = v;
    pthread_cond_broadcast(&b->c);
    pthread_mutex_unlock(&b->m);
}

static void *pong(void *arg) {
    (void)arg;
    for (int i = 0; i < 100; i++) {
        wait_to_be(&baton, 1);
        ball = ball * 2 + 1;
        set_to(&baton, 0);
    }
    return NULL;
}

/* the one-slot buffer */
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int full;
static char slot[64];

static void *consumer(void *arg) {
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&m);
        while (!full) pthread_cond_wait(&changed, &m);
        pthread_mutex_unlock(&m);
        if (!slot[0]) break;
        printf("%s\n", slot);
        pthread_mutex_lock(&m);
        full = 0;
        pthread_cond_signal(&changed);
        pthread_mutex_unlock(&m);
    }
    return NULL;
}

static void produce(const char *text) {
    pthread_mutex_lock(&m);
    while (full) pthread_cond_wait(&changed, &m);
    pthread_mutex_unlock(&m);
    snprintf(slot, sizeof slot, "%s", text);
    pthread_mutex_lock(&m);
    full = 1;
    pthread_cond_signal(&changed);
    pthread_mutex_unlock(&m);
}

/* a ring of three stages on a heap object's state */
struct ring {
    pthread_mutex_t lock;
    pthread_cond_t turn;
    int state; /* 0: main's turn, 1: the first stage's, 2: the second's */
    long acc;
};

static void *stage(struct ring *r, int mine, int next) {
    for (int i = 0; i < 10; i++) {
        pthread_mutex_lock(&r->lock);
        while (r->state != mine) pthread_cond_wait(&r->turn, &r->lock);
        pthread_mutex_unlock(&r->lock);
        r->acc = r->acc * 3 + mine;
        pthread_mutex_lock(&r->lock);
        r->state = next;
        pthread_cond_broadcast(&r->turn);
        pthread_mutex_unlock(&r->lock);
    }
    return NULL;
}

static void *first(void *arg) { return stage(arg, 1, 2); }
static void *second(void *arg) { return stage(arg, 2, 0); }

int main(void) {
    pthread_t t, c, s1, s2;
    pthread_create(&t, NULL, pong, NULL);
    for (int i = 0; i < 100; i++) {
        wait_to_be(&baton, 0);
        ball = ball * 2;
        set_to(&baton, 1);
    }
    pthread_join(t, NULL);

    pthread_create(&c, NULL, consumer, NULL);
    produce("one");
    produce("two");
    produce("");
    pthread_join(c, NULL);

    struct ring *r = malloc(sizeof *r);
    if (!r) return 1;
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->turn, NULL);
    r->state = 0;
    r->acc = 0;
    pthread_create(&s1, NULL, first, r);
    pthread_create(&s2, NULL, second, r);
    for (int i = 0; i < 10; i++) {
        pthread_mutex_lock(&r->lock);
        while (r->state != 0) pthread_cond_wait(&r->turn, &r->lock);
        pthread_mutex_unlock(&r->lock);
        printf("%d %ld\n", ball, r->acc);
        pthread_mutex_lock(&r->lock);
        r->state = 1;
        pthread_cond_broadcast(&r->turn);
        pthread_mutex_unlock(&r->lock);
    }
    pthread_join(s1, NULL);
    pthread_join(s2, NULL);
    free(r);
    return 0;
}
