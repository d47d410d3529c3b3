/*
 * own_queue_racy.c - as own_queue_fixed.c, but the producer writes the job
 * again after pushing it: the job is shared, and that write races with the
 * consumer's read (and its free, a write of every field: the first write of
 * the race in the file, so the finding is reported there).
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
        free(j); // expect: data-race 'payload'
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
        j->payload = -1; /* races with the consumer's read and its free */
    }
    pthread_join(t, NULL);
    return 0;
}
