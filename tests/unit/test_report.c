/* SPDX-License-Identifier: BSD-3-Clause */
/* The report: its formulas on known values, and the result-file reader on good and bad files. */
#include "ps_plots.h"
#include "ps_report.h"
#include "ps_scaling.h"
#include "ps_summary.h"
#include "unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char header[] =
    "version,utc,model,workload,variant,workers,size,repetitions,warmup,seconds_min,"
    "seconds_median,seconds_mean,seconds_max,seconds_stddev,items_per_second,verified,result,"
    "detail,host,nodes,cores,cpu,memory_gb,oversubscribed,compiler,flags,openmp,mpi,job\n";

static const char *write_temp(const char *text)
{
    return unit_temp_write(text, strlen(text));
}

static char *row_of(const char *workers, const char *median, const char *flags)
{
    static char text[512];
    snprintf(text, sizeof text,
             "0.1.0,2026-11-24T21:00:00Z,omp,squares,static,%s,10,5,1,0.01,%s,0.5,9,0,20,yes,"
             "sum of squares 385,,node1,1,2,AMD EPYC,25.2,%s,gcc 12.2.0,%s,4.5 (201511),,\n",
             workers, median, atof(workers) > 2 ? "yes" : "no", flags);
    return text;
}

static char *row(int workers, const char *median, const char *flags)
{
    char w[16];
    snprintf(w, sizeof w, "%d", workers);
    return row_of(w, median, flags);
}

static void test_formulas(void)
{
    CU_ASSERT_DOUBLE_EQUAL(ps_speedup(2.0, 0.5), 4.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(ps_efficiency(4.0, 8), 0.5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(ps_karp_flatt(2.0, 2), 0.0, 1e-12); /* perfect: no serial part */
    CU_ASSERT_DOUBLE_EQUAL(ps_karp_flatt(1.6, 2), 0.25, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(ps_karp_flatt(1.0, 8), 1.0, 1e-12); /* no speedup: all serial */
    CU_ASSERT_TRUE(isnan(ps_karp_flatt(1.0, 1)));
}

/* The Markdown report over r (the caller frees it); test_compare.c's too. */
char *unit_report_markdown(const ps_results *r)
{
    char *md = NULL;
    size_t len = 0;
    ps_msg msg;
    FILE *out = open_memstream(&md, &len);
    CU_ASSERT_EQUAL(ps_report_write(out, r, 1, NULL, &msg), PS_OK);
    fclose(out);
    return md;
}

static void test_reads_csv_and_writes_tables(void)
{
    char text[2048];
    snprintf(text, sizeof text, "%s%s", header, row(1, "0.4", "\"-O2,-g\""));
    strcat(text, row(2, "0.25", "\"-O2,-g\""));
    strcat(text, row(4, "0.2", "\"-O2,-g\""));
    ps_results r = {0};
    ps_msg msg;
    const char *path = write_temp(text);
    CU_ASSERT_EQUAL_FATAL(ps_results_load(&r, path, &msg), PS_OK);
    CU_ASSERT_EQUAL(r.n, 3);
    CU_ASSERT_STRING_EQUAL(r.row[0].flags, "-O2,-g");
    CU_ASSERT_DOUBLE_EQUAL(r.row[1].seconds_median, 0.25, 1e-12);
    CU_ASSERT_TRUE(r.row[2].oversubscribed);
    char *md = unit_report_markdown(&r);
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "### squares, static, size 10"));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(md, "| 2 | omp | 0.250000 | – | – | 1.60 | 0.80 | 0.250 | yes | no |"));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(md, "| 4 | omp | 0.200000 | – | – | 2.00 | 0.50 | 0.333 | yes | yes |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "3 records from 1 file: 3 verified"));
    free(md);
    unlink(path);
    ps_results_free(&r);
}

static void expect_bad(const char *text, const char *words)
{
    ps_results r = {0};
    ps_msg msg = {""};
    const char *path = write_temp(text);
    CU_ASSERT_EQUAL(ps_results_load(&r, path, &msg), PS_USAGE);
    CU_ASSERT_EQUAL(r.n, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, path));
    if (!strstr(msg.text, words))
        fprintf(stderr, "\n  got '%s', wanted '%s'\n", msg.text, words);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, words));
    CU_ASSERT_PTR_NULL(strchr(msg.text, '\n'));
    unlink(path);
    ps_results_free(&r);
}

