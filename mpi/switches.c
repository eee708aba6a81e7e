/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 1: what does a hand-off between processes cost when they are MPI ranks? A token goes
 * round a ring of ranks (ps_switches.h) by MPI_Isend and a blocking MPI_Recv. Whether a rank that
 * waits gives up its CPU is the library's choice: Open MPI and MPICH poll by default (a busy wait:
 * no context switch, the core stays busy), and yield only when told the node is oversubscribed.
 * The record counts the voluntary switches beside the time, so a reader sees which it was. */
#include "mpi_run.h"
#include "ps_catalogue.h"
#include "ps_switches.h"

#include <stdlib.h>

enum { TAG_TOKEN = 1 };

typedef struct ring {
    MPI_Comm comm;
    uint64_t *outbox;   /* per destination: what its pending send carries */
    MPI_Request *sends; /* per destination */
    ps_ring_slot mine;
    ps_ring_slot *all; /* rank 0: every rank's slot, gathered for the check */
    ps_ring_transport move;
} ring;

static ps_status send_token(void *ctx, unsigned to, uint64_t token, ps_msg *msg)
{
    ring *r = ctx;
    int rc = MPI_Wait(&r->sends[to], MPI_STATUS_IGNORE); /* the last one to `to` is out */
    if (rc == MPI_SUCCESS) {
        r->outbox[to] = token;
        rc = MPI_Isend(&r->outbox[to], 1, MPI_UINT64_T, (int)to, TAG_TOKEN, r->comm, &r->sends[to]);
    }
    return mpi_ok(rc, "switches: MPI_Isend", msg);
}

static ps_status recv_token(void *ctx, unsigned me, uint64_t *token, ps_msg *msg)
{
    ring *r = ctx;
    (void)me;
    return mpi_ok(
        MPI_Recv(token, 1, MPI_UINT64_T, MPI_ANY_SOURCE, TAG_TOKEN, r->comm, MPI_STATUS_IGNORE),
        "switches: MPI_Recv", msg);
}

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    ring *r = calloc(1, sizeof *r);
    run->state = r;
    if (!r || !(r->outbox = calloc(run->ranks, sizeof *r->outbox)) ||
        !(r->sends = malloc(run->ranks * sizeof *r->sends)) ||
        (run->rank == 0 && !(r->all = calloc(run->ranks, sizeof *r->all))))
        return ps_fail(msg, PS_ENV, "switches: rank %d: out of memory", run->rank);
    for (unsigned i = 0; i < run->ranks; i++)
        r->sends[i] = MPI_REQUEST_NULL;
    r->comm = mpi_comm(run);
    r->move = (ps_ring_transport){.send = send_token, .recv = recv_token, .ctx = r};
    return PS_OK;
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    ring *r = run->state;
    ps_status st =
        ps_ring_round(&r->move, run->ranks, run->size, (unsigned)run->rank, &r->mine, msg);
    /* each send waited for by itself: gcc warns of MPI_Waitall's MPI_STATUSES_IGNORE in MPICH */
    for (unsigned i = 0; !st && i < run->ranks; i++)
        st = mpi_ok(MPI_Wait(&r->sends[i], MPI_STATUS_IGNORE), "switches: MPI_Wait", msg);
    return st;
}

/* Rank 0 checks every rank's slot. */
static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    ring *r = run->state;
    int rc = MPI_Gather(&r->mine, (int)sizeof r->mine, MPI_BYTE, r->all, (int)sizeof r->mine,
                        MPI_BYTE, 0, r->comm);
    ps_status st = mpi_ok(rc, "switches: MPI_Gather", msg);
    return st || run->rank != 0
               ? st
               : ps_switches_check(r->all, run->ranks, run->size, result, len, msg);
}

static void detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    const ring *r = run->state;
    (void)seconds;
    ps_switches_detail(r->all, run->ranks, run->size, text, len);
}

static void release(ps_run *run)
{
    ring *r = run->state;
    if (r)
        free(r->outbox), free(r->sends), free(r->all);
    free(r);
    run->state = NULL;
}

const ps_workload mpi_switches = {
    .info = &ps_switches_info,
    .variants = (const char *const[]){"message", NULL},
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .detail = detail,
    .metrics = ps_switches_metrics,
    .release = release,
};
