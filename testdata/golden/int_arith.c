/* --dump-ir golden: the integer arithmetic the lowering keeps on an UNKNOWN
 * value (IR format 11), postfix, for index ranges (instances.c) and ring
 * cursors (ring.c):
 *   constants and bare locals under + - * / % & and unary minus: kept,
 *     also through casts and as one side of a two-variable comparison;
 *   a global's value: read into a temporary first (`<tmp0> := g`), kept as
 *     that temporary; so is a global used as an index (`buf[in]`);
 *   a field, a floating-point value, pointer arithmetic, or more than 15
 *     terms: not kept (plain `?`);
 *   the size of a step by a constant: `j += 4` is `[up] [by 4]`, `s -= 3`
 *   `[down] [by 3]`, `i++` just `[up]`;
 *   va_arg(ap, T) reads the function's one variadic temporary (`va_arg
 *   <tmpN>` in its header), not the va_list's address.
 */
#include <stdarg.h>
struct r { int lo; };
int buf[8];
int g;

int ranges(long id, int chunk, struct r *rp, double d) {
    int start = id * chunk;
    int end = start + chunk + 1;
    long neg = -start;
    int wide = (int)(id - 2) * (chunk + 3);
    int half = id / 2;
    int field = rp->lo * 2;
    int glob = g + id;
    int ring = (g + 1) % 8, mask = (id + 1) & 7, slot = buf[g];
    double f = d * 2;
    int *p = &g;
    int *q = p + chunk;
    int long_sum = id + id + id + id + id + id + id + id + id;
    int s = 0;
    for (int i = start; i < (id + 1) * chunk; i++)
        s += i;
    for (int j = end; (id + 2) * chunk > j; j += 4)
        s += j;
    s -= 3;
    return ring + mask + slot + s + half + field + glob + (int)f + *q + (int)neg + wide + long_sum;
}

int *kept;
void keep(int n, ...) {
    va_list ap;
    va_start(ap, n);
    kept = va_arg(ap, int *);
    va_end(ap);
}
