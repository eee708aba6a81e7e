/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 5: the ways processes share data safely (the questions' multiprocessing Pipe, Queue,
 * Manager and sharedctypes), each measured and each verified. --size is the operations per rank
 * (default 10000; for pipe, the round trips per small message size).
 *   pipe           ranks in pairs (0-1, 2-3, ...; a lone rank talks to itself): ping-pong latency
 *                  and windowed bandwidth for 0 B to 4 MiB as OSU measures them, every payload
 *                  checked; the table is shown and follows the record as a record per size, the
 *                  8 B latency and 1 MiB bandwidth are the point's own
 *   queue          every rank sends its items to rank 0, which takes them with MPI_ANY_SOURCE
 *   manager        rank 0 serves a shared counter by messages: fetch-and-add by request and reply
 *   rma            the counter lives in rank 0's window: a fetch-and-add by MPI_Rget_accumulate,
 *                  no rank 0 code at all
 *   shared-memory  one window in the node's shared memory (MPI_Win_allocate_shared): each rank
 *                  writes its slots, and after a barrier every rank reads everyone's
 *   deadlock       ranks in pairs both send first, synchronously (MPI_Ssend: complete only once
 *                  received), then receive: neither ever receives. A rank whose send has not
 *                  completed in 1 s says whom it waits for, rank 0 gathers that and names the
 *                  cycle, and every rank ends non-zero; only then are the sends received, so the
 *                  job ends cleanly. Alone, a rank posts its receive first: exact. */
#include "mpi_wait.h"
#include "ps_catalogue.h"
#include "ps_time.h"
#include "ps_waits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PIPE, QUEUE, MANAGER, RMA, SHARED, DEADLOCK };
enum { TAG_PING = 1, TAG_ITEM, TAG_ASK, TAG_REPLY, TAG_ACK, TAG_SSEND };
enum { STALL_S = 1 };                  /* deadlock: a send not received this long is stuck */
enum { PIPE_SIZES = 24, WINDOW = 64 }; /* 0, 1, 2, 4, ..., 4 MiB */
enum { CHECKED_BYTES = 8 << 20 };      /* the untimed window into distinct buffers: 8 MiB */
enum { SAMPLES = 64 };                 /* timed repetitions kept for the medians */

typedef struct share {
    uint64_t ops;
    char *out, *in;                                    /* pipe buffers */
    double latency[PIPE_SIZES], bandwidth[PIPE_SIZES]; /* rank 0's pair, this repetition */
    double (*samples)[2][PIPE_SIZES]; /* the timed repetitions' (the first 64), for medians */
    uint64_t runs, timed;
    uint64_t counter, captured; /* the result seen by rank 0 */
    MPI_Win win;
    uint64_t *base;
    MPI_Comm node;
    uint64_t wrong;  /* shared-memory: slots read back wrong, over all ranks */
    char cycle[160]; /* deadlock: who waited for whom (rank 0) */
} share;

static size_t pipe_size(int i)
{
    return i == 0 ? 0 : (size_t)1 << (i - 1);
}

static unsigned char pattern(size_t size, size_t i)
{
    return (unsigned char)(size * 7 + i * 13 + 1);
}

/* A payload: the pattern, with the round number in its first bytes so a stale buffer shows. */
static void stamp(char *buf, size_t size, uint64_t round)
{
    memcpy(buf, &round, size < sizeof round ? size : sizeof round);
}

static uint64_t wrong_bytes(const char *buf, size_t size, uint64_t round, int whole)
{
    uint64_t got = 0, bad = 0;
    size_t head = size < sizeof got ? size : sizeof got;
    memcpy(&got, buf, head);
    bad += head && memcmp(&got, &round, head) != 0;
    for (size_t b = head; whole && b < size; b++)
        bad += (unsigned char)buf[b] != pattern(size, b);
    return bad;
}

