/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer target: a plan file (parsuite-mpi --plan), as ps_plan_read hands it over (no NUL
 * bytes, NUL-ended). Besides crashes and undefined behaviour it checks the contract: a refusal is
 * exit 2 or 3 with one line of message; an acceptance has at least one point, each with a
 * workload, on lines that only grow. */
#include "ps_plan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const ps_workload_info one_info = {
    .name = "one",
    .question = "Q0",
    .about = "a workload",
    .options = (const char *const[]){"chunk", "tasks", NULL},
    .default_size = 10,
    .max_size = 1000000,
};
static const ps_workload one = {
    .info = &one_info,
    .variants = (const char *const[]){"first", "second", NULL},
};
static const ps_workload *const workloads[] = {&one, NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > PS_PLAN_MAX_BYTES || memchr(data, '\0', size))
        return 0; /* what ps_plan_read refuses */
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *argv[] = {"parsuite-fuzz", "--repeat", "2", "--plan", "f", NULL};
    ps_plan plan;
    ps_msg msg = {{0}};
    ps_status st = ps_plan_parse(text, size, 5, argv, PS_MODEL_MPI, workloads, &plan, &msg);
    if (st != PS_OK) {
        if ((st != PS_USAGE && st != PS_ENV) || msg.text[0] == '\0' || strchr(msg.text, '\n'))
            abort();
    } else {
        if (plan.n == 0)
            abort();
        for (size_t i = 0; i < plan.n; i++)
            if (plan.points[i].workload != &one || plan.points[i].plan || plan.points[i].output ||
                (i && plan.lines[i] <= plan.lines[i - 1]))
                abort();
    }
    ps_plan_free(&plan);
    return 0;
}
