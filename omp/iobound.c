/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 1: are threads the better choice for work that waits? Tasks that sleep, write and read
 * back a small file, or (mixed) wait or compute by task, run by the task pool of task_pool.c:
 * a waiting thread leaves its core to the others, so waits overlap past the core count. */
#include "ps_catalogue.h"
#include "ps_tasks.h"
#include "task_pool.h"

const ps_workload omp_iobound = {
    .info = &ps_iobound_info,
    .variants = ps_iobound_variants,
    .prepare = omp_task_pool_prepare,
    .execute = omp_task_pool_execute,
    .check = omp_task_pool_check,
    .detail = ps_tasks_detail,
    .metrics = ps_tasks_metrics,
    .release = ps_tasks_release,
};
