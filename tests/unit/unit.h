/* SPDX-License-Identifier: BSD-3-Clause */
/* The unit-test runner's registry: each test file adds one CUnit suite. */
#ifndef UNIT_H
#define UNIT_H

#include <CUnit/CUnit.h>
#include <stddef.h>

#define UNIT_SUITE(name) void suite_##name(void);
#include "unit_suites.def"
#undef UNIT_SUITE

/* The report's Markdown over r, checked to be written (the caller frees it). */
struct ps_results;
char *unit_report_markdown(const struct ps_results *r);

/* A new file's path in the runner's own directory under $TMPDIR (or /tmp), ending in ext ("" or
 * ".csv"); the directory and every file in it are removed when the runner exits. Each call
 * names a new file; the path stays valid for the next three calls. */
const char *unit_temp_path(const char *ext);
/* The same path, holding len bytes of text. */
const char *unit_temp_write(const char *text, size_t len);

/* Adds a suite of tests ({name, fn}, ended by {NULL, NULL}). */
void unit_add(const char *suite, const CU_TestInfo *tests);

#endif
