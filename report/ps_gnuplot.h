/* Drawing with gnuplot: the script is written to its standard input, never through a shell. */
#ifndef PS_GNUPLOT_H
#define PS_GNUPLOT_H

#include "ps_status.h"

#include <stdio.h>

/* Runs gnuplot in dir (made if missing) on what script writes for arg. PS_ENV, with gnuplot's
 * first line of complaint, if it is missing or fails. */
ps_status ps_gnuplot(const char *dir, void (*script)(FILE *gp, const void *arg), const void *arg,
                     ps_msg *msg);

#endif