/* Messages in flight for the bandwidth window: 64, fewer for large sizes (64 MiB in all). */
static int window_of(size_t size)
{
    size_t w = size ? ((size_t)64 << 20) / size : WINDOW;
    return w > WINDOW ? WINDOW : w < 1 ? 1 : (int)w;
}

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    share *s = calloc(1, sizeof *s);
    run->state = s;
    if (!s)
        return ps_fail(msg, PS_ENV, "out of memory");
    s->ops = run->opt->size ? run->opt->size : 10000;
    run->size = s->ops;
    s->win = MPI_WIN_NULL;
    s->node = MPI_COMM_NULL;
    MPI_Comm comm = mpi_comm(run);
    int rc = MPI_SUCCESS;
    switch (run->opt->variant) {
    case PIPE:
        s->out = malloc(pipe_size(PIPE_SIZES - 1));
        s->in = malloc(CHECKED_BYTES);
        s->samples = calloc(SAMPLES, sizeof *s->samples);
        if (!s->out || !s->in || !s->samples)
            return ps_fail(msg, PS_ENV, "share pipe: out of memory");
        break;
    case RMA:
        rc = MPI_Win_allocate(run->rank == 0 ? sizeof(uint64_t) : 0, sizeof(uint64_t),
                              MPI_INFO_NULL, comm, &s->base, &s->win);
        break;
    case SHARED:
        rc = MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, run->rank, MPI_INFO_NULL, &s->node);
        if (rc == MPI_SUCCESS)
            rc = MPI_Win_allocate_shared((MPI_Aint)(s->ops * sizeof(uint64_t)), sizeof(uint64_t),
                                         MPI_INFO_NULL, s->node, &s->base, &s->win);
        break;
    }
    return mpi_ok(rc, "share: setting up the window", msg);
}

/* One window of the bandwidth test: `window` messages of `size` bytes from the first of the pair to
 * the other, into distinct buffers or all into one, then a one-byte acknowledgement. */
static int send_window(const ps_run *run, share *s, int peer, size_t size, int window, int distinct)
{
    MPI_Comm comm = mpi_comm(run);
    MPI_Request req[WINDOW];
    int rc = MPI_SUCCESS;
    const int first = run->rank < peer;
    for (int k = 0; k < window && !rc; k++) /* sends may share a buffer */
        rc = first ? MPI_Isend(s->out, (int)size, MPI_BYTE, peer, TAG_PING, comm, &req[k])
                   : MPI_Irecv(s->in + (distinct ? (size_t)k * size : 0), (int)size, MPI_BYTE, peer,
                               TAG_PING, comm, &req[k]);
    if (!rc)
        rc = mpi_wait_each(run, window, req);
    char ack = 0;
    if (!rc)
        rc = first ? mpi_recv(run, &ack, 1, MPI_CHAR, peer, TAG_ACK, MPI_STATUS_IGNORE)
                   : mpi_send(run, &ack, 1, MPI_CHAR, peer, TAG_ACK);
    return rc;
}

/* One pair's ping-pong (latency) and window (bandwidth) at one size, as OSU measures them: no
 * payload is inspected inside a timed loop. Every untimed warm-up payload's stamp is checked, the
 * last timed one whole; every payload of an untimed window whole. */
