/* The reference for question 8's squares: how fast this machine can write the same array at
 * all. Each thread memsets its static block with a non-zero byte; squares at the same size and
 * worker count is judged against this (EPCC's reference-loop idea). */
#include "ps_catalogue.h"
#include "ps_fill.h"
#include "ps_squares.h"
#include "ps_team.h"
#include "ps_workload.h"

#include <stdlib.h>

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    run->state = aligned_alloc(64, (run->size * sizeof(uint64_t) + 63) / 64 * 64);
    return run->state ? PS_OK
                      : ps_fail(msg, PS_ENV, "fill: cannot allocate %llu MB",
                                (unsigned long long)(run->size * 8 >> 20));
}

static void fill_part(void *out, uint64_t lo, uint64_t hi)
{
    ps_fill(out, lo, hi);
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    return ps_team_parts(run->workers, run->size, fill_part, run->state, msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    return ps_fill_check(run->state, run->size, result, len, msg);
}

static void release(ps_run *run)
{
    free(run->state);
    run->state = NULL;
}

static uint64_t memory(const ps_options *opt, uint64_t size, unsigned workers, int rank)
{
    (void)opt, (void)workers, (void)rank;
    return size * sizeof(uint64_t);
}

const ps_workload omp_fill = {
    .info = &ps_fill_info,
    .variants = (const char *const[]){"memset", NULL},
    .memory = memory,
    PS_STEPS,
};
