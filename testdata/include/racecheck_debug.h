/*
 * racecheck_debug.h - debug intrinsics: calls racecheck answers at analysis
 * time with what its model believes at that point (docs/testing.md). They
 * are never defined: a test program using them is analysed, not linked.
 *
 *   racecheck_pts(e)     what the pointer value e may point to: "pts {a, b}"
 *   racecheck_locks()    the locks surely held: "locks {m, s->lock (shared)}"
 *   racecheck_threads()  this thread and the children that may run here:
 *                        "thread worker* live {helper}" (* = many instances)
 *
 * Check them with `// debug: TEXT` on the same line; every observation must
 * be checked (closed world).
 */
#ifndef RACECHECK_DEBUG_H
#define RACECHECK_DEBUG_H
void racecheck_pts(const void *e);
void racecheck_locks(void);
void racecheck_threads(void);
#endif
