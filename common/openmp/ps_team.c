/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_team.h"

#include <omp.h>

ps_status ps_team_check(int team, unsigned want, ps_msg *msg)
{
    if (team == (int)want)
        return PS_OK;
    return ps_fail(msg, PS_ENV,
                   "OpenMP gave %d threads where %u were asked for (OMP_THREAD_LIMIT %d, "
                   "OMP_DYNAMIC %s, OMP_MAX_ACTIVE_LEVELS %d, at nesting level %d)",
                   team, want, omp_get_thread_limit(), omp_get_dynamic() ? "true" : "false",
                   omp_get_max_active_levels(), omp_get_level());
}

ps_status ps_team_parts(unsigned threads, uint64_t count,
                        void (*part)(void *ctx, uint64_t lo, uint64_t hi), void *ctx, ps_msg *msg)
{
    if (threads == 1) {
        part(ctx, 0, count);
        return PS_OK;
    }
    int team = 0;
#pragma omp parallel num_threads(threads)
    {
        uint64_t t = (uint64_t)omp_get_thread_num(), nt = (uint64_t)omp_get_num_threads();
#pragma omp master
        team = (int)nt;
        part(ctx, count / nt * t + (t < count % nt ? t : count % nt),
             count / nt * (t + 1) + (t + 1 < count % nt ? t + 1 : count % nt));
    }
    return ps_team_check(team, threads, msg);
}
