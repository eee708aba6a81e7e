/* The Markdown report over merged results: provenance, then per workload, variant and size a table
 * of workers and models with speedup, efficiency and the Karp-Flatt serial fraction. */
#ifndef PS_REPORT_H
#define PS_REPORT_H

#include "ps_results.h"

#include <stdio.h>

/* Speedup t1/tp; efficiency S/p; Karp-Flatt e = (1/S - 1/p) / (1 - 1/p), NAN for p = 1. */
double ps_speedup(double t1, double tp);
double ps_efficiency(double speedup, double p);
double ps_karp_flatt(double speedup, double p);

/* plots: the directory of the PNGs as the report should link it (NULL: no plots). A failed write
 * is left on out's error flag for its closer (ps_output_close), which names the file. */
ps_status ps_report_write(FILE *out, const ps_results *r, size_t files, const char *plots,
                          ps_msg *msg);

/* A plain-text table for a terminal or a job log: per point the series, workload, variant,
 * workers, size, median, speedup, verified, oversubscribed; then the setups, and the time inside
 * timed regions and warm-ups against wall (the sweep's seconds in all; 0: unknown). */
ps_status ps_report_summary(FILE *out, const ps_results *r, double wall, ps_msg *msg);

/* Per workload, DIR/<workload>-speedup.png (every series and the ideal line) and
 * DIR/<workload>-time.png, drawn by gnuplot (PS_ENV if it is missing or fails); DIR is made if
 * it does not exist. */
ps_status ps_report_plots(const ps_results *r, const char *dir, ps_msg *msg);

/* The gnuplot script that ps_report_plots runs, with file names relative to the plots' directory:
 * it holds no text from the records but checked names and numbers. */
void ps_report_plot_script(FILE *gp, const ps_results *r);

#endif
