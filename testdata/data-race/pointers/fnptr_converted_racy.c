/*
 * fnptr_converted_racy.c - handlers whose address is converted to another
 * type before a thread calls them through a pointer of that other type:
 * an explicit cast to a generic `void (*)(void *)`, an implicit conversion
 * into a `void *` slot of a static table, and a round trip through
 * uintptr_t. Points-to keeps such a function as a target of calls of the
 * other type; a function whose address no unit converts is called only
 * through pointers of its own type (fnptr_param_type_fixed.c). Each
 * handler races with main on its own counter.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

struct req { int id; };
struct job { void (*run)(void *); void *arg; };

static long by_cast, by_slot, by_int;

static void on_cast(struct req *r) { by_cast += r->id; } // expect: data-race 'by_cast'
static void on_slot(struct req *r) { by_slot += r->id; } // expect: data-race 'by_slot'
static void on_int(struct req *r) { by_int += r->id; } // expect: data-race 'by_int'

static void *table[] = {on_slot};
static uintptr_t int_slot;

static void *worker(void *arg)
{
    struct job *j = arg;
    j->run(j->arg);
    void (*slot_fn)(void *) = (void (*)(void *))table[0];
    slot_fn(j->arg);
    void (*int_fn)(void *) = (void (*)(void *))int_slot;
    int_fn(j->arg);
    return NULL;
}

int main(void)
{
    static struct req r = {1};
    static struct job j;
    pthread_t t;
    j.run = (void (*)(void *))on_cast;
    j.arg = &r;
    int_slot = (uintptr_t)on_int;
    pthread_create(&t, NULL, worker, &j);
    by_cast++;
    by_slot++;
    by_int++;
    pthread_join(t, NULL);
    printf("%ld %ld %ld\n", by_cast, by_slot, by_int);
    return 0;
}
