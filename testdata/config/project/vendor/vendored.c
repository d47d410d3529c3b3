/*
 * vendored.c - third-party code excluded by the configuration's
 * "exclude": ["vendor/**"]: it is not analysed at all (its race would be
 * an unexpected finding for verify if it were).
 */
#include <pthread.h>

static int vendor_state;

static void *vendor_worker(void *arg)
{
    (void)arg;
    vendor_state++;
    return NULL;
}

void vendor_start(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, vendor_worker, NULL);
}
