#include "ps_team.h"

#include <omp.h>

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
