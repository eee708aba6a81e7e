/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_catalogue.h"

#include "ps_create.h"
#include "ps_factorials.h"
#include "ps_footprint.h"
#include "ps_prodcons.h"
#include "ps_squares.h"
#include "ps_switches.h"

#include <stddef.h>
#include <string.h>

static const char *const task_options[] = {"tasks", "latency-us", "steps", NULL};

const ps_workload_info ps_squares_info = {
    .name = "squares",
    .question = "Q2, Q8",
    .about = "a pool maps square() over 1..N (MPI local: results stay on their ranks, rank 0 "
             "holds N / ranks)",
    .options = (const char *const[]){"chunk", "print", NULL},
    .default_size = 10,
    .max_size = PS_SQUARES_MAX,
    .size_option = "size",
    .sweep = 20000000,
    .quick = 2000000,
    .weak = true,
    .weak_mpi_variant = "local", /* the others gather every result on rank 0 */
};

const ps_workload_info ps_fill_info = {
    .name = "fill",
    .question = "reference for Q8",
    .about =
        "write bandwidth: the squares array (or each rank's block) filled with a non-zero byte",
    .default_size = 100000000,
    .max_size = PS_SQUARES_MAX,
    .size_option = "size",
    .sweep = 20000000,
    .quick = 2000000,
    .weak = true,
};

const ps_workload_info ps_hello_info = {
    .name = "hello",
    .question = "Q3",
    .about = "named workers say hello: id, pid, host, CPU and allowed CPUs",
    .default_size = 1, /* the size is the worker count */
    .max_size = 1,
};

const ps_workload_info ps_factorials_info = {
    .name = "factorials",
    .question = "Q7",
    .about = "n! for n = 1..N with GMP, one task per n (the question's loop runs 1..10)",
    .options = (const char *const[]){"print", NULL},
    .default_size = 10,
    .max_size = PS_FACTORIALS_MAX,
    .size_option = "size",
    .sweep = 5000,
    .quick = 2000,
};

/* Question 1's two workloads differ only in what a task does: the same sizes, options, sweep. */
#define TASK_WORKLOAD                                                                              \
    .question = "Q1", .options = task_options, .default_size = 32, .max_size = 1000000,            \
    .size_option = "tasks", .sweep = 32, .quick = 16, .sweep_options = "--latency-us 10000",       \
    .weak = true

const ps_workload_info ps_iobound_info = {
    .name = "iobound",
    .about = "tasks that wait (sleep, file I/O) or a mix with compute",
    TASK_WORKLOAD,
};

const ps_workload_info ps_cpubound_info = {
    .name = "cpubound",
    .about = "tasks that compute for --latency-us each (calibrated)",
    TASK_WORKLOAD,
};

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

const ps_workload_info ps_prodcons_info = {
    .name = "prodcons",
    .question = "Q4",
    .about = "producers add to a bounded list, consumers remove; each item exactly once",
    .options = (const char *const[]){"items", "capacity", "producers", "consumers", "trace", NULL},
    .single_threaded = "its producers and consumers are whole ranks around a manager's list; "
                       "threads would make a second, shared list (parsuite-omp prodcons)",
    .default_size = 10,
    .max_size = PS_PRODCONS_MAX,
    .size_option = "items",
    .sweep = 1000000,
    .quick = 100000,
    /* a manager answers every item with a message round trip */
    .exceptions = (const ps_sweep_size[]){{"mpi", "manager", 30000, 10000}, {NULL, NULL, 0, 0}},
};

const ps_workload_info ps_share_info = {
    .name = "share",
    .question = "Q5",
    .about = "each way to share data, timed per operation and verified",
    .single_threaded = "each variant times one way for processes to share data; threads share "
                       "memory as such (parsuite-omp share)",
    .default_size = 0, /* threads: calibrated until a sample lasts 1 ms; ranks: 10000 operations */
    .max_size = UINT64_C(1) << 30,
    .size_option = "size",
    .sweep = 10000,
    .quick = 2000,
    /* threads calibrate their own size; a pipe's size is round trips per message size (24) */
    .exceptions = (const ps_sweep_size[]){{"omp", NULL, 0, 0},
                                          {"mpi", "pipe", 1000, 100},
                                          {NULL, NULL, 0, 0}},
};

const ps_workload_info ps_switches_info = {
    .name = "switches",
    .question = "Q1",
    .about = "a token handed round a ring of workers, each blocked until handed it: the cost of a "
             "context switch, threads against processes",
    .single_threaded = "its ranks are the processes that switch; threads switching inside one "
                       "process are parsuite-omp switches",
    .default_size = 2000, /* hand-offs */
    .max_size = PS_SWITCHES_MAX,
    .size_option = "size",
    .sweep = 100000,
    .quick = 20000,
    /* a library that polls hands on only when the scheduler runs the next rank: oversubscribed,
     * milliseconds a hand-off */
    .exceptions = (const ps_sweep_size[]){{"mpi", NULL, 5000, 1000}, {NULL, NULL, 0, 0}},
};

const ps_workload_info ps_create_info = {
    .name = "create",
    .question = "Q2",
    .about = "tasks run by a worker created for each (a thread, a process) or by a pool that "
             "exists: what creating a worker costs",
    .options = (const char *const[]){"tasks", "latency-us", NULL},
    .single_threaded = "its workers are the job's ranks, a pool; threads and processes created "
                       "for each task are parsuite-omp create's",
    .default_size = 8, /* tasks */
    .max_size = PS_CREATE_MAX,
    .size_option = "tasks",
    .sweep = 2000,
    .quick = 500,
};

const ps_workload_info ps_footprint_info = {
    .name = "footprint",
    .question = "Q2",
    .about = "what one more worker costs in memory (PSS): a thread, a forked process writing or "
             "only reading its parent's working set, a rank",
    .single_threaded = "its workers are the ranks, a process each; threads in one process are "
                       "parsuite-omp footprint's",
    .default_size = 1024, /* KiB of working set a worker */
    .max_size = PS_FOOTPRINT_MAX_KIB,
    .size_option = "size",
    .sweep = 1024, /* a working set small beside what a worker costs beyond it */
    .quick = 256,
};

void ps_sweep_sizes(const ps_workload_info *w, const char *model, const char *variant,
                    uint64_t *sweep, uint64_t *quick)
{
    *sweep = w->size_option ? w->sweep : 0;
    *quick = w->size_option ? w->quick : 0;
    for (const ps_sweep_size *e = w->exceptions; e && e->model; e++)
        if (!strcmp(e->model, model) && (!e->variant || !strcmp(e->variant, variant))) {
            *sweep = e->sweep;
            *quick = e->quick;
        }
}
