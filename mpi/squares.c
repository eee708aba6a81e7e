/* SPDX-License-Identifier: BSD-3-Clause */
/* Questions 2 and 8: a pool maps square() over 1..N and is timed at several sizes.
 * Ranks share no memory, so in block and pool the results travel to rank 0, which holds the whole
 * list as the questions' parent process does; that cost is part of the timed region. With
 * --threads T each rank squares its part with T OpenMP threads (ranks x threads: hybrid).
 *   block   each rank squares its contiguous block; MPI_Gatherv brings the blocks to rank 0
 *   pool    the process pool: rank 0 hands out chunks (--chunk, default Python's
 *           ceil(N / (4 * ranks)), at least what keeps one manager from saturating) to whichever
 *           worker returns results, two in hand each, and squares a chunk itself whenever no
 *           result waits, so no rank idles
 *   shared  the question's shared memory, done the MPI-3 way: the ranks of a node write into one
 *           array (MPI_Win_allocate_shared); nothing moves on a node, and between nodes only the
 *           node leaders send (MPI_Gatherv)
 *   local   the results stay where they were computed: each rank keeps its block and the check
 *           adds up sums (MPI_Reduce), so rank 0 holds N / ranks numbers whatever the rank count
 *           (what weak scaling on a cluster needs: 2e7 a worker on 1024 is 160 GB in all)
 * A rank's arrays are in huge pages where the kernel offers them, first touched by the threads
 * that write them (first-touch: on a NUMA node, next to them; ps_pages.h). */
#include "mpi_wait.h"
#include "ps_catalogue.h"
#include "ps_pages.h"
#include "ps_squares.h"
#include "ps_squares_team.h"
#include "ps_team.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK, POOL, SHARED, LOCAL };

/* One manager answers every worker, a message each way per chunk, and saturates when the workers
 * return chunks faster than it answers. Measured on a 2-core EPYC VM with Open MPI 4.1 (shared
 * memory): a manager answered 0.36, 0.31 and 0.21 million chunks a second at 4, 8 and 16 ranks
 * (chunks of 256, so that the manager is the bottleneck), and one rank squares 2.8e9 numbers a
 * second; so a worker's chunk must hold at least 2.8e9 / 3e5, about 8192 numbers, for each
 * worker the manager serves, or the workers wait for it. The default chunk is never smaller
 * (across nodes, where a message costs more, pass a larger --chunk). */
enum { SQUARES_PER_MESSAGE = 8192 };

/* Python's ceil(N / (4 x ranks)), but never so small that the manager saturates. */
static uint64_t pool_chunk(uint64_t n, unsigned ranks)
{
    uint64_t floor = (uint64_t)(ranks - 1) * SQUARES_PER_MESSAGE, python = ps_pool_chunk(n, ranks);
    return python > floor ? python : floor < n ? floor : n;
}
enum { TAG_WORK = 1, TAG_RESULT = 2 };

typedef struct squares {
    uint64_t *out;          /* rank 0: all N squares (local: its own block) */
    uint64_t *mine[2];      /* other ranks: their block, or two chunk buffers (pool) */
    int *counts, *displs;   /* block: rank 0's Gatherv layout; shared: the node leaders' */
    uint64_t lo, hi, chunk; /* this rank's range [lo, hi) of 0..N-1; pool: the chunk size */
    MPI_Win win;            /* shared: the node's array */
    MPI_Comm node, leaders; /* shared: this node's ranks; the node leaders (rank 0's side) */
    uint64_t *node_base;    /* shared: where this node's range starts in the node's array */
    uint64_t node_lo, node_hi;
    ps_pages pages; /* of this rank's largest array (rank 0's tells the record) */
} squares;

static void block_of(uint64_t n, uint64_t slot, uint64_t slots, uint64_t *lo, uint64_t *hi)
{
    *lo = n / slots * slot + (slot < n % slots ? slot : n % slots);
    *hi = *lo + n / slots + (slot < n % slots);
}

