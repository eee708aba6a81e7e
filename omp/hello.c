/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 3: N named workers each say hello. Here the workers are threads of one process:
 * one pid, one address space. Each fills its own slot of a shared array (no lock needed: the
 * slots are disjoint), and the slots are printed in order after the region, never interleaved.
 * The listing shows where OMP_PLACES and OMP_PROC_BIND put each thread. */
#include "ps_catalogue.h"
#include "ps_hello.h"
#include "ps_team.h"
#include "ps_workload.h"

#include <omp.h>
#include <stdlib.h>

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    run->size = run->workers; /* one hello per worker */
    run->state = calloc(run->workers, sizeof(ps_hello_worker));
    return run->state ? PS_OK : ps_fail(msg, PS_ENV, "out of memory");
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    ps_hello_worker *w = run->state;
    ps_status worst = PS_OK;
    int team = 0;
#pragma omp parallel num_threads(run->workers)
    {
        int id = omp_get_thread_num();
        ps_msg mine;
#pragma omp master
        team = omp_get_num_threads();
        ps_status st =
            id < (int)run->workers
                ? ps_hello_probe(&w[id], (unsigned)id, (unsigned)omp_get_num_threads(), &mine)
                : PS_OK;
        if (st) {
#pragma omp critical(hello_error)
            if (st > worst) {
                worst = st;
                *msg = mine;
            }
        }
    }
    return worst ? worst : ps_team_check(team, run->workers, msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    return ps_hello_check(run->state, run->workers, 1, result, len, msg);
}

static void detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    (void)seconds;
    ps_hello_detail(run->state, run->workers, text, len);
}

static void show(const ps_run *run, FILE *out)
{
    ps_hello_show(out, run->state, run->workers, "thread");
}

static void release(ps_run *run)
{
    free(run->state);
    run->state = NULL;
}

const ps_workload omp_hello = {
    .info = &ps_hello_info,
    .variants = (const char *const[]){"threads", NULL},
    .detail = detail,
    .show = show,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .release = release,
};
