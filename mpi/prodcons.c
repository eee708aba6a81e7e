/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 4: producers add numbers to a list while consumers remove them; ranks share no
 * list, so the list is either the messages themselves or a rank that owns it.
 *   send     producer ranks send items straight to consumer ranks (producer p to consumer p mod C).
 *            Flow control by credits: a consumer grants its producers --capacity items in flight
 *            in all and returns credits as it consumes, so no producer can flood it. MPI keeps
 *            each producer's order, which the check verifies.
 *   manager  rank 0 owns the list (the questions' Manager().list()) and serves add and remove
 *            requests from the other ranks in arrival order; full and empty answers make the
 *            asker try again. --trace logs the list as rank 0 sees it.
 * Ranks: producers first, then consumers (after rank 0 for manager). One rank alone plays every
 * role with a local list; with manager on two ranks, rank 1 both adds and removes. */
#include "mpi_wait.h"
#include "ps_catalogue.h"
#include "ps_prodcons.h"
#include "ps_time.h"

#include <stdlib.h>
#include <string.h>

enum { SEND, MANAGER };
enum { TAG_ITEM = 1, TAG_CREDIT, TAG_ADD, TAG_TAKE, TAG_REPLY };
static const uint64_t END = UINT64_MAX, EMPTY = UINT64_MAX - 1, FULL = UINT64_MAX - 2;
static const int64_t LAST_CREDIT = -1;

typedef struct prodcons {
    ps_prodcons_shape shape; /* roles, bound, rank 0's list (manager, or the lone rank); first */
    unsigned first;          /* the rank of producer 0 */
    ps_ledger ledger;        /* what this rank consumed */
    unsigned char *seen, *all_seen; /* manager, alone: how often each item was taken */
    int64_t *owed;                  /* send: credits a consumer owes each producer */
} prodcons;

/* Who does what on `workers` ranks: producers, consumers, and whether rank 0 is the manager
 * (first = 1) rather than one of them. */
static void roles(const ps_options *opt, unsigned workers, unsigned *producers, unsigned *consumers,
                  unsigned *first)
{
    const int manager = opt->variant == MANAGER;
    *first = manager && workers > 1;
    ps_prodcons_roles(opt->producers, opt->consumers, workers - *first, producers, consumers);
}

static ps_status validate(const ps_options *opt, uint64_t size, unsigned workers, ps_msg *msg)
{
    const int manager = opt->variant == MANAGER;
    unsigned producers, consumers, first;
    roles(opt, workers, &producers, &consumers, &first);
    unsigned need = producers + consumers + first;
    const bool lone = workers <= (unsigned)(1 + manager) && producers == 1 && consumers == 1;
    if (need != workers && !lone)
        return ps_fail(msg, PS_USAGE, "--producers %u --consumers %u need %u ranks%s, not %u",
                       producers, consumers, need, manager ? " (with the manager)" : "", workers);
    if (opt->trace && (!manager || size > 10000))
        return ps_fail(msg, PS_USAGE, "--trace: %s",
                       manager ? "at most 10000 items" : "only the manager variant has one list");
    return PS_OK;
}

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    prodcons *s = calloc(1, sizeof *s);
    run->state = s;
    if (!s)
        return ps_fail(msg, PS_ENV, "out of memory");
    const ps_options *opt = run->opt;
    const int manager = opt->variant == MANAGER;
    roles(opt, run->ranks, &s->shape.producers, &s->shape.consumers, &s->first);
    s->shape.capacity = opt->capacity ? opt->capacity : 1024;
    ps_status st = ps_ledger_init(&s->ledger, s->shape.producers, msg);
    if (st)
        return st;
    const int fifo = !manager && run->ranks > 1;
    if (run->rank == 0 && ps_stack_init(&s->shape.list, s->shape.capacity, msg))
        return PS_ENV;
    if (!fifo && !(s->seen = malloc(run->size)))
        return ps_fail(msg, PS_ENV, "prodcons: out of memory");
    if (!fifo && run->rank == 0 && !(s->all_seen = malloc(run->size)))
        return ps_fail(msg, PS_ENV, "prodcons: out of memory");
    /* before any message: a consumer that failed to allocate mid-run would leave its producers
     * waiting for credits for ever */
    if (fifo && !(s->owed = calloc(s->shape.producers, sizeof *s->owed)))
        return ps_fail(msg, PS_ENV, "prodcons: out of memory");
    return PS_OK;
}

static void take_item(prodcons *s, uint64_t item)
{
    ps_ledger_take(&s->ledger, item);
    if (s->seen)
        s->seen[item]++;
}

/* The list's two operations (rank 0 only), as answers: the item, FULL, EMPTY or END. */
static uint64_t list_add(prodcons *s, uint64_t item, int trace)
{
    return ps_stack_add(&s->shape.list, item, trace) ? item : FULL;
}

