/*
 * un_twice_handover_fixed.c - un_twice_handover_racy.c fixed: on finding
 * its key the walk unlocks the current node (the previous one is already
 * released). The walk's own `unlock(&prev->lock)` in every round names a
 * new node each time (`prev = cur` between), which is not a second unlock.
 * Known false alarm: `cur == key` makes `key->lock` a second name of the
 * held lock, and the unlock through `cur` drops only the name it spells
 * (a release by another path drops every lock that may be the object,
 * which would undo hand-over-hand walks: the model keeps no must-alias
 * between the two locals).
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
            pthread_mutex_unlock(&cur->lock);
            return 1; // known-false-alarm: lock-leak 'key->lock'
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
