// expect-no-findings
/*
 * bitfields_fixed.c - bit-fields that are separate memory locations, or
 * one location under one lock: a run ended by an ordinary member (`c`
 * between `x` and `y`) or by a zero-width bit-field (`: 0`), members of
 * different structs, and one run whose two bit-fields each thread writes
 * holding the same mutex.
 */
#include <pthread.h>

struct split { unsigned x : 4; char c; unsigned y : 4; };
struct gap { unsigned lo : 4; unsigned : 0; unsigned hi : 4; };
struct run { unsigned a : 3; unsigned b : 5; };

static struct split s;
static struct gap g;
static struct run r;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *one(void *arg) {
    s.x = 1;
    g.lo = 1;
    pthread_mutex_lock(&m);
    r.a = 1;
    pthread_mutex_unlock(&m);
    return arg;
}

static void *two(void *arg) {
    s.y = 2;
    s.c = 'c';
    g.hi = 2;
    pthread_mutex_lock(&m);
    r.b = 2;
    pthread_mutex_unlock(&m);
    return arg;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, one, NULL);
    pthread_create(&b, NULL, two, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return s.x + s.y + g.lo + g.hi + r.a + r.b;
}
