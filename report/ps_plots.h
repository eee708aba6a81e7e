/* SPDX-License-Identifier: BSD-3-Clause */
/* The per-workload figures (ps_plots.c); the questions' own are ps_figures.h. */
#ifndef PS_PLOTS_H
#define PS_PLOTS_H

#include "ps_results.h"

#include <stdio.h>

/* Per workload, DIR/<workload>-speedup.png (every series and the ideal line) and
 * DIR/<workload>-time.png, drawn by gnuplot (PS_ENV if it is missing or fails); DIR is made if
 * it does not exist. */
ps_status ps_report_plots(const ps_results *r, const char *dir, ps_msg *msg);

/* The gnuplot script that ps_report_plots runs, with file names relative to the plots' directory:
 * it holds no text from the records but checked names and numbers. */
void ps_report_plot_script(FILE *gp, const ps_results *r);

#endif
