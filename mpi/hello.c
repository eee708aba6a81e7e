/* Question 3: N named workers each say hello. Here the workers are ranks: separate processes,
 * each with its own pid and memory, possibly on other hosts. Nothing is shared, so each rank's
 * report travels to rank 0 (MPI_Gather) and rank 0 prints them in rank order, never interleaved.
 * The listing shows where mpirun or srun placed and bound each rank. */
#include "mpi_run.h"
#include "ps_catalogue.h"
#include "ps_hello.h"

#include <stdlib.h>

typedef struct hello {
    ps_hello_worker me, *all; /* all: rank 0 only */
} hello;

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    hello *h = calloc(1, sizeof *h);
    run->state = h;
    run->size = run->workers; /* one hello per worker */
    if (h && run->rank == 0)
        h->all = calloc(run->workers, sizeof *h->all);
    return h && (run->rank != 0 || h->all) ? PS_OK : ps_fail(msg, PS_ENV, "out of memory");
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    hello *h = run->state;
    ps_status st = ps_hello_probe(&h->me, (unsigned)run->rank, run->workers, msg);
    int rc = MPI_Gather(&h->me, sizeof h->me, MPI_BYTE, h->all, sizeof h->me, MPI_BYTE, 0,
                        mpi_comm(run));
    return st ? st : mpi_ok(rc, "hello: MPI_Gather", msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    hello *h = run->state;
    return run->rank == 0 ? ps_hello_check(h->all, run->workers, false, result, len, msg) : PS_OK;
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
    if (h)
        free(h->all);
    free(h);
    run->state = NULL;
}

const ps_workload mpi_hello = {
    .info = &ps_hello_info,
    .variants = (const char *const[]){"ranks", NULL},
    .detail = detail,
    .show = show,
    PS_STEPS,
};
