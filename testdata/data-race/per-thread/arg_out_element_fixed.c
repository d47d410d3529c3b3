// expect-no-findings
/*
 * arg_out_element_fixed.c - argument records in an array, one element per
 * worker (`create(.., &args[i])`), each holding the address of the worker's
 * own result slot: `args[i].out = &results[i]` in the create loop (a stack
 * array in sum_squares, a global one in count_words). Worker i's `*a->out`
 * is results[i], which no other worker touches; main reads the results
 * after the joins - squares[i] in the join loop right after joining worker
 * i, the slot that worker's record points to. A bounded queue under one mutex feeds the consumers of
 * count_words (arg_out_pointer_fixed.c is the same with heap records).
 *
 * TRUTH: no race.
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
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static int next_line;

static void *square(void *p)
{
    struct arg *a = p;
    *a->out = (long)a->id * a->id;
    return NULL;
}

static void *count(void *p)
{
    struct arg *a = p;
    for (;;) {
        pthread_mutex_lock(&qlock);
        int line = next_line < 100 ? next_line++ : -1;
        pthread_mutex_unlock(&qlock);
        if (line < 0)
            break;
        *a->out += line % 7;
    }
    return NULL;
}

static long sum_squares(void)
{
    pthread_t t[N];
    struct arg args[N];
    for (int i = 0; i < N; i++) {
        args[i].id = i;
        args[i].out = &squares[i];
        pthread_create(&t[i], NULL, square, &args[i]);
    }
    long s = 0;
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        s += squares[i];
    }
    return s;
}

static long count_words(void)
{
    pthread_t t[N];
    for (int i = 0; i < N; i++) {
        wargs[i].id = i;
        wargs[i].out = &words[i];
        pthread_create(&t[i], NULL, count, &wargs[i]);
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    long s = 0;
    for (int i = 0; i < N; i++)
        s += words[i];
    return s;
}

int main(void)
{
    printf("%ld %ld\n", sum_squares(), count_words());
    return 0;
}
