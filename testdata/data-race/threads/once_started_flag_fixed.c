// expect-no-findings
/*
 * once_started_flag_fixed.c - main starts the writer thread and records
 * in a flag whether pthread_create succeeded; at exit it joins the writer
 * only when the flag says it was started, then prints what the writer
 * counted.
 *
 * TRUTH: no race. Where the flag is 0 no writer runs (the create failed
 * and nothing else sets it); where it is set, main joins the writer before
 * reading its count (once.c: a started flag).
 */
#include <pthread.h>
#include <stdio.h>

static int writer_started;
static pthread_t writer_thread;
static long written;

static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) written++;
    return NULL;
}

int main(void)
{
    if (pthread_create(&writer_thread, NULL, writer, NULL) == 0) writer_started = 1;
    else fprintf(stderr, "cannot start the writer\n");
    /* ... serve ... */
    if (writer_started) pthread_join(writer_thread, NULL);
    printf("%ld\n", written);
    return 0;
}