static void test_bad_files_named_by_line(void)
{
    char text[2048];
    snprintf(text, sizeof text, "%s%s", header, row(1, "0.4", "-O2"));
    strcat(text, row(2, "abc", "-O2")); /* row() reuses one buffer */
    expect_bad(text, ":3: seconds_median: 'abc' is not a number");
    /* A quoted field may hold a line break; the message quoting it stays one line (fuzz-results
     * found this one). */
    snprintf(text, sizeof text, "%s%s", header, row(1, "\"0.\n4\"", "-O2"));
    expect_bad(text, ":2: seconds_median: '0.\\n4' is not a number");
    snprintf(text, sizeof text, "%s%s0.1.0,2026\n", header, row(1, "0.4", "-O2"));
    expect_bad(text, ":3: 2 fields, the header has 29");
    snprintf(text, sizeof text, "%s%s", header, row(1, "0.4", "\"-O2"));
    expect_bad(text, "cut short");
    expect_bad("model,workload\nomp,squares\n", ":1: no column 'variant'");
    expect_bad("", "empty");
    expect_bad("{\"model\":\"omp\"}\n", ":1: 'workload' is missing");
    expect_bad("{\"model\":\"omp\",", ":1: the record is cut short");
    expect_bad("{\"model\": }\n", ":1: not a JSON object");
    ps_results r = {0};
    ps_msg msg;
    CU_ASSERT_EQUAL(ps_results_load(&r, "/nonexistent-parsuite/r.csv", &msg), PS_USAGE);
}

/* Values no parsuite run writes: refused with the file, the line and the field, never plotted or
 * computed with. */
static void test_impossible_values_refused(void)
{
    static const struct {
        const char *workers, *median, *words;
    } bad[] = {{"-2", "0.4", ":2: workers: -2 is not a whole number"},
               {"0", "0.4", ":2: workers: 0 is not a whole number"},
               {"1.5", "0.4", ":2: workers: 1.5 is not a whole number"},
               {"4294967297", "0.4", ":2: workers: 4294967297 is not a whole number"},
               {"1", "-0.4", ":2: seconds_median: -0.40000000000000002 is not a value"},
               {"1", "20", ":2: the times are out of order"}};
    char text[2048];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(text, sizeof text, "%s%s", header, row_of(bad[i].workers, bad[i].median, "-O2"));
        expect_bad(text, bad[i].words);
    }
    snprintf(text, sizeof text, "%s%s", header, row(1, "0.4", "-O2"));
    char *size = strstr(text, ",10,5,1,");
    memcpy(size, ",-1,5,1", 7); /* size 10 -> -1 (the comma after it stays) */
    expect_bad(text, ":2: size: -1 is not a whole number");
    /* Names reach plot scripts and reports: only what parsuite writes is accepted. */
    snprintf(text, sizeof text, "%s%s", header, row(1, "0.4", "-O2"));
    char *workload = strstr(text, "squares");
    memcpy(workload, "sq'res", 6);
    expect_bad(text, ":2: workload: 'sq'ress' is not a name");
    static const char json[] =
        "{\"version\":\"0.1.0\",\"utc\":\"x\",\"model\":\"omp\",\"workload\":\"squares\","
        "\"variant\":%s,\"workers\":1,\"size\":10,\"seconds_min\":0.1,\"seconds_median\":0.1,"
        "\"seconds_max\":0.1,\"seconds_mean\":0.1,\"repetitions\":5,\"warmup\":1,\"verified\":true,"
        "\"result\":\"r\",\"detail\":\"\",\"host\":\"h\","
        "\"nodes\":1,\"cores\":2,\"cpu\":\"c\",\"memory_gb\":1,\"oversubscribed\":false,"
        "\"compiler\":\"gcc\",\"flags\":\"\",\"openmp\":\"\",\"mpi\":\"\",\"job\":\"\"%s}\n";
    snprintf(text, sizeof text, json, "\"\\nsystem('touch Q')\\n#\"", "");
    expect_bad(text, ":1: variant: a control character (0x0a)"); /* a forged line, first */
    snprintf(text, sizeof text, json, "\"'; system('touch Q') #\"", "");
    expect_bad(text, ":1: variant: ''; system('touch Q') #' is not a name");
    snprintf(text, sizeof text, json, "\"static\"", ",\"workers\":2");
    expect_bad(text, ":1: not a JSON object: duplicate object key");
    /* A byte order mark before the first record is not part of it. */
    ps_results r = {0};
    ps_msg msg;
    char bom[2100];
    snprintf(text, sizeof text, json, "\"static\"", "");
    snprintf(bom, sizeof bom, "\xEF\xBB\xBF%s", text);
    const char *path = write_temp(bom);
    CU_ASSERT_EQUAL(ps_results_load(&r, path, &msg), PS_OK);
    snprintf(bom, sizeof bom, "\xEF\xBB\xBF%s%s", header, row(1, "0.4", "-O2"));
    path = write_temp(bom);
    CU_ASSERT_EQUAL(ps_results_load(&r, path, &msg), PS_OK);
    CU_ASSERT_EQUAL(r.n, 2);
    if (r.n == 2)
        CU_ASSERT_STRING_EQUAL(r.row[1].version, "0.1.0");
    unlink(path);
    ps_results_free(&r);
}

/* Records from two hosts never make one curve: host A at 1 and 2 workers, host B at 1 worker
 * (merged, B's 5 s against A's 0.5 s made a speedup of 10, and A's own 1-worker row vanished). */
