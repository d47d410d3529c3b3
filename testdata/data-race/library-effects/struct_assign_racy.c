/*
 * struct_assign_racy.c - main resets the whole configuration with a struct
 * assignment (and then a compound literal) while a worker sets one field.
 *
 * `cfg = defaults;` writes every field of cfg, so it conflicts with the
 * worker's cfg.port = 80 with no lock in common: a race reported on the
 * field, cfg.port. The worker's write is first in the file: primary.
 */
#include <pthread.h>

struct server_cfg {
    int port;
    int workers;
    const char *name;
};

static struct server_cfg cfg;
static const struct server_cfg defaults = {8080, 4, "srv"};

static void *worker(void *arg)
{
    (void)arg;
    cfg.port = 80; // expect: data-race 'cfg.port'
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    cfg = defaults;
    cfg = (struct server_cfg){.port = 443};
    pthread_join(t, NULL);
    return cfg.port;
}
