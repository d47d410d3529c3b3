/*
 * inside_lock_rounds_racy.c - inside_lock_rounds_fixed.c where the loop
 * releases the store lock before it joins the round's writer: the writer
 * may still be running after main unlocked.
 *
 * TRUTH: a race on pages_written: the loop's writer instances are no
 * longer inside main's hold of `store_lock` when they finish, so one may
 * overlap the compactor's locked update.
 */
#include <pthread.h>

static pthread_mutex_t store_lock = PTHREAD_MUTEX_INITIALIZER;
static long pages_written;

static void *checkpoint_writer(void *arg)
{
    pages_written += 16; // expect: data-race 'pages_written'
    return arg;
}

static void *compactor(void *arg)
{
    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&store_lock);
        pages_written /= 2;
        pthread_mutex_unlock(&store_lock);
    }
    return arg;
}

static void checkpoint(void)
{
    pthread_t w;
    pthread_mutex_lock(&store_lock);
    pthread_create(&w, NULL, checkpoint_writer, NULL);
    pthread_join(w, NULL);
    pthread_mutex_unlock(&store_lock);
}

int main(void)
{
    pthread_t c, w;
    pthread_create(&c, NULL, compactor, NULL);
    for (int round = 0; round < 3; round++) {
        pthread_mutex_lock(&store_lock);
        pthread_create(&w, NULL, checkpoint_writer, NULL);
        pthread_mutex_unlock(&store_lock);
        pthread_join(w, NULL);
    }
    checkpoint();
    checkpoint();
    pthread_join(c, NULL);
    return (int)pages_written;
}