/* A rank's array, first touched by the rank's threads that write it (ps_pages.h). */
static uint64_t *alloc_u64(squares *s, uint64_t n)
{
    return ps_pages_alloc((n ? n : 1) * sizeof(uint64_t), &s->pages);
}

typedef struct squares_part {
    uint64_t *dst, first;
} squares_part;

static void square_part(void *ctx, uint64_t lo, uint64_t hi)
{
    const squares_part *p = ctx;
    ps_squares_fill(p->dst + lo, p->first + lo, hi - lo);
}

/* dst[k] = (first + k)^2 for k < count, by this rank's threads, each a contiguous part. */
static ps_status fill(const ps_run *run, uint64_t *dst, uint64_t first, uint64_t count, ps_msg *msg)
{
    squares_part p = {dst, first};
    return ps_team_parts(run->threads, count, square_part, &p, msg);
}

/* Gatherv's counts and offsets for `parts` ranges of 0..N-1, part k from its_lo[k] to its_lo[k+1].
 */
static ps_status layout(squares *s, int parts, const uint64_t *its_lo, ps_msg *msg)
{
    s->counts = malloc((size_t)parts * sizeof(int));
    s->displs = malloc((size_t)parts * sizeof(int));
    if (!s->counts || !s->displs)
        return ps_fail(msg, PS_ENV, "out of memory");
    for (int k = 0; k < parts; k++) {
        uint64_t count = its_lo[k + 1] - its_lo[k];
        if (count > INT_MAX || its_lo[k] > INT_MAX)
            return ps_fail(msg, PS_USAGE,
                           "--size: '%llu' is too large for one message between %d parts (MPI "
                           "counts and offsets end at %d; variant local has no limit)",
                           (unsigned long long)its_lo[parts], parts, INT_MAX);
        s->counts[k] = (int)count;
        s->displs[k] = (int)its_lo[k];
    }
    return PS_OK;
}

static ps_status prepare_block(ps_run *run, squares *s, ps_msg *msg)
{
    uint64_t n = run->size, p = run->ranks;
    block_of(n, (uint64_t)run->rank, p, &s->lo, &s->hi);
    if (run->rank != 0)
        return (s->mine[0] = alloc_u64(s, s->hi - s->lo))
                   ? PS_OK
                   : ps_fail(msg, PS_ENV, "squares: rank %d cannot allocate its block", run->rank);
    uint64_t *its_lo = malloc((p + 1) * sizeof *its_lo), hi;
    if (!its_lo)
        return ps_fail(msg, PS_ENV, "out of memory");
    for (uint64_t r = 0; r < p; r++)
        block_of(n, r, p, &its_lo[r], &hi);
    its_lo[p] = n;
    ps_status st = layout(s, (int)p, its_lo, msg);
    free(its_lo);
    return st;
}

/* Where this rank sits: the node's communicator (s->node), its rank and size there, and (on
 * the node's leader, for the caller to free) every node's size in the order of their leaders;
 * first_slot, the slots of the nodes before this one, reaches every rank of the node. */
typedef struct node_place {
    int local, local_size, nodes;
    uint64_t *sizes, first_slot;
} node_place;

static ps_status place_on_node(ps_run *run, squares *s, node_place *at, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    *at = (node_place){.nodes = 1};
    ps_status st =
        mpi_ok(MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, run->rank, MPI_INFO_NULL, &s->node),
               "squares shared: MPI_Comm_split_type", msg);
    if (st)
        return st;
    MPI_Comm_rank(s->node, &at->local);
    MPI_Comm_size(s->node, &at->local_size);
    st = mpi_ok(MPI_Comm_split(comm, at->local == 0 ? 0 : MPI_UNDEFINED, run->rank, &s->leaders),
                "squares shared: MPI_Comm_split", msg);
    if (!st && at->local == 0) {
        int leader_rank = 0;
        MPI_Comm_rank(s->leaders, &leader_rank);
        MPI_Comm_size(s->leaders, &at->nodes);
        uint64_t mine = (uint64_t)at->local_size;
        at->sizes = malloc((size_t)at->nodes * sizeof *at->sizes);
        st = at->sizes ? mpi_ok(MPI_Allgather(&mine, 1, MPI_UINT64_T, at->sizes, 1, MPI_UINT64_T,
                                              s->leaders),
                                "squares shared: MPI_Allgather", msg)
                       : ps_fail(msg, PS_ENV, "out of memory");
        for (int k = 0; !st && k < leader_rank; k++)
            at->first_slot += at->sizes[k];
    }
    return st ? st
              : mpi_ok(MPI_Bcast(&at->first_slot, 1, MPI_UINT64_T, 0, s->node),
                       "squares shared: MPI_Bcast", msg);
}

