// racecheck-args: -- $(pkg-config --cflags libuv)
/*
 * uv_work_after_racy.c - where after-work callbacks run.
 *
 * after_cb runs on the loop thread (main, inside uv_run) and counts the
 * finished requests in `completed`. A monitor thread started with
 * uv_thread_create before uv_run and joined after it reads `completed`
 * without a lock: the monitor's read and after_cb's write race.
 *
 * after_cb also writes `last_status`, which work_cb reads. In libuv the
 * after-work callback of one request may run while the work of another
 * request still runs in the pool: a real race. racecheck runs every
 * after-work callback once uv_run has waited for all the work
 * (docs/precision.md), so it misses it: a known miss.
 */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

static long completed;
static int last_status;

static void work_cb(uv_work_t *req)
{
    (void)req;
    if (last_status != 0)
        fprintf(stderr, "previous request failed\n");
}

static void after_cb(uv_work_t *req, int status)
{
    last_status = status; // known-miss: data-race 'last_status'
    completed++; // expect: data-race 'completed'
    free(req);
}

static void monitor(void *arg)
{
    (void)arg;
    printf("%ld completed so far\n", completed);
}

int main(void)
{
    uv_loop_t *loop = uv_default_loop();
    uv_thread_t mon;
    for (int i = 0; i < 4; i++) {
        uv_work_t *req = malloc(sizeof *req);
        if (!req)
            return 1;
        uv_queue_work(loop, req, work_cb, after_cb);
    }
    uv_thread_create(&mon, monitor, NULL);
    uv_run(loop, UV_RUN_DEFAULT);
    uv_thread_join(&mon);
    return 0;
}
