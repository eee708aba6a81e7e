/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 3: N named workers each say hello. Here the workers are ranks: separate processes,
 * each with its own pid and memory, possibly on other hosts (with --threads T, T threads in each).
 * Nothing is shared, so each rank's reports travel to rank 0 (MPI_Gather) and rank 0 prints them
 * in order, never interleaved. The listing is the placement map of a job: where mpirun or srun
 * put and bound each rank, and OMP_PLACES and OMP_PROC_BIND each thread, with a warning for the
 * placements that slow a run (threads sharing a rank's one core, say). */
#include "mpi_run.h"
#include "ps_catalogue.h"
#include "ps_hello.h"
#include "ps_places.h"
#include "ps_team.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>

typedef struct hello {
    ps_hello_worker *mine, *all; /* this rank's threads; all: rank 0 only */
} hello;

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    hello *h = calloc(1, sizeof *h);
    run->state = h;
    run->size = run->workers; /* one hello per worker */
    if (h)
        h->mine = calloc(run->threads, sizeof *h->mine);
    if (h && run->rank == 0)
        h->all = calloc(run->workers, sizeof *h->all);
    return h && h->mine && (run->rank != 0 || h->all) ? PS_OK
                                                      : ps_fail(msg, PS_ENV, "out of memory");
}

/* The CPUs the rank was given (ps_places.h), as a list. */
static void rank_cpus(char *list, size_t len, const char *main_thread)
{
    hwloc_bitmap_t set = hwloc_bitmap_alloc();
    if (set && ps_places_cpus(set))
        hwloc_bitmap_list_snprintf(list, len, set);
    else
        snprintf(list, len, "%s", main_thread);
    hwloc_bitmap_free(set);
}

/* Each thread of the rank reports, with the rank's CPUs. */
static ps_status execute(ps_run *run, ps_msg *msg)
{
    hello *h = run->state;
    ps_hello_worker rank;
    ps_status st = ps_hello_probe(&rank, 0, 0, msg), worst = PS_OK;
    char cpus[sizeof rank.process_allowed];
    rank_cpus(cpus, sizeof cpus, rank.allowed);
    int team = 0;
#pragma omp parallel num_threads(run->threads)
    {
        unsigned t = (unsigned)omp_get_thread_num();
        ps_msg why;
#pragma omp master
        team = omp_get_num_threads();
        ps_hello_worker *w = &h->mine[t];
        ps_status mine =
            t < run->threads
                ? ps_hello_probe(w, (unsigned)run->rank * run->threads + t, run->workers, &why)
                : PS_OK;
        if (t < run->threads) {
            w->rank = (uint32_t)run->rank, w->thread = t;
            memcpy(w->process_allowed, cpus, sizeof w->process_allowed);
        }
        if (mine) {
#pragma omp critical(hello_error)
            if (mine > worst) {
                worst = mine;
                *msg = why;
            }
        }
    }
    int bytes = (int)(run->threads * sizeof *h->mine);
    int rc = MPI_Gather(h->mine, bytes, MPI_BYTE, h->all, bytes, MPI_BYTE, 0, mpi_comm(run));
    st = st ? st : worst ? worst : ps_team_check(team, run->threads, msg);
    return st ? st : mpi_ok(rc, "hello: MPI_Gather", msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    hello *h = run->state;
    return run->rank == 0 ? ps_hello_check(h->all, run->workers, run->ranks, result, len, msg)
                          : PS_OK;
}

static void detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    (void)seconds;
    const hello *h = run->state;
    ps_hello_detail(h->all, run->workers, text, len);
}

static void show(const ps_run *run, FILE *out)
{
    const hello *h = run->state;
    ps_hello_show(out, h->all, run->workers, "rank");
}

static void release(ps_run *run)
{
    hello *h = run->state;
    if (h) {
        free(h->mine);
        free(h->all);
    }
    free(h);
    run->state = NULL;
}

const ps_workload mpi_hello = {
    .info = &ps_hello_info,
    .variants = (const char *const[]){"ranks", NULL},
    .detail = detail,
    .show = show,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .release = release,
};