static uint64_t list_take(prodcons *s, uint64_t items, int trace)
{
    uint64_t item;
    int got = ps_stack_take(&s->shape.list, items, &item, trace);
    return got > 0 ? item : got == 0 ? EMPTY : END;
}

/* One rank, every role: add until the list is full, then take one; at the end take the rest. */
static void alone(prodcons *s, uint64_t items)
{
    for (uint64_t next = 0; next < items; next++)
        while (list_add(s, next, 0) == FULL)
            take_item(s, list_take(s, items, 0));
    for (uint64_t item; (item = list_take(s, items, 0)) != END;)
        take_item(s, item);
}

static int send_producer(const ps_run *run, prodcons *s, unsigned p)
{
    MPI_Comm comm = mpi_comm(run);
    unsigned c = p % s->shape.consumers, mine = 0;
    for (unsigned q = c; q < s->shape.producers; q += s->shape.consumers)
        mine++;
    const int consumer = (int)(s->shape.producers + c);
    int64_t credits = (int64_t)(s->shape.capacity / mine ? s->shape.capacity / mine : 1), got;
    int rc = MPI_SUCCESS;
    for (uint64_t item = p; item < run->size && rc == MPI_SUCCESS; item += s->shape.producers) {
        while (credits == 0 && rc == MPI_SUCCESS) {
            rc = mpi_recv(run, &got, 1, MPI_INT64_T, consumer, TAG_CREDIT, MPI_STATUS_IGNORE);
            credits += got;
        }
        if (rc == MPI_SUCCESS)
            rc = MPI_Send(&item, 1, MPI_UINT64_T, consumer, TAG_ITEM, comm);
        credits--;
    }
    if (rc == MPI_SUCCESS)
        rc = MPI_Send(&END, 1, MPI_UINT64_T, consumer, TAG_ITEM, comm);
    do /* take back every credit, so that none is left to confuse the next repetition */
        got = LAST_CREDIT;
    while (rc == MPI_SUCCESS &&
           (rc = mpi_recv(run, &got, 1, MPI_INT64_T, consumer, TAG_CREDIT, MPI_STATUS_IGNORE)) ==
               MPI_SUCCESS &&
           got != LAST_CREDIT);
    return rc;
}

static int send_consumer(const ps_run *run, prodcons *s, unsigned c)
{
    MPI_Comm comm = mpi_comm(run);
    unsigned mine = 0, ended = 0;
    for (unsigned q = c; q < s->shape.producers; q += s->shape.consumers)
        mine++;
    if (mine == 0) /* more consumers than producers: this one has nobody to serve */
        return MPI_SUCCESS;
    const int64_t batch =
        (int64_t)(s->shape.capacity / mine / 2 ? s->shape.capacity / mine / 2 : 1);
    int64_t *owed = s->owed;
    memset(owed, 0, s->shape.producers * sizeof *owed);
    int rc = MPI_SUCCESS;
    while (ended < mine && rc == MPI_SUCCESS) {
        uint64_t item;
        MPI_Status st;
        if ((rc = mpi_recv(run, &item, 1, MPI_UINT64_T, MPI_ANY_SOURCE, TAG_ITEM, &st)))
            break;
        if (item == END) {
            ended++;
            rc = MPI_Send(&LAST_CREDIT, 1, MPI_INT64_T, st.MPI_SOURCE, TAG_CREDIT, comm);
            continue;
        }
        /* send: producers are ranks 0..P-1, so the sender's rank is its producer number */
        ps_ledger_take_from(&s->ledger, (unsigned)st.MPI_SOURCE, item);
        if (++owed[st.MPI_SOURCE] == batch) {
            rc = MPI_Send(&owed[st.MPI_SOURCE], 1, MPI_INT64_T, st.MPI_SOURCE, TAG_CREDIT, comm);
            owed[st.MPI_SOURCE] = 0;
        }
    }
    return rc;
}

/* Rank 0 serves requests until every consumer has been told the list is done. */
static int serve(const ps_run *run, prodcons *s)
{
    MPI_Comm comm = mpi_comm(run);
    const int trace = run->opt->trace;
    unsigned done = 0, takers = run->ranks == 2 ? 1 : s->shape.consumers;
    int rc = MPI_SUCCESS;
    while (done < takers && rc == MPI_SUCCESS) {
        uint64_t req, reply;
        MPI_Status st;
        if ((rc = mpi_recv(run, &req, 1, MPI_UINT64_T, MPI_ANY_SOURCE, MPI_ANY_TAG, &st)))
            break;
        reply = st.MPI_TAG == TAG_ADD ? list_add(s, req, trace) : list_take(s, run->size, trace);
        done += st.MPI_TAG == TAG_TAKE && reply == END;
        rc = MPI_Send(&reply, 1, MPI_UINT64_T, st.MPI_SOURCE, TAG_REPLY, comm);
    }
    return rc;
}

