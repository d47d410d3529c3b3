/*
 * once_started_flag_racy.c - once_started_flag_fixed.c recording the start
 * only in verbose mode: without -v the writer runs but the flag stays 0,
 * so main skips the join and reads the count while the writer may still
 * write it.
 *
 * TRUTH: races on written: the flag is not set on every path where the
 * writer started, so a 0 flag does not mean no writer runs.
 */
#include <pthread.h>
#include <stdio.h>

static int writer_started;
static pthread_t writer_thread;
static long written;

static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) written++; // expect: data-race 'written'
    return NULL;
}

int main(int argc, char **argv)
{
    int verbose = argc > 1 && argv[1][0] == 'v';
    if (pthread_create(&writer_thread, NULL, writer, NULL) == 0 && verbose) writer_started = 1; /* BUG */
    if (writer_started) pthread_join(writer_thread, NULL);
    printf("%ld\n", written);
    return 0;
}
