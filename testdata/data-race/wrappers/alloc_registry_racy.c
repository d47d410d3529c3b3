/*
 * alloc_registry_racy.c - a constructor that is no allocator: obj_new()
 * returns `void *` and allocates, but records every object in a global
 * registry that a sweeper thread walks. The sweeper reaches the objects
 * obj_new() made; so do its callers. Taken for an allocator, each call
 * site's object would be apart from the registry's, and the race missed.
 *
 * TRUTH: one race, refs: main writes it through the returned pointer,
 * the sweeper through the registry, with no lock.
 */
#include <pthread.h>
#include <stdlib.h>

struct obj {
    long refs;
};

static struct obj *registry[16];
static int nregistered;

static void *obj_new(void)
{
    struct obj *o = calloc(1, sizeof *o);
    if (o == NULL)
        return NULL;
    registry[nregistered & 15] = o;
    nregistered++;
    return o;
}

static void *sweeper(void *arg)
{
    for (int i = 0; i < 16; i++)
        if (registry[i])
            registry[i]->refs = 0; // expect: data-race 'refs'
    return arg;
}

int main(void)
{
    struct obj *o = obj_new();
    if (o == NULL)
        return 1;
    pthread_t t;
    pthread_create(&t, NULL, sweeper, NULL);
    o->refs = 2;
    pthread_join(t, NULL);
    return 0;
}
