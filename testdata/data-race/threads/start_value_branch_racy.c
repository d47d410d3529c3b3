/*
 * start_value_branch_racy.c - as start_value_branch_fixed.c (a poller that
 * counts an idle poll when started with NULL and applies the config
 * otherwise), but main joins the configured poller and reads idle_polls
 * while the NULL one may still run.
 *
 * TRUTH: a race on idle_polls: the poller started with NULL takes the else
 * branch and writes it while main reads (primary location: that write).
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
        idle_polls++; // expect: data-race 'idle_polls'
    return NULL;
}

int main(void)
{
    pthread_t quiet, busy;

    pthread_create(&quiet, NULL, poller, NULL);
    pthread_create(&busy, NULL, poller, &defaults);
    pthread_join(busy, NULL);
    printf("idle %ld applied %d\n", idle_polls, applied); /* BUG: quiet still runs */
    pthread_join(quiet, NULL);
    return 0;
}