static int pipe_one(const ps_run *run, share *s, int peer, int i, uint64_t rounds, uint64_t *bad)
{
    const int me = run->rank;
    const size_t size = pipe_size(i);
    const int first = me < peer, window = window_of(size);
    const uint64_t warmup = rounds / 10 + 1;
    int rc = MPI_SUCCESS;
    for (size_t b = 0; b < size; b++)
        s->out[b] = (char)pattern(size, b);
    double t0 = 0;
    for (uint64_t r = 0; r < warmup + rounds && !rc; r++) {
        if (r == warmup)
            t0 = MPI_Wtime();
        stamp(s->out, size, r);
        if (first && !(rc = mpi_send(run, s->out, (int)size, MPI_BYTE, peer, TAG_PING)))
            rc = mpi_recv(run, s->in, (int)size, MPI_BYTE, peer, TAG_PING, MPI_STATUS_IGNORE);
        if (!first &&
            !(rc = mpi_recv(run, s->in, (int)size, MPI_BYTE, peer, TAG_PING, MPI_STATUS_IGNORE)))
            rc = mpi_send(run, s->out, (int)size, MPI_BYTE, peer, TAG_PING);
        if (r < warmup)
            *bad += wrong_bytes(s->in, size, r, 0);
    }
    s->latency[i] = (MPI_Wtime() - t0) / (double)rounds / 2;
    *bad += wrong_bytes(s->in, size, warmup + rounds - 1, 1);
    if (size == 0 || rc)
        return rc;
    const uint64_t windows = size > 8192 ? 20 : rounds / 10 + 1, skip = 2; /* as osu_bw */
    /* First, untimed: one window into distinct buffers (8 MiB at most), every payload checked
     * whole. */
    const int checked = window < CHECKED_BYTES / (int)size ? window : CHECKED_BYTES / (int)size;
    stamp(s->out, size, UINT64_MAX);
    rc = send_window(run, s, peer, size, checked, 1);
    for (int k = 0; !first && !rc && k < checked; k++)
        *bad += wrong_bytes(s->in + (size_t)k * size, size, UINT64_MAX, 1);
    /* Then timed, as osu_bw: a window's receives all land in one buffer, which stays in cache
     * (64 distinct 1 MiB buffers measured memory, 11.8-12.7 GB/s, where the transport moved
     * 18-23). The window's messages are alike, so whatever order their copies land in, the buffer
     * must hold that window's payload, checked after the last. */
    t0 = 0;
    for (uint64_t w = 0; w < skip + windows && !rc; w++) {
        if (w == skip)
            t0 = MPI_Wtime();
        stamp(s->out, size, w);
        rc = send_window(run, s, peer, size, window, 0);
    }
    s->bandwidth[i] = (double)size * window * (double)windows / (MPI_Wtime() - t0);
    if (!first && !rc)
        *bad += wrong_bytes(s->in, size, skip + windows - 1, 1);
    return rc;
}

static ps_status run_pipe(ps_run *run, share *s, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    int me = run->rank, peer = me ^ 1;
    if (peer >= (int)run->ranks)
        peer = me; /* the odd one out talks to itself */
    uint64_t bad = 0, all = 0;
    int rc = MPI_SUCCESS;
    for (int i = 0; i < PIPE_SIZES && !rc; i++) {
        uint64_t rounds = pipe_size(i) <= 8192 ? s->ops : s->ops / 100 + 1; /* as OSU */
        rc = peer == me ? MPI_SUCCESS : pipe_one(run, s, peer, i, rounds, &bad);
        if (peer == me) { /* to itself: a copy through MPI, no partner to wait for */
            MPI_Request r;
            size_t size = pipe_size(i);
            for (size_t b = 0; b < size; b++)
                s->out[b] = (char)pattern(size, b);
            rc = MPI_Irecv(s->in, (int)size, MPI_BYTE, me, TAG_PING, comm, &r);
            if (!rc)
                rc = mpi_send(run, s->out, (int)size, MPI_BYTE, me, TAG_PING);
            if (!rc)
                rc = mpi_wait(run, &r, MPI_STATUS_IGNORE);
            bad += size && memcmp(s->in, s->out, size) != 0;
        }
    }
    if (s->runs++ >= run->opt->warmup && s->timed < SAMPLES) {
        memcpy(s->samples[s->timed][0], s->latency, sizeof s->latency);
        memcpy(s->samples[s->timed++][1], s->bandwidth, sizeof s->bandwidth);
    }
    int rc2 = MPI_Reduce(&bad, &all, 1, MPI_UINT64_T, MPI_SUM, 0, comm);
    s->counter = all;
    return mpi_ok(rc ? rc : rc2, "share pipe", msg);
}

/* deadlock: waits for a synchronous send; 0 if it has not completed after STALL_S. */
static int sent_in_time(MPI_Request *req, int *rc)
{
    const double start = MPI_Wtime();
    int done = 0;
    while (!(*rc = MPI_Test(req, &done, MPI_STATUS_IGNORE)) && !done) {
        if (MPI_Wtime() - start >= STALL_S)
            return 0;
        ps_yield();
    }
    return 1;
}