static int ask(const ps_run *run, int tag, uint64_t req, uint64_t *reply)
{
    int rc = MPI_Send(&req, 1, MPI_UINT64_T, 0, tag, mpi_comm(run));
    return rc ? rc : mpi_recv(run, reply, 1, MPI_UINT64_T, 0, TAG_REPLY, MPI_STATUS_IGNORE);
}

static int manager_client(const ps_run *run, prodcons *s)
{
    const unsigned me = (unsigned)run->rank - 1;
    const int both = run->ranks == 2, trace = run->opt->trace;
    uint64_t reply;
    int rc = MPI_SUCCESS;
    if (both || me < s->shape.producers)
        for (uint64_t item = me; item < run->size && rc == MPI_SUCCESS;
             item += s->shape.producers) {
            while ((rc = ask(run, TAG_ADD, item, &reply)) == MPI_SUCCESS && reply == FULL) {
                if (both && (rc = ask(run, TAG_TAKE, 0, &reply)) == MPI_SUCCESS)
                    take_item(s, reply);
                else
                    ps_yield();
            }
            if (trace)
                ps_sleep_us(1000); /* the questions' producer sleeps 0.1 s, its consumer 0.2 s */
        }
    if (both || me >= s->shape.producers)
        while (rc == MPI_SUCCESS && (rc = ask(run, TAG_TAKE, 0, &reply)) == MPI_SUCCESS &&
               reply != END) {
            if (reply != EMPTY)
                take_item(s, reply);
            else if (!trace)
                ps_yield();
            if (trace)
                ps_sleep_us(2000);
        }
    return rc;
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    prodcons *s = run->state;
    ps_stack_reset(&s->shape.list);
    ps_ledger_reset(&s->ledger);
    if (s->seen)
        memset(s->seen, 0, run->size);
    int rc = MPI_SUCCESS;
    unsigned role = (unsigned)run->rank - s->first;
    if (run->ranks == 1)
        alone(s, run->size);
    else if (run->opt->variant == MANAGER)
        rc = run->rank == 0 ? serve(run, s) : manager_client(run, s);
    else
        rc = role < s->shape.producers ? send_producer(run, s, role)
                                       : send_consumer(run, s, role - s->shape.producers);
    return mpi_ok(rc, "prodcons", msg);
}

/* Consumers' ledgers and seen counts are added up on rank 0. */
static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    prodcons *s = run->state;
    MPI_Comm comm = mpi_comm(run);
    ps_ledger total = {0};
    int ok = run->rank != 0 || ps_ledger_init(&total, s->shape.producers, msg) == PS_OK, all_ok = 0;
    int rc = MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, comm);
    if (!rc && !all_ok) /* no reduction into rank 0's missing ledger */
        return ps_fail(msg, PS_ENV, "prodcons: rank 0 is out of memory for the ledgers' sum");
    ps_status st = PS_OK;
    unsigned P = s->shape.producers;
    if (!rc)
        rc = MPI_Reduce(s->ledger.count, total.count, (int)P, MPI_UINT64_T, MPI_SUM, 0, comm);
    if (!rc)
        rc = MPI_Reduce(s->ledger.sum, total.sum, (int)P, MPI_UINT64_T, MPI_SUM, 0, comm);
    if (!rc)
        rc = MPI_Reduce(&s->ledger.out_of_order, &total.out_of_order, 1, MPI_UINT64_T, MPI_SUM, 0,
                        comm);
    if (!rc && s->seen)
        rc = MPI_Reduce(s->seen, s->all_seen, (int)run->size, MPI_UNSIGNED_CHAR, MPI_SUM, 0, comm);
    if (!st)
        st = mpi_ok(rc, "prodcons: MPI_Reduce of the ledgers", msg);
    if (!st && run->rank == 0)
        st = ps_prodcons_check(run->size, &total, s->all_seen, !s->seen, s->shape.list.n, result,
                               len, msg);
    ps_ledger_free(&total);
    return st;
}

static void release(ps_run *run)
{
    prodcons *s = run->state;
    if (s) {
        ps_ledger_free(&s->ledger);
        ps_stack_free(&s->shape.list);
        free(s->seen);
        free(s->all_seen);
        free(s->owed);
    }
    free(s);
    run->state = NULL;
}

static uint64_t memory(const ps_options *opt, uint64_t size, unsigned workers, int rank)
{
    if (opt->variant != MANAGER && workers > 1)
        return 0;                       /* producers send to consumers: nothing per item is kept */
    return rank == 0 ? 2 * size : size; /* how often each item was taken, and rank 0's sum */
}

const ps_workload mpi_prodcons = {
    .info = &ps_prodcons_info,
    .variants = (const char *const[]){"send", "manager", NULL},
    .memory = memory,
    .validate = validate,
    .detail = ps_prodcons_detail,
    .show = ps_prodcons_show,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .release = release,
};
