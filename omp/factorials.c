/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 7: a thread pool computes n! for n = 1..N, results taken as they complete.
 * The cost of n! grows with n, so how the n's are handed out matters:
 *   tasks    one thread creates one task per n (the executor's submit); a thread that finishes
 *            takes a completion slot with an atomic capture: the questions' as_completed order
 *   dynamic  schedule(monotonic: dynamic): the next n to whichever thread is free
 *   static   schedule(static): contiguous blocks, kept on purpose, since the last block holds the
 *            largest n's; the detail column shows the imbalance (busiest thread / mean) */
#include "ps_catalogue.h"
#include "ps_factorials.h"
#include "ps_stats.h"
#include "ps_team.h"
#include "ps_workload.h"

#include <omp.h>
#include <stdlib.h>

enum { TASKS, DYNAMIC, STATIC };

typedef struct busy {
    double seconds;
    char pad[56]; /* one cache line each: threads add to their own */
} busy;

typedef struct factorials {
    ps_factorials f;
    busy *busy;
} factorials;

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    factorials *s = calloc(1, sizeof *s);
    run->state = s;
    if (!s || !(s->busy = calloc(run->workers, sizeof *s->busy)))
        return ps_fail(msg, PS_ENV, "out of memory");
    return ps_factorials_init(&s->f, run->size, msg);
}

/* Computes k! and records who did it and when it completed. */
static void compute(factorials *s, uint64_t k)
{
    int me = omp_get_thread_num();
    double t0 = omp_get_wtime();
    mpz_fac_ui(s->f.value[k], k);
    s->busy[me].seconds += omp_get_wtime() - t0;
    s->f.worker[k] = (uint32_t)me;
    uint64_t slot;
#pragma omp atomic capture
    slot = s->f.done++;
    s->f.order[slot] = k;
}

/* The executor: one thread submits a task per n, the team runs them. (tests/lib/tsan.supp names
 * this function: libomp reuses task descriptors without telling ThreadSanitizer.) */
static int factorial_tasks(factorials *s, uint64_t n, unsigned workers)
{
    int team = 0;
#pragma omp parallel num_threads(workers)
#pragma omp single
    {
        team = omp_get_num_threads();
        for (uint64_t k = 1; k <= n; k++) {
#pragma omp task firstprivate(k)
            compute(s, k);
        }
    }
    return team;
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    factorials *s = run->state;
    const uint64_t n = run->size;
    s->f.done = 0;
    for (unsigned w = 0; w < run->workers; w++)
        s->busy[w].seconds = 0;
    int team = 0;
    switch (run->opt->variant) {
    case TASKS:
        team = factorial_tasks(s, n, run->workers);
        break;
    case DYNAMIC:
#pragma omp parallel num_threads(run->workers)
    {
#pragma omp master
        team = omp_get_num_threads();
#pragma omp for schedule(monotonic : dynamic)
        for (uint64_t k = 1; k <= n; k++)
            compute(s, k);
    } break;
    case STATIC:
#pragma omp parallel num_threads(run->workers)
    {
#pragma omp master
        team = omp_get_num_threads();
#pragma omp for schedule(static)
        for (uint64_t k = 1; k <= n; k++)
            compute(s, k);
    } break;
    }
    return ps_team_check(team, run->workers, msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    factorials *s = run->state;
    return ps_factorials_check(&s->f, run->workers, result, len, msg);
}

static void detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    (void)seconds;
    const factorials *s = run->state;
    double *busy = malloc(run->workers * sizeof *busy);
    if (!busy)
        return;
    for (unsigned w = 0; w < run->workers; w++)
        busy[w] = s->busy[w].seconds;
    snprintf(text, len, "imbalance %.2f", ps_imbalance(busy, run->workers));
    ps_factorials_order_detail(&s->f, text, len);
    free(busy);
}

static void show(const ps_run *run, FILE *out)
{
    const factorials *s = run->state;
    if (run->opt->print || run->size <= 20)
        ps_factorials_show(out, &s->f, "thread");
}

static void release(ps_run *run)
{
    factorials *s = run->state;
    if (s) {
        ps_factorials_free(&s->f);
        free(s->busy);
    }
    free(s);
    run->state = NULL;
}

const ps_workload omp_factorials = {
    .info = &ps_factorials_info,
    .variants = (const char *const[]){"tasks", "dynamic", "static", NULL},
    .detail = detail,
    .show = show,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .release = release,
};
