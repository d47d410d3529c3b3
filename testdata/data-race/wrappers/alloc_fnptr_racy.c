/*
 * alloc_fnptr_racy.c - calls through global function pointers that do not
 * only hold allocators. get_block starts as malloc, but main installs
 * reuse_block, which hands out one static scratch block; get_spare is
 * replaced through a pointer to it. So take_block() and take_spare() are
 * no allocation wrappers: every worker gets the same block. Taken for
 * allocators, each call site would make a fresh object per worker and the
 * races on the scratch blocks would be missed.
 *
 * TRUTH: two races: the workers' unlocked increments of scratch and of
 * spare, through the blocks take_block() and take_spare() return.
 */
#include <pthread.h>
#include <stdlib.h>

typedef void *(*malloc_t)(size_t);
static malloc_t get_block = malloc;
static malloc_t get_spare = malloc;

static long scratch, spare;

static void *reuse_block(size_t size)
{
    (void)size;
    return &scratch;
}

static void *reuse_spare(size_t size)
{
    (void)size;
    return &spare;
}

static void install(malloc_t *slot, malloc_t f)
{
    *slot = f;
}

static void *take_block(size_t size)
{
    void *b = get_block(size);
    if (b == NULL)
        abort();
    return b;
}

static void *take_spare(size_t size)
{
    void *b = get_spare(size);
    if (b == NULL)
        abort();
    return b;
}

static void *worker(void *arg)
{
    long *b = take_block(sizeof *b);
    *b += 1; // expect: data-race '*b'
    long *s = take_spare(sizeof *s);
    *s += 1; // expect: data-race '*s'
    return arg;
}

int main(void)
{
    get_block = reuse_block;
    install(&get_spare, reuse_spare);
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
