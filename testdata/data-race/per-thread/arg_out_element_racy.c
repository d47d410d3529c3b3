/*
 * arg_out_element_racy.c - the array argument records of
 * arg_out_element_fixed.c, but the out pointers do not single out each
 * worker's own slot:
 * - `args[i].out = &squares[i / 2]`: workers 2k and 2k + 1 share a slot;
 * - `wargs[i].out = &words[i]` stored in the create loop, but the loop
 *   then points the first record at the last slot (`wargs[0].out =
 *   &words[N - 1]`, a constant element): workers 0 and N - 1 share it,
 *   and worker 0 may be reading its record's out while main changes it;
 * - cubes: each worker's own slot, but the join loop reads the next one,
 *   `cubes[i + 1]`, right after joining worker i: worker i + 1 may still
 *   be writing it.
 *
 * TRUTH: racy on squares[], words[], wargs[0].out and cubes[].
 */
#include <pthread.h>
#include <stdio.h>

#define N 4

struct arg {
    int id;
    long *out;
};

static long squares[N];
static long words[N];
static struct arg wargs[N];

static void *square(void *p)
{
    struct arg *a = p;
    *a->out += (long)a->id * a->id; // expect: data-race '*(a->out)'
    return NULL;
}

static void *count(void *p)
{
    struct arg *a = p;
    for (int line = 0; line < 100; line++)
        *a->out += line % 7; // expect: data-race '*(a->out)'
    return NULL;
}

static long sum_squares(void)
{
    pthread_t t[N];
    struct arg args[N];
    for (int i = 0; i < N; i++) {
        args[i].id = i;
        args[i].out = &squares[i / 2];
        pthread_create(&t[i], NULL, square, &args[i]);
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return squares[0] + squares[1];
}

static long count_words(void)
{
    pthread_t t[N];
    for (int i = 0; i < N; i++) {
        wargs[i].id = i;
        wargs[i].out = &words[i];
        if (i == N - 1)
            wargs[0].out = &words[N - 1]; // expect: data-race 'wargs[0].out'
        pthread_create(&t[i], NULL, count, &wargs[i]);
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return words[N - 1];
}

static long cubes[N + 1];

static void *cube(void *p)
{
    struct arg *a = p;
    *a->out = (long)a->id * a->id * a->id; // expect: data-race '*(a->out)'
    return NULL;
}

static long sum_cubes(void)
{
    pthread_t t[N];
    struct arg cargs[N];
    for (int i = 0; i < N; i++) {
        cargs[i].id = i;
        cargs[i].out = &cubes[i];
        pthread_create(&t[i], NULL, cube, &cargs[i]);
    }
    long s = 0;
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        int next = i + 1;
        s += cubes[next];
    }
    return s;
}

int main(void)
{
    printf("%ld %ld %ld\n", sum_squares(), count_words(), sum_cubes());
    return 0;
}
