/* Question 1: are ranks the better choice for work that waits? Tasks that sleep, write and read
 * back a small file, or (mixed) wait or compute by task, run by the task pool of task_pool.c:
 * a waiting rank leaves its core to the others, so waits overlap past the core count. */
#include "ps_catalogue.h"
#include "ps_tasks.h"

const ps_workload mpi_iobound = {
    .info = &ps_iobound_info,
    .variants = ps_iobound_variants,
    PS_TASK_POOL_STEPS,
};
