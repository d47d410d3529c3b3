/*
 * own_holder_escape_racy.c - a function keeps a local in its frame but
 * hands its address to helpers inside a struct: by address
 * (`reg(&h)`, which stores `h->p` in a global) and by value (`reg_copy(k)`,
 * which stores `k.p`). A reader thread follows the globals.
 *
 * TRUTH: races: both locals leave the frame through what the helpers
 * store, so the reader's reads meet work()'s later writes; the globals
 * themselves are written and read unlocked.
 *
 * The helpers keep their parameter itself nowhere, only what it holds,
 * so a parameter's contents escape on their own (ownership.c,
 * param_content_escapes). Missed before: after the calls the locals
 * counted as not yet published.
 */
#include <pthread.h>

struct holder {
    int *p;
};

static int *g;
static int *g2;

static void reg(struct holder *h) {
    g = h->p; // expect: data-race 'g'
}

static void reg_copy(struct holder k) {
    g2 = k.p; // expect: data-race 'g2'
}

static void *reader(void *a) {
    (void)a;
    int *q = g, *q2 = g2;
    long s = 0;
    if (q) s += *q;
    if (q2) s += *q2;
    return (void *)s;
}

static void work(void) {
    int x = 0, y = 0;
    struct holder h = {&x};
    struct holder k = {&y};
    reg(&h);
    reg_copy(k);
    x = 5; // expect: data-race 'x'
    y = 6; // expect: data-race 'y'
}

int main(void) {
    pthread_t t;
    pthread_create(&t, 0, reader, 0);
    work();
    pthread_join(t, 0);
    return 0;
}
