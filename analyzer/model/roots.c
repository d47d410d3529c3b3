/*
 * roots.c - which functions library mode (--library) starts threads in.
 *
 * A thread-safe library promises that its exported functions may be called
 * from any number of threads at once. Library mode models that user: every
 * defined function with external linkage, except main, is the routine of a
 * root thread with many instances, and all roots may run in parallel
 * (threads_build creates them; mark_reachable starts reachability from
 * them). Static functions are reached only through calls or function values,
 * as in a program; synthetic functions (the "<init>" pseudo-function, pool
 * trampolines) are never roots.
 */
#include "model.h"

#include <string.h>

bool model_library_root(const Program *p, uint32_t func) {
    const IrFunc *f = p->funcs.data[func].ir;
    return !f->is_static && f->name[0] != '<' && strcmp(f->name, "main") != 0;
}
