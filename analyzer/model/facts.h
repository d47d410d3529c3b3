/*
 * facts.h - the read-only facts API through which checks see the model.
 *
 * A check (analyzer/checks/) includes this header only and reads the model
 * through `const Program *`: the accesses of each location, readable
 * location names, thread descriptions, may-happen-in-parallel with the
 * ordering rule that decided it, the locks held at an access and the lock
 * acquisition events. It never sees the points-to graph, the solver or the
 * per-thread pass.
 */
#ifndef RACECHECK_FACTS_H
#define RACECHECK_FACTS_H

#include "model.h"

#endif
