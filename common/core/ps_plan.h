/* SPDX-License-Identifier: BSD-3-Clause */
/* A plan: many points of one launch (parsuite-mpi --plan FILE), so that a sweep pays for one
 * mpirun per rank count instead of one per point. A plan file has a point per line: a workload
 * and its options, written as on the command line (words separated by blanks; no quoting, no
 * shell); blank lines and lines starting with # are skipped. Every point is parsed and checked
 * before any runs, and a bad one is refused naming its line. */
#ifndef PS_PLAN_H
#define PS_PLAN_H

#include "ps_options.h"
#include "ps_status.h"
#include "ps_workload.h"

#include <stddef.h>

enum { PS_PLAN_MAX_BYTES = 1 << 20, PS_PLAN_MAX_WORDS = 64 };

typedef struct ps_plan {
    char *text;         /* the file, split in place into the points' words */
    ps_options *points; /* a point's options: the command line's, then its line's */
    unsigned *lines;    /* each point's line in the file, for messages */
    size_t n;
} ps_plan;

/* The whole file at path into *text (NUL-ended, *len bytes): PS_USAGE naming it when it cannot
 * be read, is larger than PS_PLAN_MAX_BYTES or holds a NUL. */
ps_status ps_plan_read(const char *path, char **text, size_t *len, ps_msg *msg);

/* Parses text (taken over by plan, even on failure) into points: each line's words after the
 * program's own argv (less --plan and its value), so that the command line gives what every
 * point shares (--repeat, --output, --threads) and a line may override a point's own options.
 * A line may not give what belongs to the launch (--plan, --output, --format, --quiet, --threads,
 * --check, --list, --help, --version). */
ps_status ps_plan_parse(char *text, size_t len, int argc, char **argv, ps_model model,
                        const ps_workload *const *workloads, ps_plan *plan, ps_msg *msg);

void ps_plan_free(ps_plan *plan);

#endif