static void test_setups_are_separate_series(void)
{
    char text[4096], b[512];
    snprintf(text, sizeof text, "%s%s", header, row(1, "1.0", "-O2"));
    strcat(text, row(2, "0.5", "-O2"));
    snprintf(b, sizeof b, "%s", row(1, "5", "-O2"));
    memcpy(strstr(b, ",node1,"), ",node2,", 7);
    strcat(text, b);
    ps_results r = {0};
    ps_msg msg;
    const char *path = write_temp(text);
    CU_ASSERT_EQUAL_FATAL(ps_results_load(&r, path, &msg), PS_OK);
    CU_ASSERT_EQUAL(r.setups, 2);
    char *md = unit_report_markdown(&r);
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 1 | omp on A | 1.000000 | – | – | 1.00 |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 2 | omp on A | 0.500000 | – | – | 2.00 | 1.00 |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 1 | omp on B | 5.000000 | – | – | 1.00 |"));
    CU_ASSERT_PTR_NULL(strstr(md, "| 10.00 |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| A | node1 |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| B | node2 |"));
    free(md);
    unlink(path);
    ps_results_free(&r);
}

/* Files from before hybrid runs have no ranks and threads: derived from the model. A new file's
 * shape must multiply to its workers. */
static void test_ranks_and_threads(void)
{
    char text[4096], b[512];
    snprintf(text, sizeof text, "%s%s", header, row(4, "1.0", "-O2"));
    snprintf(b, sizeof b, "%s", row(4, "1.0", "-O2"));
    memcpy(strstr(b, ",omp,"), ",mpi,", 5);
    strcat(text, b);
    ps_results r = {0};
    ps_msg msg;
    const char *path = write_temp(text);
    CU_ASSERT_EQUAL_FATAL(ps_results_load(&r, path, &msg), PS_OK);
    CU_ASSERT_EQUAL_FATAL(r.n, 2);
    CU_ASSERT_DOUBLE_EQUAL(r.row[0].ranks, 1, 0);
    CU_ASSERT_DOUBLE_EQUAL(r.row[0].threads, 4, 0);
    CU_ASSERT_DOUBLE_EQUAL(r.row[1].ranks, 4, 0);
    CU_ASSERT_DOUBLE_EQUAL(r.row[1].threads, 1, 0);
    ps_results_free(&r);
    const char *shaped =
        "{\"version\":\"0.1.0\",\"utc\":\"2026-11-24T21:00:00Z\",\"model\":\"mpi\","
        "\"workload\":\"squares\",\"variant\":\"block\",\"workers\":4,\"ranks\":2,"
        "\"threads\":%d,\"size\":10,\"repetitions\":5,\"warmup\":1,"
        "\"seconds_min\":0.1,\"seconds_median\":0.2,\"seconds_mean\":0.2,"
        "\"seconds_max\":0.3,\"verified\":true,\"result\":\"r\",\"detail\":\"\","
        "\"host\":\"h\",\"nodes\":1,\"cores\":2,\"cpu\":\"c\",\"memory_gb\":1,"
        "\"oversubscribed\":true,\"compiler\":\"g\",\"flags\":\"f\","
        "\"openmp\":\"\",\"mpi\":\"m\",\"job\":\"\"}\n";
    snprintf(text, sizeof text, shaped, 2);
    path = write_temp(text);
    CU_ASSERT_EQUAL_FATAL(ps_results_load(&r, path, &msg), PS_OK);
    CU_ASSERT_DOUBLE_EQUAL(r.row[0].threads, 2, 0);
    ps_results_free(&r);
    snprintf(text, sizeof text, shaped, 3);
    path = write_temp(text);
    CU_ASSERT_EQUAL(ps_results_load(&r, path, &msg), PS_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, ":1: 2 ranks x 3 threads are not 4 workers"));
    unlink(path);
    ps_results_free(&r);
}

/* A JSON record of share pipe with one more column: its name and value. */
static const char point[] =
    "{\"version\":\"0.1.0\",\"utc\":\"2026-11-24T21:00:00Z\",\"model\":\"mpi\","
    "\"workload\":\"share\",\"variant\":\"pipe\",\"workers\":2,\"size\":10,"
    "\"repetitions\":2,\"warmup\":1,\"seconds_min\":0.1,\"seconds_median\":0.2,"
    "\"seconds_mean\":0.2,\"seconds_max\":0.3,\"verified\":true,\"result\":\"r\","
    "\"detail\":\"\",\"host\":\"h\",\"nodes\":1,\"cores\":2,\"cpu\":\"c\","
    "\"memory_gb\":1,\"oversubscribed\":false,\"compiler\":\"g\",\"flags\":\"f\","
    "\"openmp\":\"\",\"mpi\":\"m\",\"job\":\"\",\"%s\":%s}\n";

/* The records of a series (message_bytes set) are passed over, their point's own read once; a
 * size that is not a whole number of bytes is refused. */
