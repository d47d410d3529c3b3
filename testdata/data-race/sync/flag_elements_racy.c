/*
 * flag_elements_racy.c - the done flags of flag_elements_fixed.c, broken
 * three ways: a worker updates its result again after setting its flag;
 * main, after waiting for done[i], reads the neighbour's `late[i + 1]`
 * (whose worker may not be done); and a helper thread sets every element
 * of a second flag array (`seen[k]` for all k), so seeing seen[i] says
 * nothing about worker i. Last, a wait loop that stops one short
 * (`i < N - 1`) leaves the last worker running when main sums `part[]`.
 *
 * TRUTH: racy on `result` (the write after the flag), `late` (the
 * neighbour's element) and `extra` (written after done[id], before
 * seen[id], a flag any thread sets) and `part` (the last worker's).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define N 4

static atomic_int done[N], seen[N];
static atomic_int fin[N];
static long result[N], late[N + 1], extra[N], part[N];

static void *worker(void *arg)
{
    long id = (long)arg;
    result[id] = id * id;
    late[id] = id; // expect: data-race 'late[id]'
    atomic_store(&done[id], 1);
    result[id] += 1; // expect: data-race 'result[id]'
    extra[id] = 2 * id; // expect: data-race 'extra[id]'
    atomic_store(&seen[id], 1);
    part[id] = id; // expect: data-race 'part[id]'
    atomic_store(&fin[id], 1);
    return NULL;
}

static void *helper(void *arg)
{
    for (int k = 0; k < N; k++)
        atomic_store(&seen[k], 1);
    return arg;
}

int main(void)
{
    pthread_t t[N], h;
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    pthread_create(&h, NULL, helper, NULL);
    long sum = 0;
    for (int i = 0; i < N; i++) {
        while (!atomic_load(&done[i]))
            ;
        sum += result[i] + late[i + 1];
        while (!atomic_load(&seen[i]))
            ;
        sum += extra[i];
    }
    for (int i = 0; i < N - 1; i++)
        while (!atomic_load(&fin[i]))
            ;
    for (int i = 0; i < N; i++)
        sum += part[i];
    printf("%ld\n", sum);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    pthread_join(h, NULL);
    return 0;
}