/* deadlock: rank 0 follows who waits for whom (each rank's stuck-for, -1: nobody) from the first
 * waiting rank until a rank repeats, and names that cycle. */
/* Whom rank r waits for in its MPI_Ssend (-1: nobody), from what rank 0 gathered. */
static int ssend_to(const void *ctx, int r, char *edge, size_t len)
{
    const int *waits_for = ctx;
    if (waits_for[r] >= 0)
        snprintf(edge, len, "rank %d waits in MPI_Ssend for rank %d to receive", r, waits_for[r]);
    return waits_for[r];
}

static void name_cycle(share *s, const int *waits_for, int ranks)
{
    char lead[32];
    snprintf(lead, sizeof lead, "no progress for %d s:", STALL_S);
    if (!ps_waits_cycle(&(ps_waits){ranks, ssend_to, waits_for}, lead, s->cycle, sizeof s->cycle))
        snprintf(s->cycle, sizeof s->cycle, "a send waited %d s, in no cycle", STALL_S);
}

/* deadlock: every op, send to the partner first, synchronously, then receive its message. */
static ps_status opposite_sends(ps_run *run, share *s, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    const int P = (int)run->ranks, me = run->rank;
    const int peer = P == 1 ? me : (me ^ 1) < P ? me ^ 1 : -1; /* -1: the odd one out */
    int rc = MPI_SUCCESS, stuck_for = -1;
    uint64_t sum = 0, out = 0, in = 0;
    MPI_Request send = MPI_REQUEST_NULL, recv;
    for (uint64_t i = 0; i < s->ops && peer >= 0 && !rc; i++) {
        out = (uint64_t)me * s->ops + i, in = 0;
        if (P == 1) { /* alone: the receive first, as a correct program does */
            rc = MPI_Irecv(&in, 1, MPI_UINT64_T, me, TAG_SSEND, comm, &recv);
            if (!rc)
                rc = MPI_Ssend(&out, 1, MPI_UINT64_T, me, TAG_SSEND, comm);
            if (!rc)
                rc = MPI_Wait(&recv, MPI_STATUS_IGNORE);
        } else {
            rc = MPI_Issend(&out, 1, MPI_UINT64_T, peer, TAG_SSEND, comm, &send);
            if (!rc && !sent_in_time(&send, &rc) && !rc) {
                stuck_for = peer; /* nobody receives until every rank has looked */
                break;
            }
            if (!rc)
                rc = mpi_recv(run, &in, 1, MPI_UINT64_T, peer, TAG_SSEND, MPI_STATUS_IGNORE);
        }
        sum += in;
        s->counter++;
    }
    int *waits_for = me == 0 ? malloc((size_t)P * sizeof *waits_for) : NULL;
    if (!rc && me == 0 && !waits_for)
        return ps_fail(msg, PS_ENV, "share deadlock: out of memory");
    if (!rc)
        rc = MPI_Gather(&stuck_for, 1, MPI_INT, waits_for, 1, MPI_INT, 0, comm);
    int any = stuck_for >= 0, stuck = 0;
    if (!rc)
        rc = MPI_Allreduce(&any, &stuck, 1, MPI_INT, MPI_LOR, comm);
    if (!rc && me == 0 && stuck)
        name_cycle(s, waits_for, P);
    free(waits_for);
    if (!rc && stuck_for >= 0) /* the cycle broken: each receives its partner's, sends complete */
        rc = mpi_recv(run, &in, 1, MPI_UINT64_T, peer, TAG_SSEND, MPI_STATUS_IGNORE);
    if (!rc && stuck_for >= 0)
        rc = mpi_wait(run, &send, MPI_STATUS_IGNORE);
    uint64_t counted = 0;
    if (!rc)
        rc = MPI_Reduce(&s->counter, &counted, 1, MPI_UINT64_T, MPI_SUM, 0, comm);
    if (!rc)
        rc = MPI_Reduce(&sum, &s->captured, 1, MPI_UINT64_T, MPI_SUM, 0, comm);
    s->counter = counted;
    if (rc || !stuck)
        return mpi_ok(rc, "share deadlock", msg);
    if (me == 0)
        return ps_fail(msg, PS_FAILED, "share deadlock: %s", s->cycle);
    return ps_fail(msg, PS_FAILED, "share deadlock: rank %d: %s", me,
                   any ? "its MPI_Ssend was not received in time" : "its partner's was not");
}

