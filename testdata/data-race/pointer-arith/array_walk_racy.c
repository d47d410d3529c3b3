/*
 * array_walk_racy.c - workers walk an array of structs with a pointer,
 * `for (s = slots; s < slots + N; s++)`, and count hits in every slot,
 * while main resets one slot by index: slots[2].hits is written by both
 * with no lock. A pointer stepped through an array stays in the array,
 * and the array's elements are one location.
 */
#include <pthread.h>

#define NSLOTS 16

struct slot {
    int id;
    long hits;
};

static struct slot slots[NSLOTS];

static void *walker(void *arg)
{
    (void)arg;
    for (struct slot *s = slots; s < slots + NSLOTS; s++)
        if (s->id >= 0)
            s->hits++; // expect: data-race 'hits'
    return NULL;
}

int main(void)
{
    pthread_t t;

    for (int i = 0; i < NSLOTS; i++)
        slots[i].id = i;
    pthread_create(&t, NULL, walker, NULL);
    slots[2].hits = 0;
    pthread_join(t, NULL);
    return 0;
}
