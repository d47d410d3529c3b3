// expect-no-findings
/*
 * fnptr_null_param_fixed.c - a helper calls its callback parameter only
 * when it is set (redis's `_dictClear(d, htidx, callback)`); main passes a
 * progress callback, the worker thread always NULL. In the worker the call
 * through the parameter calls nothing: on_progress() runs in main only, so
 * `progress` (main's, unlocked) does not race. Points-to alone merges the
 * parameter over every caller and would make the worker run on_progress().
 * The racy twin is fnptr_null_param_racy.c.
 */
#include <pthread.h>
#include <stdio.h>

struct table { int used; int slots[64]; };

static struct table cache;
static long progress;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static void on_progress(struct table *t)
{
    progress += t->used;
}

static void clear_table(struct table *t, void (*callback)(struct table *))
{
    for (int i = 0; i < 64; i++) {
        if (callback && i % 16 == 0) callback(t);
        t->slots[i] = 0;
    }
    t->used = 0;
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&cache_lock);
    clear_table(&cache, NULL);
    pthread_mutex_unlock(&cache_lock);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&cache_lock);
    clear_table(&cache, on_progress);
    pthread_mutex_unlock(&cache_lock);
    progress = 0;
    pthread_join(t, NULL);
    printf("%ld\n", progress);
    return 0;
}
