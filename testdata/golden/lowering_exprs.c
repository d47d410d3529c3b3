/* --dump-ir golden: expressions the lowering must not drop, and operands it
 * must not evaluate.
 *   VLA sizes: `int buf[n]`, `typedef int row[n]`, `typeof(int[n]) *` and
 *     `sizeof(int[n])` read n; `sizeof g`, `sizeof(int[4])`, `_Alignof` and
 *     `typeof(g)` read nothing; `sizeof *pp` (pp points to a VLA) reads pp.
 *   _Generic: only the selected association (size_t is a typedef of x's
 *     type; a macro type name leaves both candidates open).
 *   __builtin_choose_expr evaluates the chosen operand only,
 *     __builtin_constant_p and __builtin_object_size none, `typeof(g) a[n]`
 *     reads n only; __builtin_assume_aligned(p, n) is p.
 *   ({ ...; e; }) has e's value; `p ?: q` evaluates p once, q only when p is
 *     null; compound literals are written field by field.
 */
#include <stddef.h>
#define TYPE int
struct s { int x; int *p; };
int n, g, a, b, k;
int *gp, h;
unsigned long ul;
int vla(int (*pp)[n]) {
    int buf[n];
    typedef int row[n];
    typeof(int[n]) *vp = 0;
    typeof(g) tg = 1;
    size_t s1 = sizeof(int[n]) + sizeof g + sizeof(int[4]) + _Alignof(int[n]);
    size_t s2 = sizeof *pp + sizeof(row);
    return buf[0] + tg + (int)(s1 + s2) + (vp != 0);
}
int generic(void) {
    int r1 = _Generic(ul, size_t: a, default: b);
    int r2 = _Generic(k, TYPE: a, default: b);
    double r3 = _Generic(g, double: 1.0, default: 2.0);
    return r1 + r2 + (int)r3;
}
int builtins(void) {
    typeof(g) arr[n];
    int c1 = __builtin_choose_expr(sizeof(int) == 4, a, b);
    int c2 = __builtin_constant_p(k) + (int)__builtin_object_size(gp, 0);
    int *al = __builtin_assume_aligned(gp, 16);
    return arr[0] + c1 + c2 + *al;
}
int *gnu(void) {
    int *p = ({ int *t = gp; t; });
    int *q = p ?: &h;
    struct s *c = &(struct s){ .p = q, .x = g };
    return c->p;
}
