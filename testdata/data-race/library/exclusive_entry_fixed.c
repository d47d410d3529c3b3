// racecheck-args: --library --exclusive-entry lib_replace_allocator --exclusive-entry lib_setenv --exclusive-entry lib_shutdown
/*
 * exclusive_entry_fixed.c - a library whose documentation makes three of its
 * functions run alone, analysed with `--library` and `--exclusive-entry`
 * for each (or ".racecheck.json": "exclusive-entries"):
 *
 *   lib_replace_allocator  "must be called before any other function of the
 *                          library, or after every resource was freed";
 *   lib_setenv             "not thread safe" (it changes the settings every
 *                          other function reads without a lock);
 *   lib_shutdown           "call once, when no other call is in progress".
 *
 * Every other exported function may run in many threads at once, and the
 * worker thread lib_start_worker starts is the library's own. They only
 * read the allocator and the settings, and count their calls under `lock`;
 * while an exclusive entry runs, no other call is in progress and the
 * library's threads are idle: with the contract no pair races. Without it (the same program with plain
 * `--library`) the allocator's four fields, the settings and `nsettings`
 * race - exclusive_entry_racy.c keeps what the contract does not cover.
 */
// expect-no-findings
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct allocator {
    void *(*malloc_fn)(size_t);
    void (*free_fn)(void *);
};

static struct allocator alloc = {malloc, free};
static const char *settings[16];
static int nsettings;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long calls;

int lib_replace_allocator(void *(*m)(size_t), void (*f)(void *))
{
    if (!m || !f) return -1;
    alloc.malloc_fn = m;
    alloc.free_fn = f;
    return 0;
}

static void count_call(void)
{
    pthread_mutex_lock(&lock);
    calls++;
    pthread_mutex_unlock(&lock);
}

void *lib_buffer(size_t n)
{
    count_call();
    return alloc.malloc_fn(n);
}

void lib_release(void *p)
{
    count_call();
    alloc.free_fn(p);
}

int lib_setenv(const char *value)
{
    if (nsettings == 16) return -1;
    settings[nsettings++] = value;
    return 0;
}

const char *lib_getenv(int i)
{
    count_call();
    return i >= 0 && i < nsettings ? settings[i] : NULL;
}

/* the library's own thread: idle while an exclusive entry runs */
static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        void *b = alloc.malloc_fn(64);
        count_call();
        alloc.free_fn(b);
    }
    return NULL;
}

int lib_start_worker(void)
{
    pthread_t t;
    return pthread_create(&t, NULL, worker, NULL);
}

void lib_shutdown(void)
{
    nsettings = 0;
    alloc.malloc_fn = malloc;
    alloc.free_fn = free;
    calls = 0;
}
