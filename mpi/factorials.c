/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 7: a pool computes n! for n = 1..N, results taken as they complete. Ranks share
 * nothing, so every n! travels to rank 0 as a message of GMP limbs. With --threads T a rank
 * computes T n's at once, one OpenMP thread each (ranks x threads: hybrid).
 *   pool   rank 0 hands out n's in order (T at a time) to whichever worker returns a result (two
 *          in hand each); results are received with MPI_ANY_SOURCE, in completion order
 *          (as_completed); while no result is waiting, rank 0 computes the next n's itself
 *   block  each rank computes a contiguous block of n's (the last ranks get the largest), its
 *          threads taking the next n as they finish, then all blocks are gathered to rank 0; the
 *          detail column shows the imbalance between ranks */
#include "mpi_wait.h"
#include "ps_catalogue.h"
#include "ps_factorials.h"
#include "ps_stats.h"
#include "ps_team.h"

#include <omp.h>
#include <stdlib.h>

enum { POOL, BLOCK };
enum { TAG_WORK = 1, TAG_RESULT = 2 };
static const uint64_t STOP = 0;

typedef struct buffer {
    uint64_t *words;
    size_t cap;
} buffer;

typedef struct factorials {
    ps_factorials f; /* rank 0: every result; other ranks: their own, as scratch */
    double busy, *all_busy;
    buffer buf[2]; /* packed results: two, so one can travel while the next is packed */
} factorials;

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    factorials *s = calloc(1, sizeof *s);
    run->state = s;
    if (!s || (run->rank == 0 && !(s->all_busy = calloc(run->ranks, sizeof(double)))))
        return ps_fail(msg, PS_ENV, "out of memory");
    return ps_factorials_init(&s->f, run->size, msg);
}

/* Room for `words` more 64-bit words at the end of b, which holds `used`. */
static uint64_t *room(buffer *b, size_t used, size_t words)
{
    if (used + words > b->cap) {
        size_t cap = 2 * (used + words);
        uint64_t *p = realloc(b->words, cap * sizeof *p);
        if (!p)
            return NULL;
        b->words = p;
        b->cap = cap;
    }
    return b->words + used;
}