/* Rank 0, over several nodes: one part of the result per node, received from its leader. */
static ps_status node_layout(const ps_run *run, squares *s, const node_place *at, ps_msg *msg)
{
    uint64_t *its_lo = malloc(((size_t)at->nodes + 1) * sizeof *its_lo), slot = 0, hi;
    if (!its_lo)
        return ps_fail(msg, PS_ENV, "out of memory");
    for (int k = 0; k < at->nodes; slot += at->sizes[k], k++)
        block_of(run->size, slot, run->ranks, &its_lo[k], &hi);
    its_lo[at->nodes] = run->size;
    ps_status st = layout(s, at->nodes, its_lo, msg);
    free(its_lo);
    return st;
}

/* The node's window: count slots of this rank's (rank 0: every result; another leader: its
 * node's; other ranks: none), seen by all through the node's base. */
static ps_status shared_window(const ps_run *run, squares *s, uint64_t count, ps_msg *msg)
{
    void *base = NULL;
    ps_status st =
        mpi_ok(MPI_Win_allocate_shared((MPI_Aint)(count * sizeof(uint64_t)), sizeof(uint64_t),
                                       MPI_INFO_NULL, s->node, &base, &s->win),
               "squares shared: MPI_Win_allocate_shared", msg);
    MPI_Aint bytes;
    int unit;
    if (!st)
        st = mpi_ok(MPI_Win_shared_query(s->win, 0, &bytes, &unit, &s->node_base),
                    "squares shared: MPI_Win_shared_query", msg);
    if (!st)
        st = mpi_ok(MPI_Win_lock_all(MPI_MODE_NOCHECK, s->win), "squares shared: MPI_Win_lock_all",
                    msg);
    if (!st && run->rank == 0)
        s->out = s->node_base;
    return st;
}

/* The node's ranks take consecutive slots (nodes in the order of their leaders' ranks), so each
 * node squares one contiguous range, which its leader allocates whole for the node's ranks; rank 0
 * leads the first node and allocates all N, so the other nodes' ranges land after its own. */
static ps_status prepare_shared(ps_run *run, squares *s, ps_msg *msg)
{
    node_place at;
    ps_status st = place_on_node(run, s, &at, msg);
    const uint64_t n = run->size, p = run->ranks;
    if (!st) {
        uint64_t end;
        block_of(n, at.first_slot, p, &s->node_lo, &end);
        block_of(n, at.first_slot + (uint64_t)at.local_size - 1, p, &end, &s->node_hi);
        block_of(n, at.first_slot + (uint64_t)at.local, p, &s->lo, &s->hi);
    }
    if (!st && run->rank == 0 && at.nodes > 1)
        st = node_layout(run, s, &at, msg);
    free(at.sizes);
    if (st)
        return st;
    return shared_window(run, s,
                         run->rank == 0  ? n
                         : at.local == 0 ? s->node_hi - s->node_lo
                                         : 0,
                         msg);
}

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    squares *s = calloc(1, sizeof *s);
    run->state = s;
    if (!s)
        return ps_fail(msg, PS_ENV, "out of memory");
    s->win = MPI_WIN_NULL;
    s->node = s->leaders = MPI_COMM_NULL;
    switch (run->opt->variant) {
    case SHARED:
        return prepare_shared(run, s, msg);
    case LOCAL:
        block_of(run->size, (uint64_t)run->rank, run->ranks, &s->lo, &s->hi);
        return (s->out = alloc_u64(s, s->hi - s->lo))
                   ? PS_OK
                   : ps_fail(msg, PS_ENV, "squares: rank %d cannot allocate its block", run->rank);
    }
    if (run->rank == 0 && !(s->out = alloc_u64(s, run->size)))
        return ps_fail(msg, PS_ENV, "squares: rank 0 cannot allocate %llu MB for N=%llu",
                       (unsigned long long)(run->size * 8 >> 20), (unsigned long long)run->size);
    if (run->opt->variant == BLOCK)
        return prepare_block(run, s, msg);
    s->chunk = run->opt->chunk ? run->opt->chunk : pool_chunk(run->size, run->ranks);
    if (run->rank != 0 &&
        (!(s->mine[0] = alloc_u64(s, s->chunk)) || !(s->mine[1] = alloc_u64(s, s->chunk))))
        return ps_fail(msg, PS_ENV, "squares: rank %d cannot allocate its chunks", run->rank);
    return PS_OK;
}

