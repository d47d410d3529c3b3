/*
 * no_threads.c - a plain sequential program with globals and statics that it
 * reads and writes freely. There is only the main thread, so nothing can
 * race: racecheck must report nothing and exit 0.
 */
#include <stdio.h>
#include <string.h>

#define CAPACITY 16

static int stack[CAPACITY];
static int depth;
long pushes;

static int push(int v)
{
    if (depth == CAPACITY)
        return -1;
    stack[depth++] = v;
    pushes++;
    return 0;
}

static int pop(int *v)
{
    if (depth == 0)
        return -1;
    *v = stack[--depth];
    return 0;
}

int main(int argc, char **argv)
{
    static int calls;
    int v, sum = 0;

    for (int i = 1; i < argc; i++)
        push((int)strlen(argv[i]));
    push(42);
    while (pop(&v) == 0)
        sum += v;
    calls++;
    printf("%ld pushes, sum %d, %d call\n", pushes, sum, calls);
    return 0;
}
