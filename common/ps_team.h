/* OpenMP may give a parallel region fewer threads than asked (OMP_THREAD_LIMIT, OMP_DYNAMIC):
 * a run at "8 workers" on 4 threads would report a lie, so every workload checks its team. */
#ifndef PS_TEAM_H
#define PS_TEAM_H

#include "ps_status.h"

static inline ps_status ps_team_check(int team, unsigned want, ps_msg *msg)
{
    if (team == (int)want)
        return PS_OK;
    return ps_fail(msg, PS_ENV,
                   "OpenMP gave %d threads where %u were asked for (check OMP_THREAD_LIMIT and "
                   "OMP_DYNAMIC)",
                   team, want);
}

#endif
