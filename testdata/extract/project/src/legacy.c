/* legacy.c - does not compile (an undeclared name): racecheck analyses it as
 * far as clang got and reports the error; its race is suppressed by path in
 * .racecheck.json. */
// expect-no-findings
static int last_note;

void legacy_note(int v) {
    last_note = v; /* a race, suppressed */
    v += undeclared_offset;
}
