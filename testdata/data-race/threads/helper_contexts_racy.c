/*
 * helper_contexts_racy.c - the helpers of helper_contexts_fixed.c, each
 * called once by main in a context where the workers run and no lock is
 * held: the contexts that are harmless elsewhere must not hide this one.
 *
 * - main calls prefill() again after it started the workers, before it
 *   joins them: grow_list() and add_page() then run unlocked beside the
 *   workers' locked calls;
 * - main calls set_limit() while the workers run.
 *
 * TRUTH: races on capacity, pages, npages and the page array (main's
 * unlocked late prefill() against the workers), and on limit (main's
 * set_limit() against the workers' reads).
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
    capacity = capacity ? capacity * 2 : 4; // expect: data-race 'capacity'
    void **n = realloc(pages, (size_t)capacity * sizeof *n); // expect: data-race '*pages'
    if (!n)
        abort();
    pages = n; // expect: data-race 'pages'
}

static void add_page(void *page)
{
    grow_list();
    pages[npages++] = page; // expect: data-race 'npages'
}

static void set_limit(long v)
{
    limit = v; // expect: data-race 'limit'
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
    prefill(2);
    set_limit(500);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return npages > 0 ? 0 : 1;
}
