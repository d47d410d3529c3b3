/*
 * mode_variable_fixed.c - a worker thread that runs part of main's code in
 * a mode (redis's I/O threads): main sets `op` and wakes the worker
 * through a pipe; the worker reads queries only `if (op == OP_READ)`, and
 * the code it shares with main executes commands only `if (op ==
 * OP_IDLE)` (process_input), a mode the worker never sees there: from its
 * test of `op` to process_input's, the worker neither stores into `op` nor
 * synchronises, so `op` is still OP_READ for it. Only main executes
 * commands (`commands`, `last_cmd`, through a helper two calls down).
 *
 * TRUTH: no race. The pipe hand-off orders main's stores into `op` with
 * the worker's reads, but racecheck does not model pipes: the race it
 * reports on `op` is a known false alarm (and the reason the worker's
 * facts about `op` can be trusted: a store it could see would race).
 * Without mode facts, every `commands++` races with the worker.
 */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

enum { OP_IDLE, OP_READ, OP_WRITE };

static int op;
static long commands;
static int last_cmd;
static long reads, writes;
static int to_worker[2], to_main[2];

static void call_command(int cmd)
{
    commands++;
    last_cmd = cmd;
}

static void execute(int cmd)
{
    if (cmd > 0)
        call_command(cmd);
}

static void process_input(int cmd)
{
    if (op != OP_IDLE)
        return; /* an I/O thread only parses */
    execute(cmd);
}

static void read_query(int cmd)
{
    reads++;
    process_input(cmd);
}

static void write_reply(void)
{
    writes++;
}

static void *io_main(void *arg)
{
    char c;

    (void)arg;
    while (read(to_worker[0], &c, 1) == 1) {
        if (op == OP_WRITE)
            write_reply();
        else if (op == OP_READ)
            read_query(c);
        write(to_main[1], "d", 1);
    }
    return NULL;
}

int main(void)
{
    pthread_t t;
    char c;

    if (pipe(to_worker) || pipe(to_main))
        return 1;
    pthread_create(&t, NULL, io_main, NULL);
    for (int round = 0; round < 4; round++) {
        op = round % 2 ? OP_WRITE : OP_READ; // known-false-alarm: data-race 'op'
        write(to_worker[1], "q", 1);
        read(to_main[0], &c, 1);
        op = OP_IDLE;
        process_input(round);
    }
    close(to_worker[1]);
    pthread_join(t, NULL);
    printf("%ld %d %ld %ld\n", commands, last_cmd, reads, writes);
    return 0;
}
