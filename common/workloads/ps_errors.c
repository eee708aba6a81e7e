/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_errors.h"
#include "ps_catalogue.h"

#include "ps_time.h"

#include <stdlib.h>
#include <string.h>

static uint64_t default_failure(uint64_t tasks)
{
    return tasks > 7 ? 7 : tasks - 1;
}

int ps_errors_planned(const ps_options *opt, uint64_t tasks, uint64_t t)
{
    if (!opt->fail_at.n && !opt->fail_every)
        return t == default_failure(tasks);
    for (size_t i = 0; i < opt->fail_at.n; i++)
        if (opt->fail_at.v[i] == t)
            return 1;
    return opt->fail_every && (t + 1) % opt->fail_every == 0;
}

ps_status ps_errors_init(ps_errors *e, const ps_options *opt, uint64_t tasks, ps_msg *msg)
{
    *e = (ps_errors){.tasks = tasks};
    for (size_t i = 0; i < opt->fail_at.n; i++)
        if (opt->fail_at.v[i] >= tasks)
            return ps_fail(msg, PS_USAGE, "--fail-at: task %llu is beyond the %llu tasks (0..%llu)",
                           (unsigned long long)opt->fail_at.v[i], (unsigned long long)tasks,
                           (unsigned long long)tasks - 1);
    e->state = calloc(tasks, 1);
    e->value = calloc(tasks, sizeof *e->value);
    e->errors = calloc(tasks, sizeof *e->errors);
    if (!e->state || !e->value || !e->errors)
        return ps_fail(msg, PS_ENV, "errors: out of memory for %llu tasks",
                       (unsigned long long)tasks);
    return PS_OK;
}

void ps_errors_reset(ps_errors *e)
{
    memset(e->state, PS_TASK_NOT_RUN, e->tasks);
    e->nerrors = 0;
}

void ps_errors_free(ps_errors *e)
{
    free(e->state);
    free(e->value);
    free(e->errors);
    *e = (ps_errors){0};
}

int ps_errors_task(const ps_options *opt, uint64_t tasks, uint64_t t, uint32_t worker,
                   uint64_t *value, ps_task_error *err)
{
    ps_sleep_us(opt->latency_us ? opt->latency_us : 1000);
    uint64_t divisor = ps_errors_planned(opt, tasks, t) ? 0 : t + 1;
    if (divisor == 0) {
        *err = (ps_task_error){.task = t, .worker = worker, .code = PS_ERROR_DIVISION_BY_ZERO};
        snprintf(err->message, sizeof err->message, "division by zero");
        return err->code;
    }
    *value = 1000003 / divisor;
    return 0;
}

const char *const ps_errors_options[] = {"tasks", "latency-us", "fail-at", "fail-every", NULL};

const char *const ps_errors_variants[] = {"collect", "cancel", "abort", NULL};
const char *const ps_errors_demos[] = {"abort", NULL};

ps_on_error ps_errors_policy(const ps_options *opt)
{
    return (ps_on_error)opt->variant;
}

typedef struct tally {
    uint64_t done, failed, never, planned;
} tally;

/* Each failure record names a task in range, planned to fail, once; reported counts them. */
static ps_status check_reports(const ps_errors *e, const ps_options *opt, unsigned char *reported,
                               ps_msg *msg)
{
    for (uint64_t i = 0; i < e->nerrors; i++) {
        const ps_task_error *r = &e->errors[i];
        if (r->task >= e->tasks || reported[r->task]++ ||
            !ps_errors_planned(opt, e->tasks, r->task))
            return ps_fail(msg, PS_FAILED,
                           "errors: task %llu was reported wrongly (twice, out of "
                           "range or not planned to fail)",
                           (unsigned long long)r->task);
    }
    return PS_OK;
}

/* Each task: done with its right result, failed with a record, or never run (not in collect). */
static ps_status check_tasks(const ps_errors *e, const ps_options *opt,
                             const unsigned char *reported, tally *n, ps_msg *msg)
{
    for (uint64_t t = 0; t < e->tasks; t++) {
        int plan = ps_errors_planned(opt, e->tasks, t);
        n->planned += plan;
        switch (e->state[t]) {
        case PS_TASK_DONE:
            n->done++;
            if (plan || e->value[t] != 1000003 / (t + 1))
                return ps_fail(msg, PS_FAILED, "errors: task %llu finished with a wrong result",
                               (unsigned long long)t);
            break;
        case PS_TASK_FAILED:
            n->failed++;
            if (!reported[t])
                return ps_fail(msg, PS_FAILED, "errors: task %llu failed but no record came back",
                               (unsigned long long)t);
            break;
        default:
            n->never++;
            if (ps_errors_policy(opt) == PS_ON_ERROR_COLLECT)
                return ps_fail(msg, PS_FAILED,
                               "errors: task %llu never ran, though collect "
                               "runs every task",
                               (unsigned long long)t);
        }
    }
    return PS_OK;
}

