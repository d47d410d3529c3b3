// expect-no-findings
/*
 * helper_contexts_fixed.c - helpers a thread calls in several contexts:
 * main calls them before it starts the workers, under the workers' lock
 * while they run, and after it joined them.
 *
 * - grow_list() is reached through add_page() from main's start-up
 *   (prefill(), no lock: no worker exists yet), from main under `pool_lock`
 *   while the workers run, and from the workers under `pool_lock` (the
 *   shape of memcached's slabs_prefill_global() and do_slabs_newslab());
 * - set_limit() is called by main before the spawn and after the join,
 *   and read by the workers.
 *
 * TRUTH: no race. Each call of a helper runs with the state of its own
 * call site: before the spawn no worker runs, after the join none does,
 * and between them every access holds pool_lock. A pass that analyses a
 * helper once per thread, with the locks held at all its call sites
 * intersected and the workers live at any of them united, sees main's
 * unlocked start-up writes beside the workers.
 */
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static void **pages;
static int npages, capacity;
static long limit;

static void grow_list(void)
{
    if (npages < capacity)
        return;
    capacity = capacity ? capacity * 2 : 4;
    void **n = realloc(pages, (size_t)capacity * sizeof *n);
    if (!n)
        abort();
    pages = n;
}

static void add_page(void *page)
{
    grow_list();
    pages[npages++] = page;
}

static void set_limit(long v)
{
    limit = v;
}

static void prefill(int n)
{
    for (int i = 0; i < n; i++)
        add_page(malloc(64));
}

static void *worker(void *arg)
{
    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&pool_lock);
        if (npages < limit)
            add_page(malloc(64));
        pthread_mutex_unlock(&pool_lock);
    }
    return arg;
}

int main(void)
{
    pthread_t t[4];
    set_limit(1000);
    prefill(8);
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    pthread_mutex_lock(&pool_lock);
    add_page(malloc(64));
    pthread_mutex_unlock(&pool_lock);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    set_limit(0);
    prefill(2);
    return npages > 0 ? 0 : 1;
}
