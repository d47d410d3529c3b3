// expect-no-findings
/*
 * array_walk_fixed.c - array_walk_racy.c with the slots' lock: the walker
 * counts hits under stats_lock and main resets slot 2 under it. The walker
 * reads s->id without the lock; main wrote the ids before starting it.
 * The pointer stepped with s++ must keep naming the slots' fields: one
 * location for a whole slot would make the unlocked read of id race with
 * main's locked write of hits.
 */
#include <pthread.h>

#define NSLOTS 16

struct slot {
    int id;
    long hits;
};

static struct slot slots[NSLOTS];
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static void *walker(void *arg)
{
    (void)arg;
    for (struct slot *s = slots; s < slots + NSLOTS; s++)
        if (s->id >= 0) {
            pthread_mutex_lock(&stats_lock);
            s->hits++;
            pthread_mutex_unlock(&stats_lock);
        }
    return NULL;
}

int main(void)
{
    pthread_t t;

    for (int i = 0; i < NSLOTS; i++)
        slots[i].id = i;
    pthread_create(&t, NULL, walker, NULL);
    pthread_mutex_lock(&stats_lock);
    slots[2].hits = 0;
    pthread_mutex_unlock(&stats_lock);
    pthread_join(t, NULL);
    return 0;
}
