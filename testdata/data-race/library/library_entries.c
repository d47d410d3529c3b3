// racecheck-args: --entry lib_inc --entry lib_get
/*
 * library_entries.c - a library without main: two exported functions share a
 * static counter with no lock.
 *
 * Analysed with `--entry lib_inc --entry lib_get`: each entry function is the
 * root of one thread, and the entry threads may run in parallel. lib_inc's
 * write races with lib_get's read; it is the only write (one instance of
 * lib_inc cannot race with itself), hence the primary location.
 */
static int counter;

void lib_inc(void)
{
    counter++; // expect: data-race 'counter'
}

int lib_get(void)
{
    return counter;
}
