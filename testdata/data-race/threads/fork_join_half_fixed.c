// expect-no-findings
/*
 * fork_join_half_fixed.c - a recursive fork/join sum that starts a thread
 * for the left half (`create(.., sum, &left)`) and does the right half
 * itself (`sum(&right)`), joins, then adds the two. The routine is also
 * called by the program, so its parameter holds the spawn's argument or
 * what those calls pass: a thread started on `&left` never reaches main's
 * `all`.
 *
 * TRUTH: no data race.
 */
#include <pthread.h>
#include <stdio.h>

struct range { const int *a; int lo, hi; long sum; };

static void *sum(void *arg)
{
    struct range *r = arg;
    if (r->hi - r->lo <= 64) {
        long s = 0;
        for (int i = r->lo; i < r->hi; i++)
            s += r->a[i];
        r->sum = s;
        return NULL;
    }
    int mid = r->lo + (r->hi - r->lo) / 2;
    struct range left = {r->a, r->lo, mid, 0};
    struct range right = {r->a, mid, r->hi, 0};
    pthread_t child;
    pthread_create(&child, NULL, sum, &left);
    sum(&right);
    pthread_join(child, NULL);
    r->sum = left.sum + right.sum;
    return NULL;
}

static int data[1024];

int main(void)
{
    struct range all = {data, 0, 1024, 0};
    for (int i = 0; i < 1024; i++)
        data[i] = i & 7;
    pthread_t root;
    pthread_create(&root, NULL, sum, &all);
    pthread_join(root, NULL);
    printf("%ld\n", all.sum);
    return 0;
}
