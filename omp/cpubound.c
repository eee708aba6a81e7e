/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 1: are threads the better choice for work that computes? Tasks that compute for about
 * --latency-us each (calibrated once), run by the task pool of task_pool.c: computing threads
 * cannot overlap past the cores, as waiting ones can (iobound.c). */
#include "ps_catalogue.h"
#include "ps_tasks.h"
#include "task_pool.h"

const ps_workload omp_cpubound = {
    .info = &ps_cpubound_info,
    .variants = ps_cpubound_variants,
    .prepare = omp_task_pool_prepare,
    .execute = omp_task_pool_execute,
    .check = omp_task_pool_check,
    .detail = ps_tasks_detail,
    .metrics = ps_tasks_metrics,
    .release = ps_tasks_release,
};
