// racecheck-args: --library -- -fvisibility=hidden
/*
 * library_visibility.c - a library built the way libuv, curl and most
 * shared libraries are: `-fvisibility=hidden`, with the API marked
 * `visibility("default")`. Only exported functions are entries of
 * `--library` (users' threads call them); a function with external linkage
 * but hidden visibility is called by the library alone.
 *
 * lib_fill writes `table` unlocked: two users calling it race (exported
 * through API, the attribute on the declaration). fill_helper is hidden
 * (-fvisibility=hidden, no attribute): it writes `scratch`, which only
 * fill_helper touches, and is called only from lib_init, which holds
 * `init_lock`; as an entry of its own it would race with itself.
 * table_reset is hidden by its own attribute too. lib_tick is exported by
 * the attribute on its definition and counts `ticks` unlocked: a race.
 */
#include <pthread.h>

#define API __attribute__((visibility("default")))

API void lib_fill(int v);
API void lib_init(void);

static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static int table[16];
static int scratch;
static long ticks;

void fill_helper(void)
{
    scratch++;
}

__attribute__((visibility("hidden"))) void table_reset(void)
{
    for (int i = 0; i < 16; i++)
        table[i] = 0;
}

void lib_fill(int v)
{
    for (int i = 0; i < 16; i++)
        table[i] = v; // expect: data-race 'table[i]'
}

void lib_init(void)
{
    pthread_mutex_lock(&init_lock);
    fill_helper();
    pthread_mutex_unlock(&init_lock);
}

API void lib_tick(void)
{
    ticks++; // expect: data-race 'ticks'
}
