/* --dump-ir golden: switch statements (IR format 12). A switch on a
 * variable (a local, a parameter, a global) whose cases are constants, at
 * most 64 of them, becomes a chain of == tests, each case in source order,
 * the default (or the statement's end) last; fallthrough is a goto to the
 * next case. A switch on a field or a computed value, or with a case that
 * is not a constant (a GNU range), keeps the one SWITCH term going to
 * every case. */
struct req {
    int kind;
};

int classify(int op, struct req *r) {
    int x = 0;
    switch (op) {
    case 0:
        x = 1;
        break;
    case 2:
    case 3:
        x = 2; /* fallthrough */
    default:
        x += 3;
        break;
    }
    switch (r->kind) {
    case 'a':
        return x;
    }
    switch (x) {
    case 1 ... 4:
        return 4;
    case 9:
        return 9;
    }
    return -1;
}
