/*
 * own_frame_local_racy.c - own_frame_local_fixed.c, but count_all() shows
 * its iterator to the other threads through a global (`last = &it`), and
 * each thread peeks at the last iterator's position.
 *
 * TRUTH: races: `it` leaves its frame, so another thread reads the
 * position one thread's iter_next() writes (a use of another thread's
 * stack, racing), and `last` itself is written by every thread unlocked.
 * Known false alarms: once `it` escapes it is one object for every
 * frame, so the threads' pushes on their own stacks pair too.
 *
 * The fixed file's account: an iterator with an inline stack: its init
 * points the stack at the iterator's own small array (`it->stack =
 * it->small`), its steps push through `&it->st`. Every thread runs
 * count_all(), which walks with an iterator on its own stack frame; main
 * also keeps one long-lived iterator in a global, under a lock.
 *
 * (fixed) no race: count_all's `it` never leaves its frame (passed only to
 * helpers that keep nothing of it but inside it), so each call - in each
 * thread - has its own. Points-to names every call's `it` by one object
 * and, through the helpers' parameters, mixes it with the global
 * iterator's; without the frame reasoning `it` looked shared. The
 * rewind helper returns its argument: the caller gets it back, which is
 * not the iterator leaving the frame; nor is a call through the optional
 * visitor, which no function of the program can be.
 */
#include <pthread.h>

struct stack {
    int *items;
    int small[4];
    int n;
};

struct iter {
    struct stack st;
    int pos;
    int (*visit)(struct iter *); /* optional; no caller sets one */
};

static struct iter *last;
static struct iter *keeper;
static struct iter kept;
static pthread_mutex_t keeper_lock = PTHREAD_MUTEX_INITIALIZER;

static void stack_init(struct stack *s) {
    s->items = s->small; /* into its own object: keeps nothing */
    s->n = 0;
}

static void stack_push(struct stack *s, int v) {
    if (s->n < 4) s->items[s->n++] = v; // known-false-alarm: data-race 's->items[?]' known-false-alarm: data-race 's->n'
}

static void iter_init(struct iter *it) {
    stack_init(&it->st);
    it->pos = 0;
    it->visit = 0;
}

static int iter_next(struct iter *it) {
    if (it->visit && it->visit(it)) return 0;
    stack_push(&it->st, it->pos);
    return it->pos++ < 3; // expect: data-race 'it->pos'
}

static struct iter *iter_rewind(struct iter *it) {
    it->pos = 0;
    return it; /* hands it back: keeps nothing */
}

static int count_all(void) {
    struct iter it;
    int n = 0;
    iter_init(&it);
    last = &it; // expect: data-race 'last' expect: stack-escape 'it'
    while (iter_next(&it)) n++;
    while (iter_next(iter_rewind(&it)) && n < 8) n++;
    return n;
}

static void *worker(void *arg) {
    (void)arg;
    count_all();
    struct iter *l = last;
    return l ? (void *)(long)l->pos : NULL;
}

int main(void) {
    pthread_t t[2];
    pthread_mutex_lock(&keeper_lock);
    keeper = &kept;
    iter_init(keeper);
    pthread_mutex_unlock(&keeper_lock);
    for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, NULL);
    count_all();
    pthread_mutex_lock(&keeper_lock);
    iter_next(keeper);
    pthread_mutex_unlock(&keeper_lock);
    for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
    return 0;
}