static void test_series_passed_over(void)
{
    char text[4096], line[1024];
    const char *sizes[] = {"null", "0", "1048576"};
    text[0] = '\0';
    for (size_t i = 0; i < 3; i++) {
        snprintf(line, sizeof line, point, "message_bytes", sizes[i]);
        strcat(text, line);
    }
    ps_results r = {0};
    ps_msg msg;
    CU_ASSERT_EQUAL_FATAL(ps_results_load(&r, write_temp(text), &msg), PS_OK);
    CU_ASSERT_EQUAL(r.n, 1);
    ps_results_free(&r);
    snprintf(text, sizeof text, point, "message_bytes", "1.5");
    CU_ASSERT_EQUAL(ps_results_load(&r, write_temp(text), &msg), PS_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, ":1: message_bytes: '1.5' is not a whole number"));
    ps_results_free(&r);
    char csv[4096], head[1024];
    snprintf(head, sizeof head, "%.*s,message_bytes\n", (int)strlen(header) - 1, header);
    const char *one = row(2, "1.0", "-O2");
    snprintf(csv, sizeof csv, "%s%.*s,\n%.*s,8\n", head, (int)strlen(one) - 1, one,
             (int)strlen(one) - 1, one);
    const char *path = write_temp(csv);
    CU_ASSERT_EQUAL_FATAL(ps_results_load(&r, path, &msg), PS_OK);
    CU_ASSERT_EQUAL(r.n, 1);
    unlink(path);
    ps_results_free(&r);
}

/* footprint's MiB a worker: a number from 0 up, or not measured (null: -1); anything else is
 * refused, naming it. */
static void test_worker_mib(void)
{
    char text[4096];
    ps_results r = {0};
    ps_msg msg;
    snprintf(text, sizeof text, point, "worker_mib", "1.25");
    CU_ASSERT_EQUAL_FATAL(ps_results_load(&r, write_temp(text), &msg), PS_OK);
    CU_ASSERT_DOUBLE_EQUAL(r.row[0].worker_mib, 1.25, 1e-12);
    ps_results_free(&r);
    snprintf(text, sizeof text, point, "worker_mib", "null");
    CU_ASSERT_EQUAL_FATAL(ps_results_load(&r, write_temp(text), &msg), PS_OK);
    CU_ASSERT_EQUAL(r.row[0].worker_mib, -1);
    ps_results_free(&r);
    snprintf(text, sizeof text, point, "worker_mib", "-0.5");
    CU_ASSERT_EQUAL(ps_results_load(&r, write_temp(text), &msg), PS_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, ":1: worker_mib: '-0.5' is not a number from 0"));
    ps_results_free(&r);
    snprintf(text, sizeof text, point, "worker_mib", "\"1\"");
    CU_ASSERT_EQUAL(ps_results_load(&r, write_temp(text), &msg), PS_USAGE);
    ps_results_free(&r);
}

/* The summary's medians carry their unit, as the programs' tables do: 10 ms, not 0.010000. */
static void test_summary_units(void)
{
    char text[2048];
    snprintf(text, sizeof text, "%s%s", header, row(1, "0.01", "-O2"));
    ps_results r = {0};
    ps_msg msg;
    const char *path = write_temp(text);
    CU_ASSERT_EQUAL_FATAL(ps_results_load(&r, path, &msg), PS_OK);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    CU_ASSERT_EQUAL(ps_report_summary(f, &r, 0, &msg), PS_OK);
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, " median "));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, " 10ms "));
    CU_ASSERT_PTR_NULL(strstr(out, "0.010000"));
    free(out);
    unlink(path);
    ps_results_free(&r);
}

static char *plot_script(const char *text);

/* The plot script over rows of Q1's tasks (waiting: iobound sleep; computing: cpubound) in the
 * given models at 1, 2 and 4 workers, each from host; the caller frees it. */
static char *q1_script(int models, const char *host)
{
    static const char *const model[] = {"omp", "mpi"}, *const task[][2] = {{"iobound", "sleep"},
                                                                           {"cpubound", "compute"}};
    char text[8192];
    strcpy(text, header);
    for (int m = 0; m < models; m++)
        for (int k = 0; k < 2; k++)
            for (int w = 1; w <= 4; w *= 2)
                snprintf(text + strlen(text), sizeof text - strlen(text),
                         "0.1.0,2026-11-24T21:00:00Z,%s,%s,%s,%d,16,5,1,0.01,%g,0.5,9,0,20,yes,"
                         "done,,%s,1,2,AMD EPYC,25.2,no,gcc 12.2.0,-O2,4.5 (201511),,\n",
                         model[m], task[k][0], task[k][1], w, k || w > 2 ? 0.2 : 0.4 / w, host);
    return plot_script(text);
}

/* The plot script over the records in text (CSV); the caller frees it. */
static char *plot_script(const char *text)
{
    ps_results r = {0};
    ps_msg msg;
    CU_ASSERT_EQUAL_FATAL(ps_results_load(&r, write_temp(text), &msg), PS_OK);
    char *script = NULL;
    size_t len = 0;
    FILE *gp = open_memstream(&script, &len);
    ps_report_plot_script(gp, &r);
    fclose(gp);
    ps_results_free(&r);
    return script;
}

