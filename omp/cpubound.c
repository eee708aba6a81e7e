/* Question 1: are threads the better choice for work that computes? Tasks that compute for about
 * --latency-us each (calibrated once), run by the task pool of task_pool.c: computing threads
 * cannot overlap past the cores, as waiting ones can (iobound.c). */
#include "ps_catalogue.h"
#include "ps_tasks.h"

const ps_workload omp_cpubound = {
    .info = &ps_cpubound_info,
    .variants = ps_cpubound_variants,
    PS_TASK_POOL_STEPS,
};
