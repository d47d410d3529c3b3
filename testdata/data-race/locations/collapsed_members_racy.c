/*
 * collapsed_members_racy.c - a settings block with many members (130 here,
 * generated), filled by main and then handed to two threads: the reloader
 * writes `generation`, the logger `verbosity` - and, on every tenth
 * round, `generation` too.
 *
 * TRUTH: a race on generation: both threads increment it without a lock.
 * The other members stay apart (main's reads come before the threads).
 *
 * The model keeps at most 128 member locations per local object; past that
 * the object is one location (points-to collapses it). Accesses that name
 * members of the struct type through pointers still name their bytes: two
 * members of one type that do not overlap are apart.
 */
#include <pthread.h>
#include <stdio.h>

#define D(n) int opt##n;
#define D10(n) D(n##0) D(n##1) D(n##2) D(n##3) D(n##4) D(n##5) D(n##6) D(n##7) D(n##8) D(n##9)
#define S(n) sum += s->opt##n;
#define S10(n) S(n##0) S(n##1) S(n##2) S(n##3) S(n##4) S(n##5) S(n##6) S(n##7) S(n##8) S(n##9)

struct settings {
    D10(1) D10(2) D10(3) D10(4) D10(5) D10(6) D10(7) D10(8) D10(9) D10(10) D10(11) D10(12) D10(13)
    long generation;
    int verbosity;
};

static long checksum(const struct settings *s)
{
    long sum = 0;
    S10(1) S10(2) S10(3) S10(4) S10(5) S10(6) S10(7) S10(8) S10(9) S10(10) S10(11) S10(12) S10(13)
    return sum;
}

static void *reloader(void *arg)
{
    struct settings *s = arg;
    for (int i = 0; i < 100; i++)
        s->generation++; // expect: data-race 's->generation'
    return NULL;
}

static void *logger(void *arg)
{
    struct settings *s = arg;
    for (int i = 0; i < 100; i++) {
        s->verbosity = i & 3;
        if (i % 10 == 0)
            s->generation++;
    }
    return NULL;
}

int main(void)
{
    struct settings cfg = {0};
    pthread_t a, b;
    printf("%ld\n", checksum(&cfg));
    pthread_create(&a, NULL, reloader, &cfg);
    pthread_create(&b, NULL, logger, &cfg);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("%ld %d\n", cfg.generation, cfg.verbosity);
    return 0;
}