static size_t count(const char *text, const char *what)
{
    size_t n = 0;
    for (const char *at = text; (at = strstr(at, what)) != NULL; at++)
        n++;
    return n;
}

/* The per-workload figures: time with its 95% interval as error bars and the noisy points ringed
 * (omp squares static: 1 worker steady, 2 spread), in panels of 6 lines at most sharing one y axis
 * (omp's 7 ways split 4 and 3, mpi's one alone); a workload whose sizes were chosen per point
 * (share) drawn as a time per item, a panel per model, and no lines of one size. */
static void add_point(char *text, size_t len, const char *model, const char *workload,
                      const char *variant, int workers, int size, double min, double median,
                      double max, const char *samples)
{
    snprintf(text + strlen(text), len - strlen(text),
             "0.1.0,2026-11-24T21:00:00Z,%s,%s,%s,%d,%d,6,1,%g,%g,%g,%g,0,20,yes,done,,node1,1,2,"
             "AMD EPYC,25.2,no,gcc 12.2.0,-O2,4.5 (201511),,,%s\n",
             model, workload, variant, workers, size, min, median, median, max, samples);
}

static size_t plotted(const char *line, const char *using) /* the lines of one plot command */
{
    size_t n = 0;
    const char *end = strchr(line, '\n');
    for (const char *c = line; (c = strstr(c, using)) != NULL && c < end; c++)
        n++;
    return n;
}

