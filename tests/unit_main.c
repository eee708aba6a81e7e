/* SPDX-License-Identifier: BSD-3-Clause */
/* parsuite-unit [SUITE]: runs one CUnit suite of the common core (all without an argument). */
#include "unit.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    void (*add)(void);
} suites[] = {
#define UNIT_SUITE(name) {#name, suite_##name},
#include "unit_suites.def"
#undef UNIT_SUITE
};

void unit_add(const char *suite, const CU_TestInfo *tests)
{
    CU_pSuite s = CU_add_suite(suite, NULL, NULL);
    for (; s && tests->pName; tests++)
        CU_add_test(s, tests->pName, tests->pTestFunc);
}

int main(int argc, char **argv)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 3;
    int found = 0;
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
        if (argc < 2 || strcmp(argv[1], suites[i].name) == 0) {
            suites[i].add();
            found = 1;
        }
    if (!found) {
        fprintf(stderr, "parsuite-unit: unknown suite '%s'\n", argv[1]);
        CU_cleanup_registry();
        return 2;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    unsigned ran = CU_get_number_of_tests_run();
    CU_cleanup_registry();
    return failed || ran == 0 ? 1 : 0;
}
