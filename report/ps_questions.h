/* SPDX-License-Identifier: BSD-3-Clause */
/* The report's section on the questions (docs/questions.md), answered from the records. */
#ifndef PS_QUESTIONS_H
#define PS_QUESTIONS_H

#include "ps_results.h"

#include <stdio.h>

/* "## The questions, measured": a section per question, in its own words, with what the rows
 * measured; with plots (the directory as the report links it; NULL: none), its figures linked. */
void ps_questions_write(FILE *out, ps_row **rows, size_t n, const char *plots);

#endif