static void test_workload_figures(void)
{
    static const char *const share[] = {"atomic", "lock",      "critical",  "barrier",
                                        "queue",  "reduction", "condition", "unsafe"};
    static const char *const squares[] = {"dynamic", "guided", "taskloop",
                                          "chunk",   "block",  "pool"};
    static char text[32768];
    snprintf(text, sizeof text, "%.*s,samples\n", (int)strlen(header) - 1, header);
    add_point(text, sizeof text, "omp", "squares", "static", 1, 1000, 0.4, 0.4, 0.4,
              "0.4 0.4 0.4 0.4 0.4 0.4");
    add_point(text, sizeof text, "omp", "squares", "static", 2, 1000, 0.1, 0.2, 0.3,
              "0.1 0.15 0.2 0.2 0.25 0.3");
    for (int k = 0; k < 6; k++)
        for (int w = 1; w <= 2; w++)
            add_point(text, sizeof text, "omp", "squares", squares[k], w, 1000, 0.3 / w, 0.3 / w,
                      0.3 / w, "");
    add_point(text, sizeof text, "mpi", "squares", "block", 1, 1000, 0.5, 0.5, 0.5, "");
    add_point(text, sizeof text, "mpi", "squares", "block", 2, 1000, 0.3, 0.3, 0.3, "");
    for (int k = 0; k < 8; k++)
        for (int w = 1; w <= 2; w++) {
            double t = 1e-4 * w;
            char samples[128];
            snprintf(samples, sizeof samples, "%g %g %g %g %g %g", t, t, t, t, t, t);
            add_point(text, sizeof text, "omp", "share", share[k], w, 100 + 200 * (w - 1), t, t, t,
                      samples); /* sizes not in proportion to workers: not weak scaling */
        }
    char *script = plot_script(text);
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "1 0.4 1 0.4 0.4 nan nan\n2 0.2 2 0.1 0.3 0.2 2\nEOD"));
    CU_ASSERT_EQUAL(count(script, "set multiplot layout 2,2 title 'squares: "), 2);
    CU_ASSERT_EQUAL(count(script, "title 'noisy: interval over 10 percent of the median'"), 2);
    /* the ring over each line of the panel that has a noisy point (omp's second: pool, static,
     * taskloop), in time and in speedup */
    CU_ASSERT_EQUAL(count(script, "using 1:6 with points"), 3);
    CU_ASSERT_EQUAL(count(script, "using 1:7 with points"), 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "set yrange [0.08:0.625]\n")); /* the time's, shared */
    size_t panels = 0;
    for (const char *at = script; (at = strstr(at, "\nplot ")) != NULL; at++) {
        size_t lines = plotted(at + 1, "with yerrorlines") + plotted(at + 1, "using 1:3 with");
        CU_ASSERT_TRUE(lines <= 6);
        panels += lines > 0;
    }
    CU_ASSERT_EQUAL(panels, 8); /* squares: 3 panels a figure; share: 2 */
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "set key outside right top"));
    CU_ASSERT_PTR_NULL(strstr(script, "share-time.png"));
    CU_ASSERT_PTR_NULL(strstr(script, "share-speedup.png"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "set output 'share-cost.png'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "set multiplot layout 1,2 title 'share: "));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(script, "$c0 << EOD\n1 1000 1000 1000\n2 666.666667 666.666667 666.666667\nEOD"));
    CU_ASSERT_EQUAL(count(script, "set title 'omp'\nplot $c"), 2);
    for (const char *at = script; (at = strstr(at, "set title 'omp'\nplot $c")) != NULL; at++)
        CU_ASSERT_EQUAL(plotted(at + 16, "$c"), 4); /* 8 ways split evenly: 4 and 4 */
    free(script);
}

/* Q1's figure: a line per model and kind of task against the ideal, the cores marked, and a
 * caption with the host and date only when they look like parsuite's. */
static void test_q1_figure(void)
{
    char *both = q1_script(2, "node1"), *omp = q1_script(1, "node1"), *odd = q1_script(2, "no'de");
    CU_ASSERT_PTR_NOT_NULL(strstr(both, "set output 'q1-speedup.png'"));
    CU_ASSERT_EQUAL(count(both, "$q") - count(both, "$q0 <<") - count(both, "$q1 <<") -
                        count(both, "$q2 <<") - count(both, "$q3 <<"),
                    4);                                                     /* four lines plotted */
    CU_ASSERT_PTR_NOT_NULL(strstr(both, "$q3 << EOD\n1 1\n2 1\n4 1\nEOD")); /* mpi computing */
    CU_ASSERT_PTR_NOT_NULL(strstr(both, "title 'processes (mpi), computing tasks'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(both, "set arrow 1 from 2, graph 0 to 2, graph 1 nohead"));
    CU_ASSERT_PTR_NOT_NULL(strstr(both, "set label 2 'node1, 2026-11-24' at screen"));
    CU_ASSERT_EQUAL(count(omp, "$q") - count(omp, "$q0 <<") - count(omp, "$q1 <<"), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(odd, "set label 2 '2026-11-24' at screen"));
    CU_ASSERT_PTR_NULL(strstr(odd, "no'de"));
    free(both);
    free(omp);
    free(odd);
}

/* Q4's figure: items per second, a line per way of passing them that the records hold. */
static void test_q4_figure(void)
{
    static const char *const way[][2] = {
        {"omp", "critical"}, {"omp", "lock"}, {"omp", "ring"}, {"mpi", "send"}, {"mpi", "manager"}};
    char text[8192];
    strcpy(text, header);
    for (int k = 0; k < 5; k++)
        for (int w = 1; w <= 2; w++)
            snprintf(text + strlen(text), sizeof text - strlen(text),
                     "0.1.0,2026-11-24T21:00:00Z,%s,prodcons,%s,%d,1000,5,1,0.01,0.5,0.5,9,0,20,"
                     "yes,done,,node1,1,2,AMD EPYC,25.2,no,gcc 12.2.0,-O2,4.5 (201511),,\n",
                     way[k][0], way[k][1], w);
    char *script = plot_script(text);
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "set output 'q4-items.png'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q4 << EOD\n1 2000\n2 2000\nEOD"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "title 'processes (mpi) manager'"));
    CU_ASSERT_PTR_NULL(strstr(script, "$q5 <<"));
    CU_ASSERT_PTR_NULL(strstr(script, "q1-speedup")); /* no tasks of Q1's: no figure */
    free(script);
}

/* Q1's switches: microseconds a hand-off against workers, a line per way the token is handed;
 * nothing of Q1's tasks, so no speedup figure. */
static void test_q1_switches_figure(void)
{
    char text[4096];
    strcpy(text, header);
    for (int w = 1; w <= 2; w++)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "0.1.0,2026-11-24T21:00:00Z,omp,switches,process,%d,1000,5,1,0.001,0.002,0.002,"
                 "0.003,0,20,yes,done,,node1,1,2,AMD EPYC,25.2,no,gcc 12.2.0,-O2,4.5 (201511),,\n",
                 w);
    char *script = plot_script(text);
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "set output 'q1-switches.png'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q0 << EOD\n1 2\n2 2\nEOD"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "title 'forked processes (omp), pipes'"));
    CU_ASSERT_PTR_NULL(strstr(script, "$q1 <<")); /* one way measured: one line */
    CU_ASSERT_PTR_NULL(strstr(script, "q1-speedup"));
    free(script);
}

/* Q2's create: a line per way in its figure, and the claim: each created worker's time a task
 * against the pool's, and the task length that hides it. */
static void test_q2_create(void)
{
    char text[4096];
    strcpy(text, header);
    for (int w = 1; w <= 2; w++)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "0.1.0,2026-11-24T21:00:00Z,omp,create,pool,%d,1000,5,1,0.001,0.002,0.002,"
                 "0.003,0,20,yes,done,,node1,1,2,AMD EPYC,25.2,no,gcc 12.2.0,-O2,4.5 (201511),,\n"
                 "0.1.0,2026-11-24T21:00:00Z,omp,create,fork,%d,1000,5,1,0.1,0.2,0.2,"
                 "0.3,0,20,yes,done,,node1,1,2,AMD EPYC,25.2,no,gcc 12.2.0,-O2,4.5 (201511),,\n",
                 w, w);
    char *script = plot_script(text);
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "set output 'q2-create.png'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q0 << EOD\n1 2\n2 2\nEOD"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q1 << EOD\n1 200\n2 200\nEOD"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "title 'omp: a process a task'"));
    free(script);
    ps_results r = {0};
    ps_msg msg;
    const char *path = write_temp(text);
    CU_ASSERT_EQUAL_FATAL(ps_results_load(&r, path, &msg), PS_OK);
    char *md = unit_report_markdown(&r);
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "At 2 workers: omp fork: 200 us a task against the pool's 2 "
                                      "us, so a task of 1980 us or more pays under 10% for it"));
    free(md);
    unlink(path);
    ps_results_free(&r);
}