/* queue: items me*ops + i; rank 0 takes everyone's, its own included. */
static int run_queue(ps_run *run, share *s)
{
    const uint64_t ops = s->ops;
    const int P = (int)run->ranks, me = run->rank;
    uint64_t sum = 0, value;
    int rc = MPI_SUCCESS;
    if (me != 0) {
        for (uint64_t i = 0; i < ops && !rc; i++) {
            value = (uint64_t)me * ops + i;
            rc = MPI_Send(&value, 1, MPI_UINT64_T, 0, TAG_ITEM, mpi_comm(run));
        }
        return rc;
    }
    for (uint64_t i = 0; i < ops; i++)
        sum += i, s->counter++;
    for (uint64_t n = 0; n < ops * (uint64_t)(P - 1) && !rc; n++) {
        rc = mpi_recv(run, &value, 1, MPI_UINT64_T, MPI_ANY_SOURCE, TAG_ITEM, MPI_STATUS_IGNORE);
        sum += value, s->counter++;
    }
    s->captured = sum;
    return rc;
}

/* manager: every rank but 0 asks ops times; rank 0 answers with the old value. */
static int run_manager(ps_run *run, share *s)
{
    MPI_Comm comm = mpi_comm(run);
    const uint64_t ops = s->ops;
    const int P = (int)run->ranks, me = run->rank;
    uint64_t sum = 0, value = 0;
    int rc = MPI_SUCCESS;
    if (me != 0) {
        for (uint64_t i = 0; i < ops && !rc; i++) {
            rc = MPI_Send(&value, 0, MPI_UINT64_T, 0, TAG_ASK, comm);
            if (!rc)
                rc = mpi_recv(run, &value, 1, MPI_UINT64_T, 0, TAG_REPLY, MPI_STATUS_IGNORE);
            sum += value;
        }
    } else {
        uint64_t asks = P == 1 ? ops : ops * (uint64_t)(P - 1);
        for (uint64_t n = 0; n < asks && !rc; n++) {
            if (P == 1) { /* alone: the manager serves itself */
                sum += s->counter++;
                continue;
            }
            MPI_Status st;
            rc = mpi_recv(run, NULL, 0, MPI_UINT64_T, MPI_ANY_SOURCE, TAG_ASK, &st);
            value = s->counter++;
            if (!rc)
                rc = MPI_Send(&value, 1, MPI_UINT64_T, st.MPI_SOURCE, TAG_REPLY, comm);
        }
    }
    return rc ? rc : MPI_Reduce(&sum, &s->captured, 1, MPI_UINT64_T, MPI_SUM, 0, comm);
}

/* rma: every rank adds 1 ops times to rank 0's counter with MPI_Fetch_and_op's request form. */
static int run_rma(ps_run *run, share *s)
{
    MPI_Comm comm = mpi_comm(run);
    const uint64_t one = 1;
    uint64_t sum = 0, value;
    int rc = MPI_SUCCESS;
    if (run->rank == 0) {
        rc = MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 0, 0, s->win);
        *s->base = 0;
        if (!rc)
            rc = MPI_Win_unlock(0, s->win);
    }
    if (!rc)
        rc = MPI_Barrier(comm);
    if (!rc)
        rc = MPI_Win_lock_all(0, s->win);
    for (uint64_t i = 0; i < s->ops && !rc; i++) {
        MPI_Request req;
        rc = MPI_Rget_accumulate(&one, 1, MPI_UINT64_T, &value, 1, MPI_UINT64_T, 0, 0, 1,
                                 MPI_UINT64_T, MPI_SUM, s->win, &req);
        if (!rc)
            rc = mpi_wait(run, &req, MPI_STATUS_IGNORE);
        sum += value;
    }
    if (!rc)
        rc = MPI_Win_unlock_all(s->win);
    if (!rc)
        rc = MPI_Barrier(comm);
    if (!rc)
        rc = MPI_Reduce(&sum, &s->captured, 1, MPI_UINT64_T, MPI_SUM, 0, comm);
    if (!rc && run->rank == 0) {
        rc = MPI_Win_lock(MPI_LOCK_SHARED, 0, 0, s->win);
        s->counter = *s->base;
        if (!rc)
            rc = MPI_Win_unlock(0, s->win);
    }
    return rc;
}