/* The totals against the records and the policy: collect reports every planned failure, cancel
 * stops at one. */
static ps_status check_totals(const ps_errors *e, const ps_options *opt, const tally *n,
                              ps_msg *msg)
{
    if (n->failed != e->nerrors)
        return ps_fail(msg, PS_FAILED, "errors: %llu tasks failed but %llu records came back",
                       (unsigned long long)n->failed, (unsigned long long)e->nerrors);
    if (ps_errors_policy(opt) == PS_ON_ERROR_COLLECT && n->failed != n->planned)
        return ps_fail(msg, PS_FAILED, "errors: %llu failures reported, %llu planned",
                       (unsigned long long)n->failed, (unsigned long long)n->planned);
    if (ps_errors_policy(opt) == PS_ON_ERROR_CANCEL && n->planned && !n->failed)
        return ps_fail(msg, PS_FAILED, "errors: nothing failed, though %llu tasks were planned to",
                       (unsigned long long)n->planned);
    return PS_OK;
}

ps_status ps_errors_check(ps_errors *e, const ps_options *opt, char *result, size_t len,
                          ps_msg *msg)
{
    tally n = {0, 0, 0, 0};
    unsigned char *reported = calloc(e->tasks, 1);
    if (!reported)
        return ps_fail(msg, PS_ENV, "out of memory");
    ps_status st = check_reports(e, opt, reported, msg);
    if (!st)
        st = check_tasks(e, opt, reported, &n, msg);
    free(reported);
    if (st || (st = check_totals(e, opt, &n, msg)))
        return st;
    snprintf(e->detail, sizeof e->detail, "done %llu; failed %llu; never ran %llu",
             (unsigned long long)n.done, (unsigned long long)n.failed, (unsigned long long)n.never);
    if (ps_errors_policy(opt) == PS_ON_ERROR_COLLECT)
        snprintf(result, len, "%llu planned failure%s reported exactly; %llu results right",
                 (unsigned long long)n.planned, n.planned == 1 ? "" : "s",
                 (unsigned long long)n.done);
    else
        snprintf(result, len, "stopped at a planned failure; %llu tasks accounted for",
                 (unsigned long long)e->tasks);
    return PS_OK;
}

static int by_task(const void *a, const void *b)
{
    const ps_task_error *x = a, *y = b;
    return (x->task > y->task) - (x->task < y->task);
}

void ps_errors_show(FILE *out, const ps_errors *e, const char *kind)
{
    ps_task_error *sorted = malloc((e->nerrors ? e->nerrors : 1) * sizeof *sorted);
    if (!sorted)
        return;
    memcpy(sorted, e->errors, e->nerrors * sizeof *sorted);
    qsort(sorted, e->nerrors, sizeof *sorted, by_task);
    for (uint64_t i = 0; i < e->nerrors; i++)
        fprintf(out, "%s %u, task %llu: %s\n", kind, sorted[i].worker,
                (unsigned long long)sorted[i].task, sorted[i].message);
    free(sorted);
}

void ps_errors_detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    const ps_errors *e = run->state;
    (void)seconds;
    snprintf(text, len, "%s", e->detail);
}

void ps_errors_release(ps_run *run)
{
    if (run->state)
        ps_errors_free(run->state);
    free(run->state);
    run->state = NULL;
}

const ps_workload_info ps_errors_info = {
    .name = "errors",
    .question = "Q6",
    .about = "tasks of which some fail; failures come back as records (exit 1)",
    .options = (const char *const[]){"tasks", "latency-us", "fail-at", "fail-every", NULL},
    .single_threaded = "its failures travel from rank to rank as messages; a thread inside a rank "
                       "adds no other way to fail (parsuite-omp errors shows threads failing)",
    .default_size = 32,
    .max_size = 1000000,
    .size_option = "tasks",
    .sweep = 32,
    .quick = 16,
    .sweep_options = "--fail-at 7,13",
};