/* Q2's footprint: a line per kind of worker in MiB, and the claim in KiB, beyond the working set.
 */
static void test_q2_memory(void)
{
    char text[4096];
    snprintf(text, sizeof text, "%.*s,worker_mib\n", (int)strlen(header) - 1, header);
    for (int w = 1; w <= 2; w++)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "0.1.0,2026-11-24T21:00:00Z,omp,footprint,thread,%d,1024,5,1,0.001,0.002,0.002,"
                 "0.003,0,20,yes,done,,node1,1,2,AMD EPYC,25.2,no,gcc 12.2.0,-O2,4.5 (201511),,"
                 ",1.0078125\n"
                 "0.1.0,2026-11-24T21:00:00Z,mpi,footprint,rank,%d,1024,5,1,0.1,0.2,0.2,"
                 "0.3,0,20,yes,done,,node1,1,2,AMD EPYC,25.2,no,gcc 12.2.0,-O2,,Open MPI,,%s\n",
                 w, w, w == 1 ? "9" : "7.5");
    char *script = plot_script(text);
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "set output 'q2-memory.png'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q0 << EOD\n1 1.0078125\n2 1.0078125\nEOD"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q1 << EOD\n1 9\n2 7.5\nEOD"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "title 'mpi: a rank'"));
    free(script);
    ps_results r = {0};
    ps_msg msg;
    const char *path = write_temp(text);
    CU_ASSERT_EQUAL_FATAL(ps_results_load(&r, path, &msg), PS_OK);
    char *md = unit_report_markdown(&r);
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "the proportional set size (PSS) one more added: "));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "omp thread: 1032 KiB"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "mpi rank: 7680 KiB"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "Beyond its working set of 1024 KiB, a thread added 8 KiB "
                                      "and a rank 6656 KiB"));
    free(md);
    unlink(path);
    ps_results_free(&r);
}

/* Q5's figures: a figure per model, time per operation, a line per way to share. */
static void test_q5_figures(void)
{
    char text[4096];
    strcpy(text, header);
    for (int w = 1; w <= 2; w++)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "0.1.0,2026-11-24T21:00:00Z,omp,share,atomic,%d,1000,5,1,0.00001,0.00002,0.00002,"
                 "0.00003,0,20,"
                 "yes,done,,node1,1,2,AMD EPYC,25.2,no,gcc 12.2.0,-O2,4.5 (201511),,\n"
                 "0.1.0,2026-11-24T21:00:00Z,omp,share,unsafe,%d,1000,5,1,0.00001,0.00002,0.00002,"
                 "0.00003,0,20,"
                 "yes,done,,node1,1,2,AMD EPYC,25.2,no,gcc 12.2.0,-O2,4.5 (201511),,\n",
                 w, w);
    char *script = plot_script(text);
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q0 << EOD\n1 20\n2 20\nEOD")); /* 20 ns per op */
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "set output 'q5-threads.png'"));
    CU_ASSERT_PTR_NULL(strstr(script, "$q1 <<")); /* the unsafe one is no way to share */
    CU_ASSERT_PTR_NULL(strstr(script, "q5-processes"));
    free(script);
}

/* A record of the unit tests' kind: model, workload, variant, workers, size, median seconds and
 * detail as given (a CSV field: quoted). */
static void add_row(char *text, size_t cap, const char *model, const char *workload,
                    const char *variant, int workers, int size, double median, const char *detail)
{
    snprintf(text + strlen(text), cap - strlen(text),
             "0.1.0,2026-11-24T21:00:00Z,%s,%s,%s,%d,%d,5,1,%g,%g,%g,%g,0,20,yes,done,\"%s\","
             "node1,1,2,AMD EPYC,25.2,no,gcc 12.2.0,-O2,4.5 (201511),,\n",
             model, workload, variant, workers, size, median, median, median, median, detail);
}

/* Q3's placement map: the CPUs hello's detail names, threads a little below the ranks; a detail
 * that is not parsuite's adds nothing to the script. */
static void test_q3_figure(void)
{
    char text[4096];
    strcpy(text, header);
    add_row(text, sizeof text, "omp", "hello", "threads", 2, 0, 0.001,
            "1 process on 1 host; on CPUs 1 0");
    add_row(text, sizeof text, "omp", "hello", "threads", 4, 0, 0.001,
            "1 process on 1 host; on CPUs 0 ? 1 1");
    add_row(text, sizeof text, "mpi", "hello", "ranks", 2, 0, 0.001,
            "2 processes on 1 host; on CPUs 0 1");
    add_row(text, sizeof text, "mpi", "hello", "ranks", 4, 0, 0.001, "on CPUs 0 1'; system('x') 1");
    char *script = plot_script(text);
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "set output 'q3-placement.png'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q0 << EOD\n0 0.85\n1 -0.15\nEOD"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q1 << EOD\n0 -0.05\n2 0.95\n3 0.95\nEOD")); /* ? left */
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q2 << EOD\n0 0.05\n1 1.05\nEOD"));
    CU_ASSERT_PTR_NULL(strstr(script, "$q3 <<")); /* not parsuite's detail: no series */
    CU_ASSERT_PTR_NULL(strstr(script, "system"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "title 'ranks (mpi), 2 workers'"));
    free(script);
}

