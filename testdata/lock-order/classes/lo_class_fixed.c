// expect-no-findings
/*
 * lo_class_fixed.c - lo_class_racy.c's locks of one kind taken in one
 * global order:
 * - the philosophers take the lower-numbered fork first (`if (left <
 *   right)`);
 * - a transfer between two accounts of an array orders them by address
 *   (`first = a < b ? a : b`);
 * - every thread takes the constant elements in one order, m[0] then m[1];
 * - the guests take their two seats holding one host lock (a gate);
 * - a walk down a list takes the next node's lock before it releases the
 *   current one (hand over hand: the list orders them).
 *
 * TRUTH: no deadlock (and no race).
 */
#include <pthread.h>
#include <stdlib.h>

#define N 5

static pthread_mutex_t fork_[N], seat[N], m[2];
static pthread_mutex_t host = PTHREAD_MUTEX_INITIALIZER;
static int eaten[N], served[N], shared;

static void *philosopher(void *arg)
{
    long i = (long)arg;
    int left = i, right = (i + 1) % N;
    if (left < right) {
        pthread_mutex_lock(&fork_[left]);
        pthread_mutex_lock(&fork_[right]);
    } else {
        pthread_mutex_lock(&fork_[right]);
        pthread_mutex_lock(&fork_[left]);
    }
    eaten[i]++;
    pthread_mutex_unlock(&fork_[right]);
    pthread_mutex_unlock(&fork_[left]);
    return NULL;
}

struct acct {
    pthread_mutex_t m;
    long bal;
};

static struct acct accts[N];

static void transfer(struct acct *a, struct acct *b)
{
    struct acct *first = a < b ? a : b, *second = a < b ? b : a;
    pthread_mutex_lock(&first->m);
    pthread_mutex_lock(&second->m);
    first->bal += 0;
    pthread_mutex_unlock(&second->m);
    pthread_mutex_unlock(&first->m);
}

static void *teller(void *arg)
{
    long i = (long)arg;
    transfer(&accts[i], &accts[(i + 1) % N]);
    return NULL;
}

static void *one_way(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&m[0]);
    pthread_mutex_lock(&m[1]);
    shared++;
    pthread_mutex_unlock(&m[1]);
    pthread_mutex_unlock(&m[0]);
    return NULL;
}

static void *guest(void *arg)
{
    long s = (long)arg;
    pthread_mutex_lock(&host);
    pthread_mutex_lock(&seat[s]);
    pthread_mutex_lock(&seat[(s + 1) % N]);
    served[s]++;
    pthread_mutex_unlock(&seat[(s + 1) % N]);
    pthread_mutex_unlock(&seat[s]);
    pthread_mutex_unlock(&host);
    return NULL;
}

struct node {
    pthread_mutex_t lock;
    struct node *next;
    long v;
};

static struct node *head;

static void *walker(void *arg)
{
    (void)arg;
    struct node *n = head;
    long s = 0;
    pthread_mutex_lock(&n->lock);
    while (n->next) {
        struct node *next = n->next;
        pthread_mutex_lock(&next->lock);
        s += n->v;
        pthread_mutex_unlock(&n->lock);
        n = next;
    }
    pthread_mutex_unlock(&n->lock);
    return (void *)s;
}

int main(void)
{
    pthread_t p[N], t[N], g[N], a, b, w[2];
    for (int i = 0; i < N; i++) {
        pthread_mutex_init(&fork_[i], NULL);
        pthread_mutex_init(&seat[i], NULL);
        pthread_mutex_init(&accts[i].m, NULL);
        struct node *n = calloc(1, sizeof *n);
        pthread_mutex_init(&n->lock, NULL);
        n->next = head;
        head = n;
    }
    pthread_mutex_init(&m[0], NULL);
    pthread_mutex_init(&m[1], NULL);
    for (long i = 0; i < N; i++) {
        pthread_create(&p[i], NULL, philosopher, (void *)i);
        pthread_create(&t[i], NULL, teller, (void *)i);
        pthread_create(&g[i], NULL, guest, (void *)i);
    }
    pthread_create(&a, NULL, one_way, NULL);
    pthread_create(&b, NULL, one_way, NULL);
    for (int i = 0; i < 2; i++)
        pthread_create(&w[i], NULL, walker, NULL);
    for (int i = 0; i < N; i++) {
        pthread_join(p[i], NULL);
        pthread_join(t[i], NULL);
        pthread_join(g[i], NULL);
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(w[i], NULL);
    return eaten[0] + served[0] + shared + (int)accts[0].bal;
}
