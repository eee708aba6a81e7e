/* SPDX-License-Identifier: BSD-3-Clause */
/* The command line shared by parsuite-omp and parsuite-mpi: WORKLOAD [options]. */
#ifndef PS_CLI_H
#define PS_CLI_H

#include "ps_options.h"
#include "ps_status.h"
#include "ps_workload.h"

#include <stdio.h>

/* The most workers, ranks or threads an option may ask for. */
#define PS_MAX_WORKERS 1024

/* Parses argv into opt. workloads is NULL-terminated. On --help or --version, opt->help or
 * opt->version is set and nothing else is checked. */
ps_status ps_cli_parse(int argc, char **argv, ps_model model, const ps_workload *const *workloads,
                       ps_options *opt, ps_msg *msg);

/* The workload's own check of the options against a worker count (ps_workload.validate): every
 * count is checked before any runs. */
ps_status ps_cli_validate(const ps_options *opt, unsigned workers, ps_msg *msg);

/* The catalogue as this program runs it: a row per workload and variant (--list). */
ps_status ps_cli_list(FILE *out, ps_model model, const ps_workload *const *workloads,
                      ps_format format, ps_msg *msg);

/* The options in o that change the work (a flag in the option table), as given: "--latency-us
 * 1000 --fail-at 3,7"; "" when each is the workload's default. A record's work_options. */
void ps_work_options(const ps_options *o, char *buf, size_t len);

void ps_cli_help(FILE *out, ps_model model, const ps_workload *const *workloads);

#endif
