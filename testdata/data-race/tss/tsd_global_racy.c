/*
 * tsd_global_racy.c - as tsd_buffer_fixed.c, but every worker stores a
 * pointer to the same global scratch area in its thread-specific slot: the
 * slot is per thread, the object it points to is not.
 *
 * TRUTH: a race on shared_scratch.used: the workers write the one global
 * through the pointers they fetched back with pthread_getspecific.
 */
#include <pthread.h>
#include <stdio.h>

struct scratch {
    char text[64];
    int used;
};

static pthread_key_t scratch_key;
static struct scratch shared_scratch;

static struct scratch *my_scratch(void)
{
    return pthread_getspecific(scratch_key);
}

static void format_line(int n)
{
    struct scratch *s = my_scratch();
    s->used = n; // expect: data-race 'used'
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_setspecific(scratch_key, &shared_scratch);
    for (int i = 0; i < 4; i++)
        format_line(i);
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    pthread_key_create(&scratch_key, NULL);
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
