/* SPDX-License-Identifier: BSD-3-Clause */
/* parsuite-unit [SUITE]: runs one CUnit suite of the common core (all without an argument). */
#include "ps_temp.h"
#include "unit.h"

#include <CUnit/Basic.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
    const char *name;
    void (*add)(void);
} suites[] = {
#define UNIT_SUITE(name) {#name, suite_##name},
#include "unit_suites.def"
#undef UNIT_SUITE
};

static char temp_dir[PATH_MAX];

static void remove_temp_dir(void)
{
    DIR *d = opendir(temp_dir);
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            unlinkat(dirfd(d), e->d_name, 0);
    if (d)
        closedir(d);
    rmdir(temp_dir);
}

const char *unit_temp_path(const char *ext)
{
    static char path[4][PATH_MAX + 32];
    static unsigned made;
    if (!*temp_dir) {
        snprintf(temp_dir, sizeof temp_dir, "%s/parsuite-unit-XXXXXX", ps_temp_dir());
        if (!mkdtemp(temp_dir)) {
            perror("parsuite-unit: mkdtemp");
            exit(3);
        }
        atexit(remove_temp_dir);
    }
    char *p = path[made % 4];
    snprintf(p, sizeof path[0], "%s/%u%s", temp_dir, made++, ext);
    return p;
}

const char *unit_temp_write(const char *text, size_t len)
{
    const char *path = unit_temp_path("");
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(fwrite(text, 1, len, f), len);
    fclose(f);
    return path;
}

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
