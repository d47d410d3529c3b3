/*
 * turn_switch_racy.c - turn_switch_fixed.c with the reader waiting for
 * state > -1 (TO_BE_MORE_THAN -1) instead of state != 0: it may go at
 * state 0 too, while main has its turn (state == 0), so the turns overlap
 * and in_len and in_which race.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
typedef struct lock_s { pthread_mutex_t mutex; pthread_cond_t cond; long value; } lock;
enum wait_op { TO_BE, NOT_TO_BE, TO_BE_MORE_THAN, TO_BE_LESS_THAN };
enum twist_op { TO, BY };
lock *new_lock(long initial) {
    lock *bolt = malloc(sizeof(lock));
    if (!bolt) abort();
    pthread_mutex_init(&bolt->mutex, NULL);
    pthread_cond_init(&bolt->cond, NULL);
    bolt->value = initial;
    return bolt;
}
void possess(lock *bolt) { pthread_mutex_lock(&bolt->mutex); }
void release(lock *bolt) { pthread_mutex_unlock(&bolt->mutex); }
void twist(lock *bolt, enum twist_op op, long val) {
    if (op == TO) bolt->value = val;
    else if (op == BY) bolt->value += val;
    pthread_cond_broadcast(&bolt->cond);
    pthread_mutex_unlock(&bolt->mutex);
}
void wait_for(lock *bolt, enum wait_op op, long val) {
    switch (op) {
    case TO_BE: while (!(bolt->value == val)) pthread_cond_wait(&bolt->cond, &bolt->mutex); break;
    case NOT_TO_BE: while (!(bolt->value != val)) pthread_cond_wait(&bolt->cond, &bolt->mutex); break;
    case TO_BE_MORE_THAN: while (!(bolt->value > val)) pthread_cond_wait(&bolt->cond, &bolt->mutex); break;
    case TO_BE_LESS_THAN: while (!(bolt->value < val)) pthread_cond_wait(&bolt->cond, &bolt->mutex);
    }
}
static lock *state;
static int in_len, in_which;
static void *reader(void *arg) {
    (void)arg;
    int len;
    do {
        possess(state);
        wait_for(state, TO_BE_MORE_THAN, -1);
        if (state->value > 1) { release(state); break; }
        in_len = len = in_which ? 10 : 5; // expect: data-race 'in_len'
        twist(state, TO, 0);
    } while (len == 10);
    return NULL;
}
int main(void) {
    pthread_t t;
    in_which = 1;
    state = new_lock(1);
    pthread_create(&t, NULL, reader, NULL);
    for (int i = 0; i < 5; i++) {
        possess(state);
        wait_for(state, TO_BE, 0);
        release(state);
        printf("%d\n", in_len);
        in_which = 1 - in_which; // expect: data-race 'in_which'
        possess(state);
        twist(state, TO, 1);
    }
    possess(state);
    wait_for(state, TO_BE, 0);
    twist(state, TO, 2);
    pthread_join(t, NULL);
    return 0;
}
