/*
 * table_lib.c - a library without main whose .racecheck.json names its entry
 * points and, in "exclusive-entries", the one its documentation runs alone:
 * lib_init "must be called before any other function of the library".
 *
 * lib_init sizes the table without a lock; lib_get and lib_put read the
 * size and the table pointer: the contract orders them after it, no race.
 * lib_put's unlocked slot and `used` count race with themselves (two
 * threads may call lib_put at once) and with lib_get's reads.
 */
#include <stdlib.h>

static int *table;
static int size;
static int used;

int lib_init(int n)
{
    table = calloc((size_t)n, sizeof *table);
    size = table ? n : 0;
    return table ? 0 : -1;
}

int lib_get(int i)
{
    return i >= 0 && i < size && i < used ? table[i] : -1;
}

int lib_put(int v)
{
    if (used == size) return -1;
    table[used] = v; // expect: data-race 'table[?]'
    used++; // expect: data-race 'used'
    return 0;
}
