// expect-no-findings
/*
 * own_queue_fixed.c - the producer allocates a job, fills it in and pushes it
 * on a list under the mutex; the consumer pops it under the mutex and works
 * on it outside the lock, then frees it. The job is moved: no race.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
struct job { struct job *next; int payload; int result; };
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static struct job *head;
static void *consumer(void *arg) {
    (void)arg;
    for (int k = 0; k < 10; k++) {
        pthread_mutex_lock(&m);
        struct job *j = head;
        if (j) head = j->next;
        pthread_mutex_unlock(&m);
        if (!j) continue;
        j->result = j->payload * 2;
        printf("%d\n", j->result);
        free(j);
    }
    return NULL;
}
int main(void) {
    pthread_t t;
    pthread_create(&t, NULL, consumer, NULL);
    for (int i = 0; i < 10; i++) {
        struct job *j = malloc(sizeof *j);
        if (!j) return 1;
        j->payload = i;
        j->result = 0;
        pthread_mutex_lock(&m);
        j->next = head;
        head = j;
        pthread_mutex_unlock(&m);
    }
    pthread_join(t, NULL);
    return 0;
}
