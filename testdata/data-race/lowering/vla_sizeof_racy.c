/*
 * vla_sizeof_racy.c - sizeof of a variable-length array type is computed at
 * run time (C11 6.5.3.4p2): `sizeof(int[rows])` reads rows, and so does a
 * typedef of a VLA type when it is reached. A sizeof of an ordinary type or
 * expression reads nothing (`sizeof cols` below is not an access).
 */
#include <pthread.h>
#include <stdlib.h>

static int rows = 4, cols = 4;

static void *worker(void *arg)
{
    (void)arg;
    void *p = malloc(sizeof(int[rows]));
    typedef int line[cols];
    free(p);
    return (void *)(sizeof(line) + sizeof cols);
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    rows = 8; // expect: data-race 'rows'
    cols = 8; // expect: data-race 'cols'
    pthread_join(t, NULL);
    return 0;
}
