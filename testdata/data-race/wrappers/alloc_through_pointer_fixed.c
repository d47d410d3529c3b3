/*
 * alloc_through_pointer_fixed.c - an allocation wrapper calling the
 * allocator through a replaceable function pointer (yarn's my_malloc_f):
 * each thread gets its own capsule, filled in before the create. No race.
 * The pointer only ever holds malloc (the program installs nothing else),
 * so the wrapper is an allocation wrapper: each call site names an object,
 * and the capsule is initialised before it is handed to its thread. (Until
 * calls through such pointers were followed, the capsules were one object:
 * a false alarm on 'arg', at the free.)
 */
// expect-no-findings
#include <pthread.h>
#include <stdlib.h>
typedef void *(*malloc_t)(size_t);
static malloc_t my_malloc_f = malloc;            /* replaceable allocator */
static void *my_malloc(size_t n) { void *p = my_malloc_f(n); if (!p) abort(); return p; }
struct capsule { int arg; };
static void *worker(void *p) { struct capsule *c = p; int a = c->arg; free(c); return (void *)(long)a; }
int main(void) {
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        struct capsule *c = my_malloc(sizeof *c);  /* fresh object per thread */
        c->arg = i;                                 /* written before the spawn */
        pthread_create(&t[i], NULL, worker, c);
    }
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    return 0;
}
