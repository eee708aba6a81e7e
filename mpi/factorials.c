/* Seed question 7: a pool computes n! for n = 1..N, results taken as they complete. Ranks share
 * nothing, so every n! travels to rank 0 as a message of GMP limbs.
 *   pool   rank 0 hands out one n at a time, in order, to whichever worker returns a result;
 *          results are received with MPI_ANY_SOURCE, in completion order (as_completed)
 *   block  each rank computes a contiguous block of n's (the last ranks get the largest), then
 *          all blocks are gathered to rank 0; the detail column shows the imbalance */
#include "mpi_run.h"
#include "ps_factorials.h"
#include "ps_stats.h"

#include <stdlib.h>

enum { POOL, BLOCK };
enum { TAG_WORK = 1, TAG_RESULT = 2 };
static const uint64_t STOP = 0;

typedef struct factorials {
    ps_factorials f; /* rank 0: every result; other ranks: their own, as scratch */
    double busy, *all_busy;
    uint64_t *buf;
    size_t cap;
} factorials;

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    factorials *s = calloc(1, sizeof *s);
    run->state = s;
    if (!s || (run->rank == 0 && !(s->all_busy = calloc(run->workers, sizeof(double)))))
        return ps_fail(msg, PS_ENV, "out of memory");
    return ps_factorials_init(&s->f, run->size, msg);
}

/* Room for `words` more 64-bit words at the end of s->buf, which holds `used`. */
static uint64_t *room(factorials *s, size_t used, size_t words)
{
    if (used + words > s->cap) {
        size_t cap = 2 * (used + words);
        uint64_t *p = realloc(s->buf, cap * sizeof *p);
        if (!p)
            return NULL;
        s->buf = p;
        s->cap = cap;
    }
    return s->buf + used;
}

/* Appends [k, words, limbs...] for k! to s->buf; returns the new length, 0 when out of memory. */
static size_t pack(factorials *s, size_t used, uint64_t k)
{
    size_t words = (mpz_sizeinbase(s->f.value[k], 2) + 63) / 64;
    uint64_t *p = room(s, used, 2 + words);
    if (!p)
        return 0;
    p[0] = k;
    mpz_export(p + 2, &words, -1, sizeof(uint64_t), 0, 0, s->f.value[k]);
    p[1] = words;
    return used + 2 + words;
}

/* Reads one [k, words, limbs...] at p into rank 0's results; returns the words read, 0 if bad. */
static size_t unpack(factorials *s, const uint64_t *p, size_t avail, uint32_t worker)
{
    if (avail < 2 || p[0] < 1 || p[0] > s->f.n || p[1] > avail - 2)
        return 0;
    mpz_import(s->f.value[p[0]], p[1], -1, sizeof(uint64_t), 0, 0, p + 2);
    s->f.worker[p[0]] = worker;
    s->f.order[s->f.done++] = p[0];
    return 2 + p[1];
}

static void compute(factorials *s, uint64_t k)
{
    double t0 = MPI_Wtime();
    mpz_fac_ui(s->f.value[k], k);
    s->busy += MPI_Wtime() - t0;
}

static ps_status manage(ps_run *run, factorials *s, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    uint64_t next = 1;
    int rc = MPI_SUCCESS, active = 0;
    for (int w = 1; w < (int)run->workers && rc == MPI_SUCCESS; w++) {
        uint64_t k = next <= run->size ? next++ : STOP;
        active += k != STOP;
        rc = MPI_Send(&k, 1, MPI_UINT64_T, w, TAG_WORK, comm);
    }
    while (active > 0 && rc == MPI_SUCCESS) {
        MPI_Status st;
        int count = 0;
        if ((rc = MPI_Probe(MPI_ANY_SOURCE, TAG_RESULT, comm, &st)) != MPI_SUCCESS ||
            (rc = MPI_Get_count(&st, MPI_UINT64_T, &count)) != MPI_SUCCESS)
            break;
        uint64_t *p = room(s, 0, (size_t)count);
        if (!p)
            return ps_fail(msg, PS_ENV, "factorials: rank 0 is out of memory");
        rc = MPI_Recv(p, count, MPI_UINT64_T, st.MPI_SOURCE, TAG_RESULT, comm, MPI_STATUS_IGNORE);
        if (rc == MPI_SUCCESS && !unpack(s, p, (size_t)count, (uint32_t)st.MPI_SOURCE))
            return ps_fail(msg, PS_FAILED, "factorials: a malformed result from rank %d",
                           st.MPI_SOURCE);
        uint64_t k = next <= run->size ? next++ : STOP;
        active -= k == STOP;
        if (rc == MPI_SUCCESS)
            rc = MPI_Send(&k, 1, MPI_UINT64_T, st.MPI_SOURCE, TAG_WORK, comm);
    }
    return mpi_ok(rc, "factorials pool: manager", msg);
}

