/*
 * own_holder_escape_racy.c - a function keeps locals in its frame but
 * hands their addresses on indirectly: inside a struct, by address
 * (`reg(&h)`, which stores `h->p` in a global, through a helper that
 * returns it) and by value (`reg_copy(k)`,
 * which stores `k.p`); a struct holding one copied into a global by
 * memcpy; a pointer variable holding one, by its address (`keep(&q)`,
 * which stores `*pp`), or read back through a pointer to it (`g4 =
 * *pr`). A reader thread follows the globals.
 *
 * TRUTH: races: both locals leave the frame through what the helpers
 * store, so the reader's reads meet work()'s later writes; the globals
 * themselves are written and read unlocked.
 *
 * The helpers keep their parameter itself nowhere, only what it holds,
 * so a parameter's contents escape on their own (ownership.c,
 * param_content_escapes). Missed before: after the calls the locals
 * counted as not yet published. memcpy copying a holder (a library
 * function writing an argument other than the holder) and the address
 * of a local holding the pointer publish it too.
 */
#include <pthread.h>
#include <string.h>

struct holder {
    int *p;
};

static int *g;
static int *g2;
static int *g3;
static int *g4;
static struct holder gh;

static int *pass(int *q) {
    return q;
}

static void reg(struct holder *h) {
    g = pass(h->p); // expect: data-race 'g'
}

static void reg_copy(struct holder k) {
    g2 = k.p; // expect: data-race 'g2'
}

static void keep(int **pp) {
    g3 = *pp; // expect: data-race 'g3'
}

static void *reader(void *a) {
    (void)a;
    int *q = g, *q2 = g2, *q3 = g3, *q4 = gh.p, *q5 = g4;
    long s = 0;
    if (q) s += *q;
    if (q2) s += *q2;
    if (q3) s += *q3;
    if (q4) s += *q4;
    if (q5) s += *q5;
    return (void *)s;
}

static void work(void) {
    int x = 0, y = 0, z = 0, w = 0, v = 0;
    struct holder h = {&x};
    struct holder k = {&y};
    struct holder m = {&z};
    int *q = &w, *r = &v;
    int **pr = &r;
    reg(&h);
    reg_copy(k);
    memcpy(&gh, &m, sizeof m); // expect: data-race 'gh'
    keep(&q);
    g4 = *pr; // expect: data-race 'g4'
    x = 5; // expect: data-race 'x'
    y = 6; // expect: data-race 'y'
    z = 7; // expect: data-race 'z'
    w = 8; // expect: data-race 'w'
    v = 9; // expect: data-race 'v'
}

int main(void) {
    pthread_t t;
    pthread_create(&t, 0, reader, 0);
    work();
    pthread_join(t, 0);
    return 0;
}
