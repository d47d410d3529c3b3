// expect-no-findings
/*
 * struct_assign_fixed.c - struct_assign_racy.c with the assignments and
 * the worker's field write under cfg_lock.
 */
#include <pthread.h>

struct server_cfg {
    int port;
    int workers;
    const char *name;
};

static struct server_cfg cfg;
static const struct server_cfg defaults = {8080, 4, "srv"};
static pthread_mutex_t cfg_lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&cfg_lock);
    cfg.port = 80;
    pthread_mutex_unlock(&cfg_lock);
    return NULL;
}

int main(void)
{
    pthread_t t;
    int port;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&cfg_lock);
    cfg = defaults;
    cfg = (struct server_cfg){.port = 443};
    pthread_mutex_unlock(&cfg_lock);
    pthread_join(t, NULL);
    port = cfg.port;
    return port;
}