/* Appends [k, words, limbs...] for k! to b; returns the new length, 0 when out of memory. */
static size_t pack(factorials *s, buffer *b, size_t used, uint64_t k)
{
    size_t words = (mpz_sizeinbase(s->f.value[k], 2) + 63) / 64;
    uint64_t *p = room(b, used, 2 + words);
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

/* k! for k in [first, last], by this rank's threads; the rank's busy time grows by the wall time.
 */
static ps_status compute(const ps_run *run, factorials *s, uint64_t first, uint64_t last,
                         ps_msg *msg)
{
    double t0 = MPI_Wtime();
    int team = 1;
#pragma omp parallel num_threads(run->threads) if (run->threads > 1)
    {
#pragma omp master
        team = omp_get_num_threads();
#pragma omp for schedule(dynamic, 1)
        for (uint64_t k = first; k <= last; k++)
            mpz_fac_ui(s->f.value[k], k);
    }
    s->busy += MPI_Wtime() - t0;
    return ps_team_check(team, run->threads, msg);
}

static uint64_t last_of(const ps_run *run, uint64_t first)
{
    return first + run->threads - 1 < run->size ? first + run->threads - 1 : run->size;
}

/* The pool. Each worker is sent the first of its next T n's on TAG_WORK, ended by one STOP, and
 * holds up to two such jobs, so it computes the next while its last results travel. The manager
 * takes results as they come (MPI_ANY_SOURCE) and gives that worker the next job; while no result
 * is waiting it computes the next job itself rather than spend its cores polling. */
typedef struct pool {
    uint64_t next, handed, received;
    unsigned char *stopped;
} pool;

static int give(ps_run *run, pool *p, int w)
{
    uint64_t k = p->next <= run->size ? p->next : STOP;
    p->next = k == STOP ? p->next : last_of(run, k) + 1;
    p->handed += k != STOP;
    p->stopped[w] = k == STOP;
    return MPI_Send(&k, 1, MPI_UINT64_T, w, TAG_WORK, mpi_comm(run));
}

/* Receives one waiting result (or waits for one), then gives that worker more. */
static int collect(ps_run *run, factorials *s, pool *p, int wait, int *got, ps_status *st,
                   ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    MPI_Status status;
    int count = 0, rc = wait ? mpi_probe(run, MPI_ANY_SOURCE, TAG_RESULT, &status)
                             : MPI_Iprobe(MPI_ANY_SOURCE, TAG_RESULT, comm, got, &status);
    *got = wait || *got;
    if (rc != MPI_SUCCESS || !*got || (rc = MPI_Get_count(&status, MPI_UINT64_T, &count)))
        return rc;
    uint64_t *words = room(&s->buf[0], 0, (size_t)count);
    if (!words) {
        *st = ps_fail(msg, PS_ENV, "factorials: rank 0 is out of memory");
        return rc;
    }
    rc =
        mpi_recv(run, words, count, MPI_UINT64_T, status.MPI_SOURCE, TAG_RESULT, MPI_STATUS_IGNORE);
    p->received++;
    for (size_t at = 0, step = 1; rc == MPI_SUCCESS && at < (size_t)count && !*st; at += step)
        if (!(step = unpack(s, words + at, (size_t)count - at, (uint32_t)status.MPI_SOURCE)))
            *st = ps_fail(msg, PS_FAILED, "factorials: a malformed result from rank %d",
                          status.MPI_SOURCE);
    return rc == MPI_SUCCESS && !p->stopped[status.MPI_SOURCE] ? give(run, p, status.MPI_SOURCE)
                                                               : rc;
}

static ps_status manage(ps_run *run, factorials *s, ps_msg *msg)
{
    pool p = {.next = 1, .stopped = calloc(run->ranks, 1)};
    if (!p.stopped)
        return ps_fail(msg, PS_ENV, "out of memory");
    int rc = MPI_SUCCESS;
    ps_status st = PS_OK, team = PS_OK; /* team: a short team here; the pool still runs out */
    for (int slot = 0; slot < 2; slot++)
        for (int w = 1; w < (int)run->ranks && rc == MPI_SUCCESS; w++)
            if (!p.stopped[w])
                rc = give(run, &p, w);
    while (rc == MPI_SUCCESS && !st && (p.received < p.handed || p.next <= run->size)) {
        int got = 0;
        rc = collect(run, s, &p, p.next > run->size, &got, &st, msg);
        if (rc == MPI_SUCCESS && !st && !got && p.next <= run->size) {
            uint64_t first = p.next, last = last_of(run, first);
            p.next = last + 1;
            ps_status cst = compute(run, s, first, last, msg);
            team = team ? team : cst;
            for (uint64_t k = first; k <= last; k++) {
                s->f.worker[k] = 0;
                s->f.order[s->f.done++] = k;
            }
        }
    }
    free(p.stopped);
    return st ? st : team ? team : mpi_ok(rc, "factorials pool: manager", msg);
}

static ps_status work(ps_run *run, factorials *s, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    MPI_Request sent[2] = {MPI_REQUEST_NULL, MPI_REQUEST_NULL};
    int rc = MPI_SUCCESS;
    ps_status st = PS_OK;
    for (int b = 0;; b ^= 1) {
        uint64_t first;
        if ((rc = mpi_recv(run, &first, 1, MPI_UINT64_T, 0, TAG_WORK, MPI_STATUS_IGNORE)) ||
            first == STOP)
            break;
        uint64_t last = last_of(run, first);
        ps_status cst = compute(run, s, first, last, msg);
        st = st ? st : cst; /* still send the results: the manager counts on them */
        if ((rc = mpi_wait(run, &sent[b], MPI_STATUS_IGNORE)) != MPI_SUCCESS)
            break;
        size_t used = 0;
        for (uint64_t k = first; k <= last; k++)
            if (!(used = pack(s, &s->buf[b], used, k)))
                break;
        if (!used) {
            mpi_wait_each(run, 2, sent);
            return ps_fail(msg, PS_ENV, "factorials: rank %d is out of memory", run->rank);
        }
        rc = MPI_Isend(s->buf[b].words, (int)used, MPI_UINT64_T, 0, TAG_RESULT, comm, &sent[b]);
        if (rc != MPI_SUCCESS)
            break;
    }
    int rc2 = mpi_wait_each(run, 2, sent);
    return st ? st : mpi_ok(rc ? rc : rc2, "factorials pool: worker", msg);
}

static ps_status block(ps_run *run, factorials *s, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    const uint64_t n = run->size, p = run->ranks, r = (uint64_t)run->rank;
    size_t used = 0;
    const uint64_t first = n * r / p + 1, last = n * (r + 1) / p;
    ps_status st = first <= last ? compute(run, s, first, last, msg) : PS_OK;
    if (st)
        return st;
    for (uint64_t k = first; k <= last; k++)
        if (!(used = pack(s, &s->buf[0], used, k)))
            return ps_fail(msg, PS_ENV, "factorials: rank %d is out of memory", run->rank);
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
        rc = MPI_Gatherv(s->buf[0].words, mine, MPI_UINT64_T, all, counts, displs, MPI_UINT64_T, 0,
                         comm);
    st = mpi_ok(rc, "factorials block: MPI_Gatherv", msg);
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
    } else if (run->ranks == 1) {
        st = compute(run, s, 1, run->size, msg);
        for (uint64_t k = 1; k <= run->size; k++)
            s->f.order[s->f.done++] = k;
    } else {
        st = run->rank == 0 ? manage(run, s, msg) : work(run, s, msg);
    }
    int rc = MPI_Gather(&s->busy, 1, MPI_DOUBLE, s->all_busy, 1, MPI_DOUBLE, 0, mpi_comm(run));
    return st ? st : mpi_ok(rc, "factorials: MPI_Gather", msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    factorials *s = run->state;
    return run->rank == 0 ? ps_factorials_check(&s->f, run->ranks, result, len, msg) : PS_OK;
}

static void detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    (void)seconds;
    const factorials *s = run->state;
    snprintf(text, len, "imbalance %.2f", ps_imbalance(s->all_busy, run->ranks));
    if (run->rank == 0)
        ps_factorials_order_detail(&s->f, text, len);
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
        free(s->buf[0].words);
        free(s->buf[1].words);
    }
    free(s);
    run->state = NULL;
}

const ps_workload mpi_factorials = {
    .info = &ps_factorials_info,
    .variants = (const char *const[]){"pool", "block", NULL},
    .detail = detail,
    .show = show,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .release = release,
};
