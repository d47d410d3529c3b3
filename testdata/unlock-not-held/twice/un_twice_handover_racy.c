/*
 * un_twice_handover_racy.c - a hand-over-hand walk that, on finding its
 * key, unlocks the previous node a second time (it already released it
 * when it took the current one) and returns with the current node still
 * locked. The second unlock of `prev->lock` is of a mutex this thread no
 * longer holds (the current node's lock, taken before, may be another
 * name of it only if prev == cur, which the lock of cur while prev was
 * held rules out); the return leaks `cur->lock`, reported once under the
 * name that took it (`cur == key` makes `key->lock` another name of it).
 */
#include <pthread.h>
#include <stddef.h>

struct node {
    pthread_mutex_t lock;
    long hits;
    struct node *next;
};

static struct node n3 = {PTHREAD_MUTEX_INITIALIZER, 0, NULL};
static struct node n2 = {PTHREAD_MUTEX_INITIALIZER, 0, &n3};
static struct node head = {PTHREAD_MUTEX_INITIALIZER, 0, &n2};

static int touch(struct node *key) {
    struct node *prev = &head;
    pthread_mutex_lock(&prev->lock);
    struct node *cur = prev->next;
    while (cur) {
        pthread_mutex_lock(&cur->lock);
        pthread_mutex_unlock(&prev->lock);
        if (cur == key) {
            cur->hits++;
            pthread_mutex_unlock(&prev->lock); // expect: unlock-not-held 'prev->lock'
            return 1; // expect: lock-leak 'cur->lock'
        }
        prev = cur;
        cur = cur->next;
    }
    pthread_mutex_unlock(&prev->lock);
    return 0;
}

static void *client(void *arg) {
    touch(arg);
    return NULL;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, client, &n2);
    pthread_create(&b, NULL, client, &n3);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
