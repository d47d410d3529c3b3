// expect-no-findings
/*
 * own_publish_helper_fixed.c - a producer allocates a message, fills its
 * payload and hands it to push(), which finishes initialising it (clears
 * its link, stamps it) while it is still private and only then links it
 * into the shared list under the list's lock. A consumer pops messages
 * under the lock and reads them.
 *
 * TRUTH: no race: push()'s writes through its parameter come before the
 * store that publishes the message (`head = m` under the lock), and the
 * producer passes a message nothing else can reach yet.
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
static long clock_ticks;

static void push(struct msg *m)
{
    m->next = NULL;
    m->stamp = 1;
    pthread_mutex_lock(&list_lock);
    m->stamp += clock_ticks++;
    m->next = head;
    head = m;
    pthread_mutex_unlock(&list_lock);
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
