/*
 * vla_size_racy.c - a variable-length array's size expression is evaluated
 * when the declaration is reached (C11 6.8p3): `char buf[len]` reads len.
 * main changes len while the worker may be declaring its buffer.
 */
#include <pthread.h>
#include <string.h>

static int len = 16;

static void *worker(void *arg)
{
    (void)arg;
    char buf[len];
    memset(buf, 0, sizeof buf);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    len = 64; // expect: data-race 'len'
    pthread_join(t, NULL);
    return 0;
}
