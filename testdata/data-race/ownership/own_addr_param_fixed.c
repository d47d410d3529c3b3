// expect-no-findings
/*
 * own_addr_param_fixed.c - a producer allocates a record and fills it with
 * init(), which walks its count parameter through a helper by address
 * (`clamp(&n)`), then publishes the record under the list's lock; a
 * consumer walks the list under the lock and reads the records.
 *
 * TRUTH: no race: the writes init() makes through `r` (in fill()) come
 * before the record is published. Taking the address of init's *other* parameter (`&n`) lets
 * only that parameter escape; before, one `&param` made every parameter
 * of the function count as escaping, so `r` was not known fresh in
 * fill().
 */
#include <pthread.h>
#include <stdlib.h>

struct rec {
    struct rec *next;
    int count;
    int data[8];
};

static struct rec *list;
static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;

static void clamp(int *n) {
    if (*n > 8) *n = 8;
}

static void fill(struct rec *r, int n) {
    r->count = n;
    for (int i = 0; i < n; i++) r->data[i] = i;
}

static void init(struct rec *r, int n) {
    clamp(&n);
    fill(r, n);
}

static void *producer(void *arg) {
    (void)arg;
    for (int k = 0; k < 4; k++) {
        struct rec *r = malloc(sizeof *r);
        if (!r) return NULL;
        init(r, k + 3);
        pthread_mutex_lock(&list_lock);
        r->next = list;
        list = r;
        pthread_mutex_unlock(&list_lock);
    }
    return NULL;
}

static void *consumer(void *arg) {
    (void)arg;
    long sum = 0;
    for (int k = 0; k < 4; k++) {
        pthread_mutex_lock(&list_lock);
        for (struct rec *r = list; r; r = r->next) sum += r->count + r->data[0];
        pthread_mutex_unlock(&list_lock);
    }
    return (void *)sum;
}

int main(void) {
    pthread_t p, c;
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    return 0;
}
