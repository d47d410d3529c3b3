/*
 * union_members_racy.c - the members of a union are one piece of memory.
 * A worker stores a value through one member while main reads another: a
 * race, although the two accesses name different fields. The same with a
 * union inside a struct (a tagged value), and a thread routine passed to
 * pthread_create through a union of two function-pointer types (libuv's
 * uv_thread_create_ex does this to convert `void (*)(void *)` to `void
 * *(*)(void *)`): the routine is known, and its counter races with main.
 */
#include <pthread.h>

union word { long as_long; double as_double; unsigned char bytes[8]; };
struct value { int tag; union { long i; char *s; } u; };

static union word shared_word;
static struct value cell;
static long ticks;

static void tick(void *arg) {
    (void)arg;
    ticks++; // expect: data-race 'ticks'
}

static void *worker(void *arg) {
    (void)arg;
    shared_word.as_double = 1.5; // expect: data-race 'shared_word.as_double'
    cell.u.s = "text"; // expect: data-race 'cell.u.s'
    return NULL;
}

int main(void) {
    pthread_t t, r;
    pthread_create(&t, NULL, worker, NULL);
    union { void (*in)(void *); void *(*out)(void *); } routine;
    routine.in = tick;
    pthread_create(&r, NULL, routine.out, NULL);
    long seen = shared_word.as_long;
    long v = cell.u.i;
    ticks++;
    pthread_join(t, NULL);
    pthread_join(r, NULL);
    return (int)(seen + v);
}
