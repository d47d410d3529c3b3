/*
 * A static inline helper in a header, included by both units. racecheck
 * lowers a header function once per program (whichever unit reaches it
 * first); the race must be found whichever unit that is.
 */
#ifndef COUNTER_H
#define COUNTER_H

extern long shared_count;

static inline void bump(void) {
    shared_count++; // expect: data-race 'shared_count'
}

void *worker(void *arg);

#endif
