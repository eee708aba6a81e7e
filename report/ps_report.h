/* SPDX-License-Identifier: BSD-3-Clause */
/* The Markdown report over merged results: provenance, the questions, then per workload, variant
 * and size a table of workers and models with speedup, efficiency and the Karp-Flatt serial
 * fraction, and the weak-scaling tables. */
#ifndef PS_REPORT_H
#define PS_REPORT_H

#include "ps_results.h"

#include <stdio.h>

/* plots: the directory of the PNGs as the report should link it (NULL: no plots). A failed write
 * is left on out's error flag for its closer (ps_output_close), which names the file. */
ps_status ps_report_write(FILE *out, const ps_results *r, size_t files, const char *plots,
                          ps_msg *msg);

#endif
