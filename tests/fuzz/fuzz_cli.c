/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer target: the command line both programs share (ps_cli_parse, and through it the strict
 * number and list parsers). The input's first byte picks the model; the rest is the arguments,
 * each ended by a NUL byte as in /proc/PID/cmdline, so that an argument may hold a newline.
 * Besides crashes and undefined behaviour it checks the contract: a refusal is exit 2 or 3 with
 * one line of message; an acceptance leaves every value inside its bounds. */
#include "ps_cli.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One workload that takes every option, so that all of them are reachable. */
static const ps_workload_info everything_info = {
    .name = "all",
    .question = "Q0",
    .about = "every option",
    .options =
        (const char *const[]){"tasks", "items", "print", "chunk", "latency-us", "steps", "fail-at",
                              "fail-every", "capacity", "producers", "consumers", "trace", NULL},
    .default_size = 10,
    .max_size = 1000000,
};
static const ps_workload everything = {
    .info = &everything_info,
    .variants = (const char *const[]){"first", "second", NULL},
};
static const ps_workload *const workloads[] = {&everything, NULL};

enum { MAX_ARGS = 64 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    ps_model model = data[0] & 1 ? PS_MODEL_MPI : PS_MODEL_OMP;
    char *text = malloc(size); /* data[1..] plus a final NUL */
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    char *argv[MAX_ARGS + 1] = {"parsuite-fuzz"};
    int argc = 1;
    for (char *arg = text; argc < MAX_ARGS && arg < text + size - 1; arg += strlen(arg) + 1)
        argv[argc++] = arg;
    ps_options opt;
    ps_msg msg = {{0}};
    ps_status st = ps_cli_parse(argc, argv, model, workloads, &opt, &msg);
    if (st != PS_OK) {
        if ((st != PS_USAGE && st != PS_ENV) || msg.text[0] == '\0' || strchr(msg.text, '\n'))
            abort(); /* a refusal must be one line, exit 2 (or 3) */
    } else if (opt.list || opt.plan) {
        if (opt.workload || (opt.plan && model != PS_MODEL_MPI))
            abort(); /* --list and --plan take no workload; --plan is parsuite-mpi's */
    } else if (!opt.help && !opt.version) {
        if (opt.workers.n == 0 || opt.repeat == 0 || opt.workload != &everything)
            abort();
        for (size_t i = 0; i < opt.workers.n; i++)
            if (opt.workers.v[i] == 0 || opt.workers.v[i] > 1024)
                abort();
        if (model == PS_MODEL_MPI && opt.workers_given)
            abort(); /* --workers is parsuite-omp's */
    }
    free(text);
    return 0;
}
