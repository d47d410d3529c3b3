// racecheck-args: -- $(pkg-config --cflags libuv)
/*
 * uv_work_racy.c - libuv's thread pool: uv_queue_work runs work_cb(req) in a
 * pool thread and after_cb(req, status) on the loop thread, during uv_run.
 *
 * Every work_cb instance adds to the global `bytes_total` with no lock: the
 * instances run in parallel with each other (many instances). Each request
 * is its own heap object, filled in before the submission and handed to one
 * work item: no race on its fields. after_cb runs once the work is
 * done (racecheck: after uv_run has waited for all of it), so its reads of
 * the request and main's final read are not involved.
 */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

struct request {
    uv_work_t work;
    long input;
    long output;
};

static long bytes_total;

static void work_cb(uv_work_t *req)
{
    struct request *r = (struct request *)req; /* work is the first member */
    r->output = r->input * 2;
    bytes_total += r->output; // expect: data-race 'bytes_total'
}

static void after_cb(uv_work_t *req, int status)
{
    struct request *r = (struct request *)req; /* work is the first member */
    if (status == 0)
        printf("%ld -> %ld\n", r->input, r->output);
    free(r);
}

int main(void)
{
    uv_loop_t *loop = uv_default_loop();
    for (long i = 0; i < 8; i++) {
        struct request *r = malloc(sizeof *r);
        if (!r)
            return 1;
        r->input = i;
        uv_queue_work(loop, &r->work, work_cb, after_cb);
    }
    uv_run(loop, UV_RUN_DEFAULT);
    printf("%ld\n", bytes_total);
    return 0;
}
