/* SPDX-License-Identifier: BSD-3-Clause */
/* Questions 2 and 8: a pool maps square() over 1..N and is timed at several sizes.
 * Threads share one result array, so nothing is gathered: each thread writes its squares in place.
 * The variants are OpenMP's ways of handing out work, over units of --chunk numbers:
 *   static   one contiguous block per thread (or round-robin chunks with --chunk)
 *   dynamic  the next chunk to whichever thread is free: the process pool's queue, in threads
 *   guided   chunks that shrink as the work runs out (--chunk: the smallest, default 8192)
 *   taskloop one task per chunk, created by one thread and run by all
 * The result array is in huge pages where the kernel offers them, and first touched by the
 * threads that write it, not zeroed beforehand: with static scheduling each part's pages land on
 * its thread's NUMA node (first-touch placement; ps_pages.h). */
#include "ps_catalogue.h"
#include "ps_pages.h"
#include "ps_squares.h"
#include "ps_squares_team.h"
#include "ps_team.h"
#include "ps_workload.h"

#include <omp.h>
#include <stdlib.h>

enum { STATIC, DYNAMIC, GUIDED, TASKLOOP };

typedef struct squares {
    uint64_t *out, chunk, units;
    ps_pages pages; /* of the result array */
} squares;

static uint64_t default_chunk(const ps_run *run)
{
    switch (run->opt->variant) {
    case STATIC:
        return run->size / run->workers + (run->size % run->workers != 0);
    case GUIDED:
        return 8192;
    default:
        return ps_pool_chunk(run->size, run->workers);
    }
}

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    squares *s = calloc(1, sizeof *s);
    size_t bytes = (run->size * sizeof(uint64_t) + 63) / 64 * 64;
    if (s)
        s->out = ps_pages_alloc(bytes, &s->pages);
    if (!s || !s->out) {
        free(s);
        return ps_fail(msg, PS_ENV, "squares: cannot allocate %zu MB for N=%llu", bytes >> 20,
                       (unsigned long long)run->size);
    }
    s->chunk = run->opt->chunk ? run->opt->chunk : default_chunk(run);
    s->units = run->size / s->chunk + (run->size % s->chunk != 0);
    run->state = s;
    return PS_OK;
}

static void fill_unit(const squares *s, uint64_t n, uint64_t u)
{
    uint64_t lo = u * s->chunk, hi = lo + s->chunk < n ? lo + s->chunk : n;
    ps_squares_fill(s->out + lo, lo + 1, hi - lo);
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    const squares *s = run->state;
    const uint64_t n = run->size, units = s->units;
    int team = 0;
    switch (run->opt->variant) {
    case STATIC:
#pragma omp parallel num_threads(run->workers)
    {
#pragma omp master
        team = omp_get_num_threads();
#pragma omp for schedule(static, 1)
        for (uint64_t u = 0; u < units; u++)
            fill_unit(s, n, u);
    } break;
    case DYNAMIC:
#pragma omp parallel num_threads(run->workers)
    {
#pragma omp master
        team = omp_get_num_threads();
#pragma omp for schedule(dynamic, 1)
        for (uint64_t u = 0; u < units; u++)
            fill_unit(s, n, u);
    } break;
    case GUIDED:
#pragma omp parallel num_threads(run->workers)
    {
#pragma omp master
        team = omp_get_num_threads();
#pragma omp for schedule(guided, 1)
        for (uint64_t u = 0; u < units; u++)
            fill_unit(s, n, u);
    } break;
    case TASKLOOP:
#pragma omp parallel num_threads(run->workers)
#pragma omp single
    {
        team = omp_get_num_threads();
#pragma omp taskloop grainsize(1)
        for (uint64_t u = 0; u < units; u++)
            fill_unit(s, n, u);
    } break;
    }
    return ps_team_check(team, run->workers, msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    const squares *s = run->state;
    return ps_squares_check_team(run->workers, s->out, run->size, result, len, msg);
}

static void show(const ps_run *run, FILE *out)
{
    const squares *s = run->state;
    ps_squares_show(out, s->out, run->size, run->workers, "thread", run->opt->print);
}

static void detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    const squares *s = run->state;
    (void)seconds;
    snprintf(text, len, "%s", ps_pages_text(s->pages));
}

static void release(ps_run *run)
{
    squares *s = run->state;
    if (s)
        free(s->out);
    free(s);
    run->state = NULL;
}

static uint64_t memory(const ps_options *opt, uint64_t size, unsigned workers, int rank)
{
    (void)opt, (void)workers, (void)rank;
    return size * sizeof(uint64_t); /* the shared result array */
}

const ps_workload omp_squares = {
    .info = &ps_squares_info,
    .variants = (const char *const[]){"static", "dynamic", "guided", "taskloop", NULL},
    .memory = memory,
    .show = show,
    .detail = detail,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .release = release,
};
