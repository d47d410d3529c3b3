// expect-no-findings
/*
 * nested_spawn_fixed.c - main starts a parent thread, which starts a child
 * thread and joins it before returning; main joins the parent before
 * touching the global again.
 *
 * The child's write happens before the parent's join returns; the parent's
 * own write follows that join; main's later accesses follow its join of the
 * parent, which returns only after the parent (and so the child) finished.
 * Its first write precedes pthread_create. Every pair is ordered: no finding.
 */
#include <pthread.h>
#include <stdio.h>

static long progress;

static void *child(void *arg)
{
    (void)arg;
    progress += 10;
    return NULL;
}

static void *parent(void *arg)
{
    pthread_t c;

    (void)arg;
    pthread_create(&c, NULL, child, NULL);
    pthread_join(c, NULL);
    progress += 100; /* after the child is joined */
    return NULL;
}

int main(void)
{
    pthread_t p;

    progress = 0;
    pthread_create(&p, NULL, parent, NULL);
    pthread_join(p, NULL);
    progress += 1;
    printf("progress %ld\n", progress);
    return 0;
}
