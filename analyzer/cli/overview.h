/* overview.h - the run's overview for the HTML page (overview.c). */
#ifndef RACECHECK_CLI_OVERVIEW_H
#define RACECHECK_CLI_OVERVIEW_H

#include "../model/facts.h"
#include "../report/report.h"

/* The thread tree and the locking discipline of p (report.h's
 * ReportOverview, docs/html.md) in *ov; its arrays are allocated in a,
 * its strings are p's (valid until the model is freed). */
void cli_overview_build(const Program *p, ReportOverview *ov, Arena *a);

#endif