static ps_status execute_block(ps_run *run, squares *s, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    uint64_t *mine = run->rank == 0 ? s->out : s->mine[0];
    ps_status st = fill(run, mine, s->lo + 1, s->hi - s->lo, msg);
    int rc = run->rank == 0 ? MPI_Gatherv(MPI_IN_PLACE, 0, MPI_UINT64_T, s->out, s->counts,
                                          s->displs, MPI_UINT64_T, 0, comm)
                            : MPI_Gatherv(mine, (int)(s->hi - s->lo), MPI_UINT64_T, NULL, NULL,
                                          NULL, MPI_UINT64_T, 0, comm);
    return st ? st : mpi_ok(rc, "squares: MPI_Gatherv", msg);
}

/* Each rank writes its squares into the node's array; the node's barrier, between two
 * MPI_Win_syncs, makes them visible to the leader, which then sends the node's range to rank 0. */
static ps_status execute_shared(ps_run *run, squares *s, ps_msg *msg)
{
    uint64_t *mine = s->node_base + (s->lo - s->node_lo);
    ps_status st = fill(run, mine, s->lo + 1, s->hi - s->lo, msg);
    MPI_Win_sync(s->win);
    int rc = MPI_Barrier(s->node);
    MPI_Win_sync(s->win);
    if (rc == MPI_SUCCESS && s->leaders != MPI_COMM_NULL && s->counts) /* rank 0, several nodes */
        rc = MPI_Gatherv(MPI_IN_PLACE, 0, MPI_UINT64_T, s->out, s->counts, s->displs, MPI_UINT64_T,
                         0, s->leaders);
    else if (rc == MPI_SUCCESS && s->leaders != MPI_COMM_NULL) {
        int nodes;
        MPI_Comm_size(s->leaders, &nodes);
        if (nodes > 1)
            rc = MPI_Gatherv(s->node_base, (int)(s->node_hi - s->node_lo), MPI_UINT64_T, NULL, NULL,
                             NULL, MPI_UINT64_T, 0, s->leaders);
    }
    return st ? st : mpi_ok(rc, "squares shared: between nodes", msg);
}

/* The manager. Each worker is sent chunk ids on TAG_WORK, ended by one STOP; it holds at most two
 * chunks, so it computes the next while its last result travels. A returning result goes straight
 * to its place in the list, and frees the slot for the next chunk, or for the STOP once the queue
 * is empty. While no result waits, the manager squares the next chunk itself. */
static const uint64_t STOP = UINT64_MAX;

typedef struct worker_slots {
    uint64_t held[2]; /* chunk ids in the order the worker will return them */
    int count;
    int stopped;
} worker_slots;

static int give_next(MPI_Comm comm, int w, worker_slots *ws, uint64_t *next, uint64_t chunks)
{
    uint64_t job = *next < chunks ? (*next)++ : STOP;
    if (job == STOP)
        ws->stopped = 1;
    else
        ws->held[ws->count++] = job;
    return MPI_Send(&job, 1, MPI_UINT64_T, w, TAG_WORK, comm);
}