/* Q6: a bar per model, way and worker count, stacked done, failed, never ran. */
static void test_q6_figure(void)
{
    char text[4096];
    strcpy(text, header);
    add_row(text, sizeof text, "omp", "errors", "collect", 2, 16, 0.01,
            "done 14; failed 2; never ran 0");
    add_row(text, sizeof text, "omp", "errors", "cancel", 2, 16, 0.01,
            "done 7; failed 1; never ran 8; cancelled by a stop flag (OMP_CANCELLATION is off)");
    add_row(text, sizeof text, "mpi", "errors", "cancel", 2, 16, 0.01, "done 5; failed 1");
    char *script = plot_script(text);
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q0 << EOD\n\"threads collect, 2\" 14 2 0\n"
                                          "\"threads cancel, 2\" 7 1 8\nEOD"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "set output 'q6-errors.png'"));
    free(script);
}

/* Q7: for each tenth of n, the mean place it completed at; the diagonal is in order. */
static void test_q7_figure(void)
{
    char text[4096];
    strcpy(text, header);
    add_row(
        text, sizeof text, "omp", "factorials", "static", 2, 100, 0.01,
        "imbalance 1.62; completion by tenth of n: 5 16 29 43 58 32 62 75 85 95 (% of the way)");
    add_row(text, sizeof text, "python-threads", "factorials", "as-completed", 2, 100, 0.01,
            "completion by tenth of n: 5 15 25 35 45 55 65 75 85 101 (% of the way)");
    char *script = plot_script(text);
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "set output 'q7-order.png'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q0 << EOD\n5 5\n15 16\n25 29\n35 43\n45 58\n55 32\n"));
    CU_ASSERT_PTR_NULL(strstr(script, "$q1 <<")); /* 101 percent: not parsuite's */
    free(script);
}

/* Q2 and Q8: GB/s of 8-byte results, C's and Python's pools, against fill's ceiling. */
static void test_q8_figure(void)
{
    char text[4096];
    strcpy(text, header);
    add_row(text, sizeof text, "omp", "squares", "static", 2, 1000000, 0.001, "");
    add_row(text, sizeof text, "python-processes", "squares", "map", 2, 1000000, 0.5, "");
    add_row(text, sizeof text, "omp", "fill", "memset", 2, 1000000, 0.0005, "");
    char *script = plot_script(text);
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "set output 'q8-squares.png'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q0 << EOD\n2 8\nEOD"));     /* 8 MB in 1 ms */
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q1 << EOD\n2 0.016\nEOD")); /* Python's */
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "$q2 << EOD\n2 16\nEOD"));    /* the ceiling */
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "title 'Python processes, Pool.map'"));
    free(script);
}

void suite_report(void)
{
    static const CU_TestInfo tests[] = {
        {"speedup, efficiency, Karp-Flatt", test_formulas},
        {"reads CSV with quoted fields; writes the tables", test_reads_csv_and_writes_tables},
        {"bad and cut-short files are named by line", test_bad_files_named_by_line},
        {"impossible values, foreign names, duplicate keys; a BOM", test_impossible_values_refused},
        {"two hosts are two series, never one curve", test_setups_are_separate_series},
        {"ranks and threads: derived in old files, checked in new", test_ranks_and_threads},
        {"series: a point's records per message size passed over", test_series_passed_over},
        {"worker_mib: MiB from 0 up, or not measured; nothing else", test_worker_mib},
        {"summary: medians in the unit that suits them", test_summary_units},
        {"the workload figures: error bars, noisy points, costs in panels", test_workload_figures},
        {"Q1's figure: four lines, the cores, a checked caption", test_q1_figure},
        {"Q1's switches figure: microseconds a hand-off, a line per way", test_q1_switches_figure},
        {"Q4's figure: a line per way of passing items", test_q4_figure},
        {"Q2's create: the figure's lines, and what creating costs", test_q2_create},
        {"Q2's footprint: MiB a worker, a line per kind, the claim", test_q2_memory},
        {"Q5's figures: a model each, a line per way to share", test_q5_figures},
        {"Q3's placement map from hello's detail, checked", test_q3_figure},
        {"Q6's bars: done, failed, never ran", test_q6_figure},
        {"Q7's completion order by tenths, checked", test_q7_figure},
        {"Q2 and Q8: GB/s against fill's ceiling", test_q8_figure},
        CU_TEST_INFO_NULL,
    };
    unit_add("report", tests);
}
