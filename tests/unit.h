/* SPDX-License-Identifier: BSD-3-Clause */
/* The unit-test runner's registry: each test file adds one CUnit suite. */
#ifndef UNIT_H
#define UNIT_H

#include <CUnit/CUnit.h>

#define UNIT_SUITE(name) void suite_##name(void);
#include "unit_suites.def"
#undef UNIT_SUITE

/* The report's Markdown over r, checked to be written (the caller frees it). */
struct ps_results;
char *unit_report_markdown(const struct ps_results *r);

/* Adds a suite of tests ({name, fn}, ended by {NULL, NULL}). */
void unit_add(const char *suite, const CU_TestInfo *tests);

#endif
