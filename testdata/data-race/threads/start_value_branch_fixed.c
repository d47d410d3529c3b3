// expect-no-findings
/*
 * start_value_branch_fixed.c - a poller routine started twice: with a
 * config pointer it applies the config, with NULL it counts an idle poll in
 * its `else` branch. main joins the NULL poller, reads idle_polls, and joins
 * the configured one last.
 *
 * TRUTH: no race: `if (cfg)` is false only for the poller started with
 * NULL, which main joins before it reads idle_polls; the configured poller
 * never reaches the else branch.
 */
#include <pthread.h>
#include <stdio.h>

struct config { int interval; };

static struct config defaults = {5};
static long idle_polls;
static int applied;

static void *poller(void *arg)
{
    struct config *cfg = arg;

    if (cfg != NULL)
        applied = cfg->interval;
    else
        idle_polls++;
    return NULL;
}

int main(void)
{
    pthread_t quiet, busy;

    pthread_create(&quiet, NULL, poller, NULL);
    pthread_create(&busy, NULL, poller, &defaults);
    pthread_join(quiet, NULL);
    printf("idle %ld\n", idle_polls);
    pthread_join(busy, NULL);
    printf("applied %d\n", applied);
    return 0;
}
