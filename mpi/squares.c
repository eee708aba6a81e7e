/* Questions 2 and 8: a pool maps square() over 1..N and is timed at several sizes.
 * Ranks share no memory, so the results must travel to rank 0, which holds the whole list as the
 * questions' parent process does; that cost is part of the timed region.
 *   block  each rank squares its contiguous block; MPI_Gatherv brings the blocks to rank 0
 *   pool   the process pool: rank 0 manages a queue of chunks (--chunk, default Python's
 *          ceil(N / (4 * workers))) and hands the next one to whichever worker returns results;
 *          each worker keeps two chunks in hand so it never waits for the manager. With one rank,
 *          rank 0 squares everything itself; with P ranks there are P - 1 workers. */
#include "mpi_wait.h"
#include "ps_catalogue.h"
#include "ps_squares.h"

#include <limits.h>
#include <stdlib.h>

enum { BLOCK, POOL };
enum { TAG_WORK = 1, TAG_RESULT = 2 };

typedef struct squares {
    uint64_t *out;          /* rank 0: all N squares */
    uint64_t *mine[2];      /* other ranks: their block, or two chunk buffers (pool) */
    int *counts, *displs;   /* rank 0, block: the Gatherv layout */
    uint64_t lo, hi, chunk; /* block: this rank's range; pool: the chunk size */
} squares;

static void block_of(uint64_t n, int rank, int size, uint64_t *lo, uint64_t *hi)
{
    *lo = n / (uint64_t)size * (uint64_t)rank +
          ((uint64_t)rank < n % (uint64_t)size ? (uint64_t)rank : n % (uint64_t)size);
    *hi = *lo + n / (uint64_t)size + ((uint64_t)rank < n % (uint64_t)size);
}

static uint64_t *alloc_u64(uint64_t n)
{
    return aligned_alloc(64, ((n ? n : 1) * sizeof(uint64_t) + 63) / 64 * 64);
}

static ps_status prepare_block(ps_run *run, squares *s, int size, ps_msg *msg)
{
    uint64_t n = run->size, per_rank = n / (uint64_t)size + 1;
    if (per_rank > INT_MAX)
        return ps_fail(msg, PS_USAGE,
                       "--size: '%llu' is too large for %d ranks (a block holds at most %d "
                       "numbers in one message)",
                       (unsigned long long)n, size, INT_MAX);
    block_of(n, run->rank, size, &s->lo, &s->hi);
    if (run->rank != 0)
        return (s->mine[0] = alloc_u64(s->hi - s->lo)) ? PS_OK : PS_ENV;
    s->counts = malloc((size_t)size * sizeof(int));
    s->displs = malloc((size_t)size * sizeof(int));
    if (!s->counts || !s->displs)
        return PS_ENV;
    for (int r = 0; r < size; r++) {
        uint64_t lo, hi;
        block_of(n, r, size, &lo, &hi);
        s->counts[r] = (int)(hi - lo);
        s->displs[r] = lo > INT_MAX ? -1 : (int)lo;
        if (s->displs[r] < 0)
            return ps_fail(msg, PS_USAGE, "--size: '%llu' is too large for MPI_Gatherv offsets",
                           (unsigned long long)n);
    }
    return PS_OK;
}

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    int size = (int)run->workers;
    squares *s = calloc(1, sizeof *s);
    run->state = s;
    if (!s)
        return ps_fail(msg, PS_ENV, "out of memory");
    if (run->rank == 0 && !(s->out = alloc_u64(run->size)))
        return ps_fail(msg, PS_ENV, "squares: rank 0 cannot allocate %llu MB for N=%llu",
                       (unsigned long long)(run->size * 8 >> 20), (unsigned long long)run->size);
    ps_status st = PS_OK;
    if (run->opt->variant == BLOCK) {
        st = prepare_block(run, s, size, msg);
    } else {
        s->chunk = run->opt->chunk ? run->opt->chunk
                                   : ps_pool_chunk(run->size, size > 1 ? (unsigned)size - 1 : 1);
        if (run->rank != 0 &&
            (!(s->mine[0] = alloc_u64(s->chunk)) || !(s->mine[1] = alloc_u64(s->chunk))))
            st = PS_ENV;
    }
    if (st == PS_ENV)
        return ps_fail(msg, PS_ENV, "squares: rank %d cannot allocate its buffers", run->rank);
    return st;
}

static ps_status execute_block(ps_run *run, squares *s, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    int rc;
    if (run->rank == 0) {
        ps_squares_fill(s->out, 1, s->hi - s->lo);
        rc = MPI_Gatherv(MPI_IN_PLACE, 0, MPI_UINT64_T, s->out, s->counts, s->displs, MPI_UINT64_T,
                         0, comm);
    } else {
        ps_squares_fill(s->mine[0], s->lo + 1, s->hi - s->lo);
        rc = MPI_Gatherv(s->mine[0], (int)(s->hi - s->lo), MPI_UINT64_T, NULL, NULL, NULL,
                         MPI_UINT64_T, 0, comm);
    }
    return mpi_ok(rc, "squares: MPI_Gatherv", msg);
}