static ps_status manage_pool(ps_run *run, squares *s, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    const uint64_t n = run->size, chunks = n / s->chunk + (n % s->chunk != 0);
    const int workers = (int)run->ranks - 1;
    worker_slots *ws = calloc((size_t)workers + 1, sizeof *ws);
    if (!ws)
        return ps_fail(msg, PS_ENV, "out of memory");
    uint64_t next = 0, done = 0;
    int rc = MPI_SUCCESS;
    ps_status st = PS_OK;
    for (int slot = 0; slot < 2; slot++)
        for (int w = 1; w <= workers && rc == MPI_SUCCESS; w++)
            if (!ws[w].stopped)
                rc = give_next(comm, w, &ws[w], &next, chunks);
    while (done < chunks && rc == MPI_SUCCESS) { /* a short team (st) still runs the pool out */
        MPI_Status status;
        int waiting = 0;
        if (next < chunks &&
            (rc = MPI_Iprobe(MPI_ANY_SOURCE, TAG_RESULT, comm, &waiting, &status)) == MPI_SUCCESS &&
            !waiting) { /* nobody waits: square the next chunk here */
            uint64_t lo = next++ * s->chunk, hi = lo + s->chunk < n ? lo + s->chunk : n;
            ps_status fst = fill(run, s->out + lo, lo + 1, hi - lo, msg);
            st = st ? st : fst;
            done++;
            continue;
        }
        if (!waiting && rc == MPI_SUCCESS)
            rc = mpi_probe(run, MPI_ANY_SOURCE, TAG_RESULT, &status);
        if (rc != MPI_SUCCESS)
            break;
        worker_slots *w = &ws[status.MPI_SOURCE];
        uint64_t lo = w->held[0] * s->chunk, hi = lo + s->chunk < n ? lo + s->chunk : n;
        w->held[0] = w->held[1];
        w->count--;
        rc = mpi_recv(run, s->out + lo, (int)(hi - lo), MPI_UINT64_T, status.MPI_SOURCE, TAG_RESULT,
                      MPI_STATUS_IGNORE);
        done++;
        if (rc == MPI_SUCCESS && !w->stopped)
            rc = give_next(comm, status.MPI_SOURCE, w, &next, chunks);
    }
    free(ws);
    return st ? st : mpi_ok(rc, "squares pool: manager", msg);
}

/* A worker: receive a chunk id, square it into the free buffer, send it back without waiting. */
static ps_status work_in_pool(ps_run *run, squares *s, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    const uint64_t n = run->size;
    MPI_Request sent[2] = {MPI_REQUEST_NULL, MPI_REQUEST_NULL};
    int rc = MPI_SUCCESS;
    ps_status st = PS_OK;
    for (int b = 0;; b ^= 1) {
        uint64_t job;
        rc = mpi_recv(run, &job, 1, MPI_UINT64_T, 0, TAG_WORK, MPI_STATUS_IGNORE);
        if (rc != MPI_SUCCESS || job == STOP)
            break;
        uint64_t lo = job * s->chunk, hi = lo + s->chunk < n ? lo + s->chunk : n;
        if ((rc = mpi_wait(run, &sent[b], MPI_STATUS_IGNORE)) != MPI_SUCCESS)
            break;
        ps_status fst = fill(run, s->mine[b], lo + 1, hi - lo, msg);
        st = st ? st : fst; /* still return the chunk: the manager counts on it */
        rc = MPI_Isend(s->mine[b], (int)(hi - lo), MPI_UINT64_T, 0, TAG_RESULT, comm, &sent[b]);
        if (rc != MPI_SUCCESS)
            break;
    }
    int rc2 = mpi_wait_each(run, 2, sent);
    return st ? st : mpi_ok(rc ? rc : rc2, "squares pool: worker", msg);
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    squares *s = run->state;
    switch (run->opt->variant) {
    case BLOCK:
        return execute_block(run, s, msg);
    case SHARED:
        return execute_shared(run, s, msg);
    case LOCAL:
        return fill(run, s->out, s->lo + 1, s->hi - s->lo, msg);
    }
    return run->rank == 0 ? manage_pool(run, s, msg) : work_in_pool(run, s, msg);
}

