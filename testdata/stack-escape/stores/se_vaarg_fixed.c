// expect-no-findings
/*
 * se_vaarg_fixed.c - a variadic setter in the style of curl_easy_setopt:
 * the callback and the pointer it stores into the shared handle come out
 * of va_arg(ap, T), the caller's arguments - not the address of the
 * function's own va_list (whose array type decays to a pointer to it).
 *
 * TRUTH: no stack escape (and no race: the handle is set up before the
 * worker starts).
 */
#include <pthread.h>
#include <stdarg.h>

typedef void (*progress_cb)(long);

struct handle {
    progress_cb progress;
    void *userdata;
};

static struct handle *shared_handle;

enum { OPT_PROGRESS, OPT_USERDATA };

static void setopt(struct handle *h, int option, ...)
{
    va_list ap;
    va_start(ap, option);
    switch (option) {
    case OPT_PROGRESS:
        h->progress = va_arg(ap, progress_cb);
        break;
    case OPT_USERDATA:
        h->userdata = va_arg(ap, void *);
        break;
    }
    va_end(ap);
}

static void report(long done) { (void)done; }

static void *transfer(void *arg)
{
    (void)arg;
    if (shared_handle->progress) shared_handle->progress(100);
    return shared_handle->userdata;
}

int main(void)
{
    static struct handle h;
    static int data;
    shared_handle = &h;
    setopt(&h, OPT_PROGRESS, report);
    setopt(&h, OPT_USERDATA, &data);
    pthread_t t;
    pthread_create(&t, NULL, transfer, NULL);
    pthread_join(t, NULL);
    return 0;
}