/* The manager. Each worker is sent chunk ids on TAG_WORK, ended by one STOP; it holds at most two
 * chunks, so it computes the next while its last result travels. A returning result goes straight
 * to its place in the list, and frees the slot for the next chunk, or for the STOP once the queue
 * is empty. */
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
    const int workers = (int)run->workers - 1;
    worker_slots *ws = calloc((size_t)workers + 1, sizeof *ws);
    if (!ws)
        return ps_fail(msg, PS_ENV, "out of memory");
    uint64_t next = 0, received = 0;
    int rc = MPI_SUCCESS;
    for (int slot = 0; slot < 2; slot++)
        for (int w = 1; w <= workers && rc == MPI_SUCCESS; w++)
            if (!ws[w].stopped)
                rc = give_next(comm, w, &ws[w], &next, chunks);
    while (received < chunks && rc == MPI_SUCCESS) {
        MPI_Status status;
        rc = mpi_probe(run, MPI_ANY_SOURCE, TAG_RESULT, &status);
        if (rc != MPI_SUCCESS)
            break;
        worker_slots *w = &ws[status.MPI_SOURCE];
        uint64_t lo = w->held[0] * s->chunk, hi = lo + s->chunk < n ? lo + s->chunk : n;
        w->held[0] = w->held[1];
        w->count--;
        rc = mpi_recv(run, s->out + lo, (int)(hi - lo), MPI_UINT64_T, status.MPI_SOURCE, TAG_RESULT,
                      MPI_STATUS_IGNORE);
        received++;
        if (rc == MPI_SUCCESS && !w->stopped)
            rc = give_next(comm, status.MPI_SOURCE, w, &next, chunks);
    }
    free(ws);
    return mpi_ok(rc, "squares pool: manager", msg);
}

/* A worker: receive a chunk id, square it into the free buffer, send it back without waiting. */
static ps_status work_in_pool(ps_run *run, squares *s, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    const uint64_t n = run->size;
    MPI_Request sent[2] = {MPI_REQUEST_NULL, MPI_REQUEST_NULL};
    int rc = MPI_SUCCESS;
    for (int b = 0;; b ^= 1) {
        uint64_t job;
        rc = mpi_recv(run, &job, 1, MPI_UINT64_T, 0, TAG_WORK, MPI_STATUS_IGNORE);
        if (rc != MPI_SUCCESS || job == STOP)
            break;
        uint64_t lo = job * s->chunk, hi = lo + s->chunk < n ? lo + s->chunk : n;
        if ((rc = mpi_wait(run, &sent[b], MPI_STATUS_IGNORE)) != MPI_SUCCESS)
            break;
        ps_squares_fill(s->mine[b], lo + 1, hi - lo);
        rc = MPI_Isend(s->mine[b], (int)(hi - lo), MPI_UINT64_T, 0, TAG_RESULT, comm, &sent[b]);
        if (rc != MPI_SUCCESS)
            break;
    }
    int rc2 = mpi_wait_each(run, 2, sent);
    return mpi_ok(rc ? rc : rc2, "squares pool: worker", msg);
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    squares *s = run->state;
    if (run->opt->variant == BLOCK)
        return execute_block(run, s, msg);
    if (run->workers == 1) {
        ps_squares_fill(s->out, 1, run->size);
        return PS_OK;
    }
    return run->rank == 0 ? manage_pool(run, s, msg) : work_in_pool(run, s, msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    const squares *s = run->state;
    return run->rank == 0 ? ps_squares_check(s->out, run->size, result, len, msg) : PS_OK;
}

static void show(const ps_run *run, FILE *out)
{
    const squares *s = run->state;
    ps_squares_show(out, s->out, run->size, run->workers, "rank", run->opt->print);
}

static void release(ps_run *run)
{
    squares *s = run->state;
    if (s) {
        free(s->out);
        free(s->mine[0]);
        free(s->mine[1]);
        free(s->counts);
        free(s->displs);
    }
    free(s);
    run->state = NULL;
}

static uint64_t memory(const ps_options *opt, uint64_t size, unsigned workers, int rank)
{
    if (rank == 0)
        return size * sizeof(uint64_t); /* every result, gathered */
    if (opt->variant == BLOCK)
        return (size / workers + 1) * sizeof(uint64_t);
    uint64_t chunk = opt->chunk ? opt->chunk : ps_pool_chunk(size, workers > 1 ? workers - 1 : 1);
    return 2 * chunk * sizeof(uint64_t); /* two chunks in flight */
}

const ps_workload mpi_squares = {
    .info = &ps_squares_info,
    .variants = (const char *const[]){"block", "pool", NULL},
    .memory = memory,
    .show = show,
    PS_STEPS,
};
