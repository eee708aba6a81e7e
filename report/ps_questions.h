/* The report's section on the questions (docs/questions.md) and their figures (ps_questions.c). */
#ifndef PS_QUESTIONS_H
#define PS_QUESTIONS_H

#include "ps_results.h"

#include <stdio.h>

/* "## The questions, measured": a paragraph per question the rows answer; with plots (the
 * directory as the report links it; NULL: none), each question's figure linked. */
void ps_questions_write(FILE *out, ps_row **rows, size_t n, const char *plots);

/* The questions' figures, as gnuplot commands (file names relative to the plots' directory). */
void ps_questions_script(FILE *gp, ps_row **rows, size_t n);

#endif
