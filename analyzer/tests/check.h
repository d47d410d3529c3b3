/* check.h - the assertion of the unit tests: a failed CHECK prints the
 * condition with its file and line and counts a failure; main returns
 * non-zero when `failures` is. */
#ifndef RACECHECK_TESTS_CHECK_H
#define RACECHECK_TESTS_CHECK_H

#include <stdio.h>

static int failures;
#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);  \
            failures++;                                                               \
        }                                                                             \
    } while (0)

#endif
