/* SPDX-License-Identifier: BSD-3-Clause */
/* The questions' figures (ps_figures.c): which there are, whether the records can draw each, and
 * the gnuplot script that draws them. */
#ifndef PS_FIGURES_H
#define PS_FIGURES_H

#include "ps_results.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct ps_figure {
    const char *question; /* "Q1": the section it belongs to */
    const char *file;     /* "q1-speedup": FILE.png in the plots' directory */
    const char *alt;      /* the report link's text */
    bool (*measured)(ps_row **rows, size_t n);
    void (*draw)(FILE *gp, ps_row **rows, size_t n);
} ps_figure;

/* Every question's figures, in the questions' order; the last has no file. */
extern const ps_figure ps_figures[];

/* Q1's models (C's threads and processes, Python's pools of each) and their names in figures. */
extern const char *const ps_q1_models[4], *const ps_q1_names[4];

/* The gnuplot commands that draw every figure the rows can (file names relative to the plots'
 * directory). */
void ps_figures_script(FILE *gp, ps_row **rows, size_t n);

#endif
