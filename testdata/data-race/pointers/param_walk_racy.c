/*
 * param_walk_racy.c - the helpers of param_walk_fixed.c, which walk the
 * buffer they are given with pointer arithmetic, but the writer thread
 * also hands main's buffer to them. A cursor assigned from the parameter
 * and then stepped stays in the objects the thread's calls pass: here
 * that includes `work`.
 *
 * TRUTH: racy. The writer reads `work` through put()'s cursor while main
 * fills it, and reads `spare` through either()'s cursor, which may be
 * assigned something else than the parameter (`next = spare`): such a
 * cursor is not narrowed to what the calls pass.
 */
#include <pthread.h>
#include <stdio.h>

static unsigned char work[64], copy[64], spare[64];

static long put(const void *buf, long len)
{
    const unsigned char *next = buf;
    long sum = 0;
    while (len > 1) {
        sum += *next;
        next += 1;
        len--;
    }
    return sum;
}

static void fill(unsigned char *p, long len, unsigned char v)
{
    while (len--)
        *p++ = v;
}

static long either(const unsigned char *a, long len, int second)
{
    const unsigned char *next = a;
    if (second)
        next = spare;
    long sum = 0;
    while (len--)
        sum += *next++;
    return sum;
}

static void *writer(void *arg)
{
    fill(copy, sizeof copy, 7);
    printf("%ld\n", put(copy, sizeof copy) + put(work, sizeof work));
    printf("%ld\n", either(copy, sizeof copy, 1));
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, writer, NULL);
    for (int i = 0; i < 64; i++)
        work[i] = 1; // expect: data-race 'work[i]'
    printf("%ld\n", put(work, sizeof work));
    spare[3] = 2; // expect: data-race 'spare[3]'
    pthread_join(t, NULL);
    return 0;
}
