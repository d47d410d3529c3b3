// expect-no-findings
/*
 * strchr_fixed.c - strchr_racy.c with main measuring the line only after
 * the join.
 */
#include <pthread.h>
#include <string.h>

static char line[64] = "key:value";
static size_t length;

static void *worker(void *arg)
{
    (void)arg;
    char *colon = strchr(line, ':');
    if (colon)
        *colon = '\0';
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    length = strlen(line);
    return (int)length;
}