/* 128-bit sums, added across ranks by a reduction of their own (MPI has no 128-bit integer). */
static void add_totals(void *in, void *inout, int *len, MPI_Datatype *type)
{
    (void)type;
    const ps_squares_total *a = in;
    ps_squares_total *b = inout;
    for (int i = 0; i < *len; i++) {
        b[i].sum += a[i].sum;
        b[i].weighted += a[i].weighted;
    }
}

static ps_status check_local(ps_run *run, squares *s, char *result, size_t len, ps_msg *msg)
{
    ps_status st = ps_squares_spot_check(s->out, s->lo + 1, s->hi - s->lo, msg);
    ps_squares_total mine = {0, 0}, all = {0, 0};
    ps_squares_sums(s->out, s->lo + 1, s->hi - s->lo, &mine);
    MPI_Datatype type;
    MPI_Op op;
    MPI_Type_contiguous(sizeof mine, MPI_BYTE, &type);
    MPI_Type_commit(&type);
    MPI_Op_create(add_totals, 1, &op);
    int rc = MPI_Reduce(&mine, &all, 1, type, op, 0, mpi_comm(run));
    MPI_Op_free(&op);
    MPI_Type_free(&type);
    if (st || (st = mpi_ok(rc, "squares local: MPI_Reduce", msg)) || run->rank != 0)
        return st;
    return ps_squares_check_sums(&all, run->size, result, len, msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    squares *s = run->state;
    if (run->opt->variant == LOCAL)
        return check_local(run, s, result, len, msg);
    return run->rank == 0 ? ps_squares_check_team(run->threads, s->out, run->size, result, len, msg)
                          : PS_OK;
}

static void show(const ps_run *run, FILE *out)
{
    const squares *s = run->state;
    if (run->opt->variant != LOCAL) /* local: rank 0 holds its block only */
        ps_squares_show(out, s->out, run->size, run->workers, run->threads > 1 ? "worker" : "rank",
                        run->opt->print);
}

static void release(ps_run *run)
{
    squares *s = run->state;
    if (s) {
        if (s->win != MPI_WIN_NULL) {
            MPI_Win_unlock_all(s->win);
            MPI_Win_free(&s->win);
        } else {
            free(s->out);
        }
        if (s->node != MPI_COMM_NULL)
            MPI_Comm_free(&s->node);
        if (s->leaders != MPI_COMM_NULL)
            MPI_Comm_free(&s->leaders);
        free(s->mine[0]);
        free(s->mine[1]);
        free(s->counts);
        free(s->displs);
    }
    free(s);
    run->state = NULL;
}

/* Bytes a rank allocates: rank 0 all N, except in local (where every rank has only its block). */
static uint64_t memory(const ps_options *opt, uint64_t size, unsigned ranks, int rank)
{
    uint64_t block = (size / ranks + 1) * sizeof(uint64_t);
    if (opt->variant == LOCAL)
        return block;
    if (rank == 0)
        return size * sizeof(uint64_t); /* every result, gathered */
    if (opt->variant == POOL) {
        uint64_t chunk = opt->chunk ? opt->chunk : pool_chunk(size, ranks);
        return 2 * chunk * sizeof(uint64_t); /* two chunks in flight */
    }
    return block; /* block: its own; shared: its part of its node's array */
}

static void detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    const squares *s = run->state;
    (void)seconds;
    snprintf(text, len, "%s",
             run->opt->variant == SHARED ? "the node's shared window: pages as MPI maps them"
                                         : ps_pages_text(s->pages));
}

const ps_workload mpi_squares = {
    .info = &ps_squares_info,
    .variants = (const char *const[]){"block", "pool", "shared", "local", NULL},
    .memory = memory,
    .detail = detail,
    .show = show,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .release = release,
};
