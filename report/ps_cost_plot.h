/* SPDX-License-Identifier: BSD-3-Clause */
/* The per-item figure of a workload whose sizes were chosen per point (ps_cost_plot.c). */
#ifndef PS_COST_PLOT_H
#define PS_COST_PLOT_H

#include "ps_results.h"

#include <stdio.h>

/* DIR/<workload>-cost.png for the workload's rows [from, to) (sorted, weak marked): its script,
 * from checked names and numbers only. It sets a terminal size of its own: the caller sets its
 * own again after it. */
void ps_cost_plot_script(FILE *gp, ps_row **rows, size_t from, size_t to, unsigned setups);

#endif
