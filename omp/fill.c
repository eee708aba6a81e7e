/* SPDX-License-Identifier: BSD-3-Clause */
/* The reference for question 8's squares: how fast this machine can write the same array at
 * all. Each thread memsets its static block with a non-zero byte; squares at the same size and
 * worker count is judged against this (EPCC's reference-loop idea). The array is in huge pages
 * where the kernel offers them and first touched by the thread that fills each block, so on a
 * NUMA node each block's pages land next to their thread (ps_pages.h). */
#include "ps_catalogue.h"
#include "ps_fill.h"
#include "ps_pages.h"
#include "ps_squares.h"
#include "ps_team.h"
#include "ps_workload.h"

#include <stdlib.h>

typedef struct fill {
    uint64_t *out;
    ps_pages pages;
} fill;

/* The array is first touched by the threads that fill it, each its own part (ps_pages.h). */
static ps_status prepare(ps_run *run, ps_msg *msg)
{
    fill *f = calloc(1, sizeof *f);
    run->state = f;
    return f && (f->out = ps_pages_alloc(run->size * sizeof(uint64_t), &f->pages))
               ? PS_OK
               : ps_fail(msg, PS_ENV, "fill: cannot allocate %llu MB",
                         (unsigned long long)(run->size * 8 >> 20));
}

static void fill_part(void *out, uint64_t lo, uint64_t hi)
{
    ps_fill(out, lo, hi);
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    const fill *f = run->state;
    return ps_team_parts(run->workers, run->size, fill_part, f->out, msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    const fill *f = run->state;
    return ps_fill_check(f->out, run->size, result, len, msg);
}

static void detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    const fill *f = run->state;
    (void)seconds;
    snprintf(text, len, "%s", ps_pages_text(f->pages));
}

/* The write bandwidth: the bytes filled over the median repetition. */
static void metrics(const ps_run *run, const ps_stats *seconds, ps_metrics *m)
{
    if (seconds->median > 0)
        ps_metric_set(&m->bandwidth_gbs, (double)run->size / seconds->median / 1e9);
}

static void release(ps_run *run)
{
    fill *f = run->state;
    if (f)
        free(f->out);
    free(f);
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
    .detail = detail,
    .metrics = metrics,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .release = release,
};
