/* SPDX-License-Identifier: BSD-3-Clause */
/* The reference for question 8's squares: how fast the ranks can write their blocks of the
 * array at all, with nothing gathered. Each rank memsets its block with a non-zero byte (with
 * --threads T, each of its threads a contiguous part). Each block is in huge pages where the
 * kernel offers them and first touched by the threads that fill it (first-touch: on a NUMA node
 * its pages land next to them; ps_pages.h). */
#include "mpi_run.h"
#include "ps_catalogue.h"
#include "ps_fill.h"
#include "ps_pages.h"
#include "ps_squares.h"
#include "ps_team.h"

#include <stdlib.h>

typedef struct fill {
    uint64_t *block, count;
    ps_pages pages;
} fill;

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    fill *f = calloc(1, sizeof *f);
    run->state = f;
    if (f) {
        uint64_t n = run->size, p = run->ranks, r = (uint64_t)run->rank;
        f->count = n * (r + 1) / p - n * r / p;
        f->block = ps_pages_alloc((f->count ? f->count : 1) * sizeof(uint64_t), &f->pages);
    }
    return f && f->block
               ? PS_OK
               : ps_fail(msg, PS_ENV, "fill: rank %d cannot allocate its block", run->rank);
}

static void fill_part(void *block, uint64_t lo, uint64_t hi)
{
    ps_fill(block, lo, hi);
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    fill *f = run->state;
    return ps_team_parts(run->threads, f->count, fill_part, f->block, msg);
}

/* Each rank checks its own block; rank 0 checks that the blocks add up to N. */
static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    fill *f = run->state;
    ps_status st = ps_fill_check(f->block, f->count, result, len, msg);
    unsigned long long mine = f->count, total = 0;
    int rc = MPI_Reduce(&mine, &total, 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM, 0, mpi_comm(run));
    if (st || (st = mpi_ok(rc, "fill: MPI_Reduce", msg)) || run->rank != 0)
        return st;
    if (total != run->size)
        return ps_fail(msg, PS_FAILED, "fill: the blocks cover %llu slots, expected %llu", total,
                       (unsigned long long)run->size);
    ps_fill_describe(run->size, result, len);
    return PS_OK;
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
        free(f->block);
    free(f);
    run->state = NULL;
}

static uint64_t memory(const ps_options *opt, uint64_t size, unsigned workers, int rank)
{
    (void)opt, (void)rank;
    return (size / workers + 1) * sizeof(uint64_t); /* this rank's block */
}

static void detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    const fill *f = run->state;
    (void)seconds;
    snprintf(text, len, "%s", ps_pages_text(f->pages));
}

const ps_workload mpi_fill = {
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
