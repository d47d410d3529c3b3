/*
 * issue 14.9: a racecheck-ignore whose rule list is longer than 255
 * characters, the first 255 of them valid names; the unknown rule after
 * them must be reported and the directive suppress nothing (a 256-byte
 * copy cut it off, and the directive suppressed the race silently).
 */
#include <pthread.h>

int counter;

static void *worker(void *arg)
{
    // racecheck-ignore[data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,data-race,     no-such-rule]: an unknown rule hidden past 255 characters
    counter++; // expect: data-race 'counter'
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    counter++;
    pthread_join(t, NULL);
    return 0;
}
