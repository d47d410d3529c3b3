// expect-no-findings
/*
 * param_walk_fixed.c - helpers that walk the buffer they are given with
 * pointer arithmetic (pigz's writen(): `next = buf; ... next += ret;`).
 * put() copies bytes out through a cursor local stepped with `+=`, `++`
 * and `next = next + 1`; fill() walks its parameter itself. The writer
 * thread calls them only on its own `copy`, main only on `work`. The
 * parameter's points-to set holds both buffers; within one thread the
 * cursor stays inside the objects the thread's calls pass, whatever the
 * arithmetic.
 *
 * TRUTH: no race. `copy` is only touched by the writer (after its creation
 * and before the join), `work` only by main.
 */
#include <pthread.h>
#include <stdio.h>

static unsigned char work[64], copy[64];

static long put(const void *buf, long len)
{
    const unsigned char *next = buf;
    long sum = 0;
    while (len > 2) {
        sum += *next;
        next += 1;
        sum += *next;
        next++;
        sum += *next;
        next = next + 1;
        len -= 3;
    }
    return sum;
}

static void fill(unsigned char *p, long len, unsigned char v)
{
    while (len--)
        *p++ = v;
}

static void *writer(void *arg)
{
    fill(copy, sizeof copy, 7);
    printf("%ld\n", put(copy, sizeof copy));
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, writer, NULL);
    fill(work, sizeof work, 1);
    printf("%ld\n", put(work, sizeof work));
    pthread_join(t, NULL);
    return 0;
}
