/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 6: errors in workers. Rank 0 manages a pool: it hands out one task at a time and
 * every worker answers with a message, the task's result or its error record (the questions' queue
 * carrying the exception back to the parent). A failure never ends a worker. The variants:
 *   collect  every other task still runs; every failure is listed; exit 1
 *   cancel   at the first failure rank 0 hands out no more tasks and tells each worker to stop
 *            as it reports back; the detail counts the tasks that never ran
 *   abort    the rank that meets the failure prints it and calls MPI_Abort: the whole job ends
 * Every MPI call is checked (the communicator returns errors instead of aborting). */
#include "mpi_wait.h"
#include "ps_catalogue.h"
#include "ps_errors.h"

#include <stdlib.h>
#include <string.h>

enum { TAG_WORK = 1, TAG_ANSWER = 2 };
static const uint64_t STOP = UINT64_MAX;

typedef struct answer {
    uint64_t task, value;
    int32_t code;
    uint32_t pad;
    ps_task_error error;
} answer;

static ps_status prepare(ps_run *run, ps_msg *msg)
{
    ps_errors *e = calloc(1, sizeof *e);
    run->state = e;
    return e ? ps_errors_init(e, run->opt, run->size, msg) : ps_fail(msg, PS_ENV, "out of memory");
}

/* One task, as any rank runs it; with abort a failure ends the job here. */
static answer run_task(const ps_run *run, uint64_t t)
{
    answer a = {.task = t};
    a.code = ps_errors_task(run->opt, run->size, t, (uint32_t)run->rank, &a.value, &a.error);
    if (a.code && ps_errors_policy(run->opt) == PS_ON_ERROR_ABORT) {
        fflush(stdout);
        fprintf(stderr, "parsuite-mpi: rank %d, task %llu: %s (abort: MPI_Abort)\n", run->rank,
                (unsigned long long)t, a.error.message);
        MPI_Abort(mpi_comm(run), PS_FAILED);
    }
    return a;
}

static void record(ps_errors *e, const answer *a)
{
    if (a->code) {
        e->state[a->task] = PS_TASK_FAILED;
        e->errors[e->nerrors++] = a->error;
    } else {
        e->state[a->task] = PS_TASK_DONE;
        e->value[a->task] = a->value;
    }
}

static ps_status manage(ps_run *run, ps_errors *e, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    const int cancel = ps_errors_policy(run->opt) != PS_ON_ERROR_COLLECT;
    uint64_t next = 0;
    int rc = MPI_SUCCESS, active = 0;
    for (int w = 1; w < (int)run->ranks && rc == MPI_SUCCESS; w++) {
        uint64_t t = next < run->size ? next++ : STOP;
        active += t != STOP;
        rc = MPI_Send(&t, 1, MPI_UINT64_T, w, TAG_WORK, comm);
    }
    while (active > 0 && rc == MPI_SUCCESS) {
        answer a;
        MPI_Status st;
        rc = mpi_recv(run, &a, sizeof a, MPI_BYTE, MPI_ANY_SOURCE, TAG_ANSWER, &st);
        if (rc != MPI_SUCCESS)
            break;
        if (a.task >= run->size)
            return ps_fail(msg, PS_FAILED, "errors: rank %d answered for task %llu of %llu",
                           st.MPI_SOURCE, (unsigned long long)a.task,
                           (unsigned long long)run->size);
        record(e, &a);
        uint64_t t = next < run->size && !(cancel && e->nerrors) ? next++ : STOP;
        active -= t == STOP;
        rc = MPI_Send(&t, 1, MPI_UINT64_T, st.MPI_SOURCE, TAG_WORK, comm);
    }
    return mpi_ok(rc, "errors: manager", msg);
}

static ps_status work(ps_run *run, ps_msg *msg)
{
    MPI_Comm comm = mpi_comm(run);
    for (;;) {
        uint64_t t;
        int rc = mpi_recv(run, &t, 1, MPI_UINT64_T, 0, TAG_WORK, MPI_STATUS_IGNORE);
        if (rc != MPI_SUCCESS || t == STOP)
            return mpi_ok(rc, "errors: worker", msg);
        answer a = run_task(run, t);
        rc = MPI_Send(&a, sizeof a, MPI_BYTE, 0, TAG_ANSWER, comm);
        if (rc != MPI_SUCCESS)
            return mpi_ok(rc, "errors: worker", msg);
    }
}

static ps_status execute(ps_run *run, ps_msg *msg)
{
    ps_errors *e = run->state;
    ps_errors_reset(e);
    ps_status st = PS_OK;
    if (run->ranks == 1) { /* rank 0 alone runs the tasks itself */
        for (uint64_t t = 0; t < run->size; t++) {
            answer a = run_task(run, t);
            record(e, &a);
            if (a.code && ps_errors_policy(run->opt) != PS_ON_ERROR_COLLECT)
                break;
        }
    } else {
        st = run->rank == 0 ? manage(run, e, msg) : work(run, msg);
    }
    run->failed = run->rank == 0 ? e->nerrors : 0;
    return st;
}

static ps_status check(ps_run *run, char *result, size_t len, ps_msg *msg)
{
    return run->rank == 0 ? ps_errors_check(run->state, run->opt, result, len, msg) : PS_OK;
}

static void show(const ps_run *run, FILE *out)
{
    const ps_errors *e = run->state;
    ps_errors_show(out, e, "rank");
}

const ps_workload mpi_errors = {
    .info = &ps_errors_info,
    .variants = ps_errors_variants,
    .demos = ps_errors_demos,
    .prepare = prepare,
    .execute = execute,
    .check = check,
    .detail = ps_errors_detail,
    .show = show,
    .release = ps_errors_release,
};
