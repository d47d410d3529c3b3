// expect-no-findings
/*
 * start_value_one_iteration_fixed.c - a spawn loop that hands the stats
 * block to the first worker only (`i == 0 ? &stats : NULL`) and NULL to
 * the others; a worker counts into the block only when it got one (`if
 * (st && ..)`). A second loop hands a log buffer to its last worker only
 * (`i != NW - 1 ? NULL : &log`), through a local copy of the parameter.
 *
 * TRUTH: no race: one instance of each routine gets the pointer, and main
 * reads after the joins.
 */
#include <pthread.h>
#include <stdio.h>

#define NW 4
struct stats { long hits; };
struct log { int lines; };
static struct stats stats;
static struct log log_buf;

static void *scanner(void *arg)
{
    struct stats *st = arg;
    for (int k = 0; k < 1000; k++)
        if (st && k % 3 == 0)
            st->hits++;
    return NULL;
}

static void *writer(void *arg)
{
    if (arg == NULL)
        return NULL;
    struct log *l = arg;
    l->lines += 2;
    return NULL;
}

int main(void)
{
    pthread_t t[NW], w[NW];
    for (int i = 0; i < NW; i++)
        pthread_create(&t[i], NULL, scanner, i == 0 ? &stats : NULL);
    for (int i = 0; i < NW; i++)
        pthread_create(&w[i], NULL, writer, i != NW - 1 ? NULL : &log_buf);
    for (int i = 0; i < NW; i++) {
        pthread_join(t[i], NULL);
        pthread_join(w[i], NULL);
    }
    printf("%ld %d\n", stats.hits, log_buf.lines);
    return 0;
}
