/*
 * bitfields_racy.c - adjacent bit-fields are one memory location (C11
 * 3.14): writing one rewrites the whole storage unit, so two threads
 * writing different bit-fields of one run race - `f.ready` and `f.count`,
 * also in a run continued past a byte (`wide.lo` and `wide.hi`, bits 0 and
 * 30), and through a pointer (`p->dirty`). The location is named by its
 * run, `f.ready..count`.
 */
#include <pthread.h>

struct flags { unsigned ready : 1; unsigned count : 7; };
struct wide { unsigned lo : 30; unsigned hi : 2; };
struct state { int id; unsigned dirty : 1; unsigned busy : 1; };

static struct flags f;
static struct wide wide;
static struct state st, *p = &st;

static void *one(void *arg) {
    f.ready = 1; // expect: data-race 'f.ready..count'
    wide.lo = 5; // expect: data-race 'wide.lo..hi'
    p->dirty = 1; // expect: data-race 'p->dirty..busy'
    return arg;
}

static void *two(void *arg) {
    f.count = 3;
    wide.hi = 1;
    p->busy = 1;
    return arg;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, one, NULL);
    pthread_create(&b, NULL, two, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return f.count + wide.hi + st.busy;
}
