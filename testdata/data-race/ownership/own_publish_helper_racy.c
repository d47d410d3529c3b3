/*
 * own_publish_helper_racy.c - own_publish_helper_fixed.c where push()
 * stamps the message after it has linked it and released the lock.
 *
 * TRUTH: a race on m->stamp: once `head = m` is made and the lock
 * released, the consumer may pop the message and read its stamp while
 * push() is still writing it. Writes through the parameter before the
 * publication stay private.
 */
#include <pthread.h>
#include <stdlib.h>

struct msg {
    struct msg *next;
    long stamp;
    int payload;
};

static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct msg *head;

static void push(struct msg *m)
{
    m->next = NULL;
    pthread_mutex_lock(&list_lock);
    m->next = head;
    head = m;
    pthread_mutex_unlock(&list_lock);
    m->stamp = 1; // expect: data-race 'm->stamp'
}

static void *producer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 16; i++) {
        struct msg *m = malloc(sizeof *m);
        if (!m)
            break;
        m->payload = i;
        push(m);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    long sum = 0;
    (void)arg;
    for (int i = 0; i < 64; i++) {
        pthread_mutex_lock(&list_lock);
        struct msg *m = head;
        if (m)
            head = m->next;
        pthread_mutex_unlock(&list_lock);
        if (m) {
            sum += m->payload + m->stamp;
            free(m);
        }
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t p, c;
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    return 0;
}
