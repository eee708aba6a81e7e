/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 1's task pool on threads (task_pool.c): the steps iobound.c and cpubound.c share, with
 * ps_tasks_detail and ps_tasks_release (run->state: a ps_task_set). */
#ifndef OMP_TASK_POOL_H
#define OMP_TASK_POOL_H

#include "ps_workload.h"

ps_status omp_task_pool_prepare(ps_run *run, ps_msg *msg);
ps_status omp_task_pool_execute(ps_run *run, ps_msg *msg);
ps_status omp_task_pool_check(ps_run *run, char *result, size_t len, ps_msg *msg);

#endif
