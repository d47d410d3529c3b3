/* --dump-ir golden: designated initialisers put each value in the field or
 * element they name (C11 6.7.9), positional ones continue after the last
 * designated place. */
enum { A, B, C };
struct ent { int a; int (*cb)(void); const char *s; };
struct outer { struct ent e; int z[3]; };
static int p1(void) { return 1; }
static struct ent des = { .cb = p1, .a = 3 };
static struct ent tab[] = { [B] = { 1, p1, 0 }, [A].cb = p1 };
static struct outer o = { .e.cb = p1, .z = { 1, 2 }, .z[2] = 5 };
static int arr[4] = { [2] = 7, 8 };
static struct ent mix = { 4, .s = "x", };
int use(int i) {
    struct ent loc = { .s = 0, .cb = p1 };
    struct ent many[2] = { [1] = { .a = i } };
    return loc.cb() + many[1].a + tab[i].a + des.a + o.z[i] + arr[i] + mix.a;
}
