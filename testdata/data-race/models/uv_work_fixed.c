// racecheck-args: -- $(pkg-config --cflags libuv)
// expect-no-findings
/*
 * uv_work_fixed.c - uv_work_racy.c with the total kept by after_cb, which
 * runs on the loop thread (only one thread: no race), and a uv_mutex_t
 * protecting a statistic the work items share.
 *
 * work_cb instances touch only their own request and `calls` under
 * calls_lock; after_cb and main run on the loop thread after the work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

struct request {
    uv_work_t work;
    long input;
    long output;
};

static uv_mutex_t calls_lock;
static long calls;
static long bytes_total;

static void work_cb(uv_work_t *req)
{
    struct request *r = (struct request *)req; /* work is the first member */
    r->output = r->input * 2;
    uv_mutex_lock(&calls_lock);
    calls++;
    uv_mutex_unlock(&calls_lock);
}

static void after_cb(uv_work_t *req, int status)
{
    struct request *r = (struct request *)req; /* work is the first member */
    if (status == 0)
        bytes_total += r->output;
    free(r);
}

int main(void)
{
    uv_loop_t loop;
    uv_loop_init(&loop);
    uv_mutex_init(&calls_lock);
    for (long i = 0; i < 8; i++) {
        struct request *r = malloc(sizeof *r);
        if (!r)
            return 1;
        r->input = i;
        uv_queue_work(&loop, &r->work, work_cb, after_cb);
    }
    uv_run(&loop, UV_RUN_DEFAULT);
    uv_loop_close(&loop);
    printf("%ld bytes in %ld calls\n", bytes_total, calls);
    return 0;
}
