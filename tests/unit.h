/* The unit-test runner's registry: each test file adds one CUnit suite. */
#ifndef UNIT_H
#define UNIT_H

#include <CUnit/CUnit.h>

void suite_parse(void);
void suite_cli(void);
void suite_stats(void);
void suite_record(void);
void suite_squares(void);
void suite_hello(void);
void suite_bench(void);
void suite_factorials(void);
void suite_tasks(void);
void suite_prodcons(void);
void suite_report(void);
void suite_compare(void);
void suite_waits(void);

/* The report's Markdown over r, checked to be written (the caller frees it). */
struct ps_results;
char *unit_report_markdown(const struct ps_results *r);

/* Adds a suite of tests ({name, fn}, ended by {NULL, NULL}). */
void unit_add(const char *suite, const CU_TestInfo *tests);

#endif