/* shared-memory: each rank of a node stores its slots in the node's window, then reads back
 * everyone's. */
static int run_shared(ps_run *run, share *s)
{
    int node_rank, node_size;
    MPI_Comm_rank(s->node, &node_rank);
    MPI_Comm_size(s->node, &node_size);
    int rc = MPI_Win_lock_all(MPI_MODE_NOCHECK, s->win);
    for (uint64_t i = 0; i < s->ops; i++)
        s->base[i] = ((uint64_t)node_rank << 40) + i * 3 + 1;
    if (!rc)
        rc = MPI_Win_sync(s->win); /* make my stores visible ... */
    if (!rc)
        rc = MPI_Barrier(s->node); /* ... once everyone has stored ... */
    if (!rc)
        rc = MPI_Win_sync(s->win); /* ... and see theirs */
    uint64_t wrong = 0;
    for (int r = 0; r < node_size && !rc; r++) {
        MPI_Aint bytes;
        int unit;
        uint64_t *theirs;
        rc = MPI_Win_shared_query(s->win, r, &bytes, &unit, &theirs);
        for (uint64_t i = 0; i < s->ops && !rc; i++)
            wrong += theirs[i] != ((uint64_t)r << 40) + i * 3 + 1;
    }
    if (!rc)
        rc = MPI_Win_unlock_all(s->win);
    if (!rc)
        rc = MPI_Barrier(s->node); /* nobody writes the next round before all have read */
    if (!rc)
        rc = MPI_Reduce(&wrong, &s->wrong, 1, MPI_UINT64_T, MPI_SUM, 0, mpi_comm(run));
    return rc;
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    share *s = run->state;
    s->counter = s->captured = 0;
    int rc = MPI_SUCCESS;
    switch (run->opt->variant) {
    case PIPE:
        return run_pipe(run, s, msg);
    case DEADLOCK:
        return opposite_sends(run, s, msg);
    case QUEUE:
        rc = run_queue(run, s);
        break;
    case MANAGER:
        rc = run_manager(run, s);
        break;
    case RMA:
        rc = run_rma(run, s);
        break;
    case SHARED:
        rc = run_shared(run, s);
        break;
    }
    return mpi_ok(rc, "share", msg);
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    share *s = run->state;
    if (run->rank != 0)
        return PS_OK;
    const uint64_t P = run->ranks, ops = s->ops;
    const uint64_t total = run->opt->variant == MANAGER && P > 1 ? ops * (P - 1) : ops * P;
    switch (run->opt->variant) {
    case PIPE:
        if (s->counter)
            return ps_fail(msg, PS_FAILED, "share pipe: %llu payload bytes arrived wrong",
                           (unsigned long long)s->counter);
        break;
    case SHARED:
        if (s->wrong)
            return ps_fail(msg, PS_FAILED, "share shared-memory: %llu slots read back wrong",
                           (unsigned long long)s->wrong);
        break;
    default:
        if (s->counter != total || s->captured != total * (total - 1) / 2)
            return ps_fail(msg, PS_FAILED,
                           "share %s: %llu updates (values summing to %llu), "
                           "expected %llu (summing to %llu)",
                           ps_run_variant(run), (unsigned long long)s->counter,
                           (unsigned long long)s->captured, (unsigned long long)total,
                           (unsigned long long)(total * (total - 1) / 2));
    }
    snprintf(result, len, "every shared update counted exactly");
    return PS_OK;
}

/* The median over the timed repetitions of one size's latency (what 0) or bandwidth (1); all but
 * rank 0's pair keep none. */
