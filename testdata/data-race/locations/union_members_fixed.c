// expect-no-findings
/*
 * union_members_fixed.c - the members of a union are one piece of memory,
 * and here every access to them holds one lock (union_members_racy.c
 * without it): no race. The same with a
 * union inside a struct (a tagged value), and a thread routine passed to
 * pthread_create through a union of two function-pointer types (libuv's
 * uv_thread_create_ex does this to convert `void (*)(void *)` to `void
 * *(*)(void *)`): the routine is known, and it counts under the lock.
 */
#include <pthread.h>

union word { long as_long; double as_double; unsigned char bytes[8]; };
struct value { int tag; union { long i; char *s; } u; };

static union word shared_word;
static struct value cell;
static long ticks;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void tick(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lock);
    ticks++;
    pthread_mutex_unlock(&lock);
}

static void *worker(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lock);
    shared_word.as_double = 1.5;
    cell.u.s = "text";
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void) {
    pthread_t t, r;
    pthread_create(&t, NULL, worker, NULL);
    union { void (*in)(void *); void *(*out)(void *); } routine;
    routine.in = tick;
    pthread_create(&r, NULL, routine.out, NULL);
    pthread_mutex_lock(&lock);
    long seen = shared_word.as_long;
    long v = cell.u.i;
    ticks++;
    pthread_mutex_unlock(&lock);
    pthread_join(t, NULL);
    pthread_join(r, NULL);
    return (int)(seen + v);
}
