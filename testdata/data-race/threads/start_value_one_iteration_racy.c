/*
 * start_value_one_iteration_racy.c - spawn loops that hand a pointer to
 * more than one worker:
 *   - `i < 2 ? &stats : NULL`: the first two workers both count into it;
 *   - `i == 0 ? &log : NULL` in a helper main calls twice: two first
 *     workers, one per call, both write the log.
 *
 * TRUTH: races on st->hits and l->lines.
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
            st->hits++; // expect: data-race 'st->hits'
    return NULL;
}

static void *writer(void *arg)
{
    struct log *l = arg;
    if (l)
        l->lines += 2; // expect: data-race 'l->lines'
    return NULL;
}

static void start_writers(pthread_t *w)
{
    for (int i = 0; i < NW; i++)
        pthread_create(&w[i], NULL, writer, i == 0 ? &log_buf : NULL);
}

int main(void)
{
    pthread_t t[NW], w[2 * NW];
    for (int i = 0; i < NW; i++)
        pthread_create(&t[i], NULL, scanner, i < 2 ? &stats : NULL);
    start_writers(w);
    start_writers(w + NW);
    for (int i = 0; i < NW; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 2 * NW; i++)
        pthread_join(w[i], NULL);
    printf("%ld %d\n", stats.hits, log_buf.lines);
    return 0;
}
