/*
 * tss_c11_shared_racy.c - as tss_c11_private_fixed.c, but main allocates
 * one tally block and hands the same block to every worker, which keeps it
 * with tss_set: the key is per thread, the block behind it is shared.
 *
 * TRUTH: a race on the block's seen (and bytes): both workers update the
 * one block through the pointer they fetched back with tss_get. The
 * primary location is the first write, `t->seen++`.
 */
#include <stdlib.h>
#include <threads.h>

struct tally {
    long seen;
    long bytes;
};

static tss_t tally_key;

static void account(long n)
{
    struct tally *t = tss_get(tally_key);
    t->seen++; // expect: data-race 'seen'
    t->bytes += n; // expect: data-race 'bytes'
}

static int worker(void *arg)
{
    tss_set(tally_key, arg);
    for (long i = 0; i < 16; i++)
        account(i);
    return 0;
}

int main(void)
{
    thrd_t t[2];
    struct tally *shared = calloc(1, sizeof *shared);
    if (!shared)
        return 1;
    tss_create(&tally_key, NULL);
    for (int i = 0; i < 2; i++)
        thrd_create(&t[i], worker, shared);
    for (int i = 0; i < 2; i++)
        thrd_join(t[i], NULL);
    free(shared);
    return 0;
}