static ps_status work(ps_run *run, factorials *s, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    for (;;) {
        uint64_t k;
        int rc = MPI_Recv(&k, 1, MPI_UINT64_T, 0, TAG_WORK, comm, MPI_STATUS_IGNORE);
        if (rc != MPI_SUCCESS || k == STOP)
            return mpi_ok(rc, "factorials pool: worker", msg);
        compute(s, k);
        size_t used = pack(s, 0, k);
        if (!used)
            return ps_fail(msg, PS_ENV, "factorials: rank %d is out of memory", run->rank);
        rc = MPI_Send(s->buf, (int)used, MPI_UINT64_T, 0, TAG_RESULT, comm);
        if (rc != MPI_SUCCESS)
            return mpi_ok(rc, "factorials pool: worker", msg);
    }
}

static ps_status block(ps_run *run, factorials *s, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    const uint64_t n = run->size, p = run->workers, r = (uint64_t)run->rank;
    size_t used = 0;
    for (uint64_t k = n * r / p + 1; k <= n * (r + 1) / p; k++) {
        compute(s, k);
        if (!(used = pack(s, used, k)))
            return ps_fail(msg, PS_ENV, "factorials: rank %d is out of memory", run->rank);
    }
    int mine = (int)used, *counts = NULL, *displs = NULL;
    if (run->rank == 0 &&
        (!(counts = calloc(p, sizeof *counts)) || !(displs = calloc(p, sizeof *displs)))) {
        free(counts);
        return ps_fail(msg, PS_ENV, "out of memory");
    }
    int rc = MPI_Gather(&mine, 1, MPI_INT, counts, 1, MPI_INT, 0, comm);
    uint64_t *all = NULL;
    size_t total = 0;
    if (run->rank == 0) {
        for (uint64_t i = 0; i < p; i++) {
            displs[i] = (int)total;
            total += (size_t)counts[i];
        }
        all = malloc((total ? total : 1) * sizeof *all);
    }
    if (rc == MPI_SUCCESS)
        rc = MPI_Gatherv(s->buf, mine, MPI_UINT64_T, all, counts, displs, MPI_UINT64_T, 0, comm);
    ps_status st = mpi_ok(rc, "factorials block: MPI_Gatherv", msg);
    if (!st && run->rank == 0) {
        s->f.done = 0;
        for (uint64_t i = 0; i < p && !st; i++)
            for (size_t at = (size_t)displs[i], end = at + (size_t)counts[i]; at < end && !st;) {
                size_t step = unpack(s, all + at, end - at, (uint32_t)i);
                st = step ? PS_OK
                          : ps_fail(msg, PS_FAILED, "factorials: a malformed block from rank %llu",
                                    (unsigned long long)i);
                at += step;
            }
    }
    free(all);
    free(counts);
    free(displs);
    return st;
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    factorials *s = run->state;
    s->busy = 0;
    s->f.done = 0;
    ps_status st;
    if (run->opt->variant == BLOCK) {
        st = block(run, s, msg);
    } else if (run->workers == 1) {
        for (uint64_t k = 1; k <= run->size; k++) {
            compute(s, k);
            s->f.order[s->f.done++] = k;
        }
        st = PS_OK;
    } else {
        st = run->rank == 0 ? manage(run, s, msg) : work(run, s, msg);
    }
    int rc = MPI_Gather(&s->busy, 1, MPI_DOUBLE, s->all_busy, 1, MPI_DOUBLE, 0, mpi_comm(run));
    return st ? st : mpi_ok(rc, "factorials: MPI_Gather", msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    factorials *s = run->state;
    return run->rank == 0 ? ps_factorials_check(&s->f, run->workers, result, len, msg) : PS_OK;
}

/* The manager of a pool computes nothing: the balance is among the workers. */
static void detail(const ps_run *run, char *text, size_t len)
{
    const factorials *s = run->state;
    size_t skip = run->opt->variant == POOL && run->workers > 1;
    snprintf(text, len, "imbalance %.2f", ps_imbalance(s->all_busy + skip, run->workers - skip));
}

static void show(const ps_run *run, FILE *out)
{
    const factorials *s = run->state;
    if (run->opt->print || run->size <= 20)
        ps_factorials_show(out, &s->f, "rank");
}

static void release(ps_run *run)
{
    factorials *s = run->state;
    if (s) {
        ps_factorials_free(&s->f);
        free(s->all_busy);
        free(s->buf);
    }
    free(s);
    run->state = NULL;
}

const ps_workload mpi_factorials = {
    .name = "factorials",
    .seed = "Q7",
    .about = "n! for n = 1..N with GMP, one task per n (the seed's loop runs 0..9)",
    .variants = (const char *const[]){"pool", "block", NULL},
    .options = (const char *const[]){"print", NULL},
    .default_size = 10,
    .max_size = PS_FACTORIALS_MAX,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .detail = detail,
    .show = show,
    .release = release,
};
