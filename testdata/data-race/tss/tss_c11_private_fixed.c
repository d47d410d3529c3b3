// expect-no-findings
/*
 * tss_c11_private_fixed.c - C11 threads: each worker allocates a counter
 * block, keeps it with tss_set, and a helper two calls down finds it again
 * with tss_get and updates it.
 *
 * tss_get returns the value the calling thread stored: each worker updates
 * only its own block. No finding.
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
    t->seen++;
    t->bytes += n;
}

static void process(long n)
{
    account(n);
}

static int worker(void *arg)
{
    (void)arg;
    struct tally *t = malloc(sizeof *t);
    if (!t)
        return 1;
    t->seen = 0;
    t->bytes = 0;
    tss_set(tally_key, t);
    for (long i = 0; i < 16; i++)
        process(i);
    return 0;
}

int main(void)
{
    thrd_t t[2];
    tss_create(&tally_key, free);
    for (int i = 0; i < 2; i++)
        thrd_create(&t[i], worker, NULL);
    for (int i = 0; i < 2; i++)
        thrd_join(t[i], NULL);
    tss_delete(tally_key);
    return 0;
}
