/* SPDX-License-Identifier: BSD-3-Clause */
/* Drawing with gnuplot: the script is written to its standard input, never through a shell. */
#ifndef PS_GNUPLOT_H
#define PS_GNUPLOT_H

#include "ps_status.h"

#include <stdio.h>

/* Runs gnuplot on what script writes for arg, the figures it names ("set output 'NAME'") landing
 * in dir (made if missing). gnuplot draws in a private directory made inside dir, and each figure
 * is then renamed into dir: a planted symbolic link is replaced, never written through. A dir
 * that another user owns is refused. A figure that gnuplot could not draw does not stop the
 * others: PS_ENV, naming every such figure with gnuplot's error line. */
ps_status ps_gnuplot(const char *dir, void (*script)(FILE *gp, const void *arg), const void *arg,
                     ps_msg *msg);

#endif