static double pipe_median(const share *s, int what, int i)
{
    double v[SAMPLES];
    for (uint64_t r = 0; r < s->timed; r++)
        v[r] = s->samples[r][what][i];
    ps_stats stats = {0};
    if (s->timed)
        ps_stats_of(v, s->timed, &stats);
    return stats.median;
}

static void detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    const share *s = run->state;
    if (run->opt->variant == DEADLOCK && *s->cycle) {
        snprintf(text, len, "%s", s->cycle);
        return;
    }
    if (run->opt->variant == PIPE) {
        if (run->ranks == 1)
            snprintf(text, len, "one rank: messages to itself only");
        else
            snprintf(text, len, "8 B latency %.2f us; 1 MiB bandwidth %.2f GB/s (medians)",
                     pipe_median(s, 0, 4) * 1e6, pipe_median(s, 1, 21) / 1e9);
        return;
    }
    double ops = (double)s->ops * run->ranks;
    snprintf(text, len, "%.2f us per op per rank; %.3g ops/s",
             seconds->median / (double)s->ops * 1e6, ops / seconds->median);
}

/* The detail's figures as numbers: the 8 B latency and 1 MiB bandwidth, or one operation's cost. */
static void metrics(const ps_run *run, const ps_stats *seconds, ps_metrics *m)
{
    const share *s = run->state;
    if (run->opt->variant == DEADLOCK)
        return;
    if (run->opt->variant != PIPE) {
        ps_metric_set(&m->ns_per_op, seconds->median / (double)s->ops * 1e9);
        return;
    }
    if (run->ranks > 1) {
        ps_metric_set(&m->latency_us, pipe_median(s, 0, 4) * 1e6);
        ps_metric_set(&m->bandwidth_gbs, pipe_median(s, 1, 21) / 1e9);
    }
}

/* pipe: the table as numbers, a point per message size (rank 0's pair; none for one rank). */
static size_t series(const ps_run *run, ps_metrics *points, size_t max)
{
    const share *s = run->state;
    if (run->opt->variant != PIPE || run->ranks == 1)
        return 0;
    size_t n = 0;
    for (int i = 0; i < PIPE_SIZES && n < max; i++, n++) {
        points[n] = (ps_metrics){0};
        ps_metric_set(&points[n].message_bytes, (double)pipe_size(i));
        ps_metric_set(&points[n].latency_us, pipe_median(s, 0, i) * 1e6);
        if (pipe_size(i)) /* nothing travels at 0 B: no bandwidth */
            ps_metric_set(&points[n].bandwidth_gbs, pipe_median(s, 1, i) / 1e9);
    }
    return n;
}

static void show(const ps_run *run, FILE *out)
{
    const share *s = run->state;
    if (run->opt->variant != PIPE)
        return;
    if (run->ranks == 1) { /* no pair: nothing travelled between processes */
        fprintf(out, "# one rank: a pipe needs two (mpirun -np 2) for latency and bandwidth\n");
        return;
    }
    fprintf(out, "# ranks 0 and 1: ping-pong latency and windowed bandwidth, medians of the "
                 "repetitions\n");
    fprintf(out, "%10s %14s %16s\n", "# bytes", "latency_us", "bandwidth_GB/s");
    for (int i = 0; i < PIPE_SIZES; i++)
        fprintf(out, "%10zu %14.2f %16.2f\n", pipe_size(i), pipe_median(s, 0, i) * 1e6,
                pipe_median(s, 1, i) / 1e9);
}

static void release(ps_run *run)
{
    share *s = run->state;
    if (s) {
        if (s->win != MPI_WIN_NULL)
            MPI_Win_free(&s->win);
        if (s->node != MPI_COMM_NULL)
            MPI_Comm_free(&s->node);
        free(s->out);
        free(s->in);
        free(s->samples);
    }
    free(s);
    run->state = NULL;
}

const ps_workload mpi_share = {
    .info = &ps_share_info,
    .variants =
        (const char *const[]){"pipe", "queue", "manager", "rma", "shared-memory", "deadlock", NULL},
    .demos = (const char *const[]){"deadlock", NULL},
    .detail = detail,
    .metrics = metrics,
    .series = series,
    .show = show,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .release = release,
};
