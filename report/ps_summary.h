/* SPDX-License-Identifier: BSD-3-Clause */
/* The plain-text summary of a run (ps_summary.c). */
#ifndef PS_SUMMARY_H
#define PS_SUMMARY_H

#include "ps_results.h"

#include <stdio.h>

/* A plain-text table for a terminal or a job log: per point the series, workload, variant,
 * workers, size, median, speedup, verified, oversubscribed; then the setups, and the time inside
 * timed regions and warm-ups against wall (the sweep's seconds in all; 0: unknown). */
ps_status ps_report_summary(FILE *out, const ps_results *r, double wall, ps_msg *msg);

#endif
