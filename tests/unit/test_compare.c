/* SPDX-License-Identifier: BSD-3-Clause */
/* Records with their samples and provenance, round trip through both formats; refused when the
 * samples are garbled; the report's trust column; the comparison of two sets on fixed samples. */
#include "ps_compare.h"
#include "ps_record.h"
#include "ps_report.h"
#include "unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const ps_env env = {
    .host = "node1",
    .nodes = 1,
    .cores = 2,
    .cpu = "AMD EPYC",
    .memory_gb = 25.3,
    .compiler = "gcc 12.2.0",
    .flags = "-O2",
    .openmp = "4.5 (201511)",
    .version = "0.1.0",
    .omp_proc_bind = "close",
    .omp_places = "cores",
    .openmp_runtime = "/usr/lib/libgomp.so.1.0.0",
    .commit = "0123456789ab",
    .build_type = "Release",
    .governor = "performance",
    .tick = 2e-8,
};

/* A record of omp workload/variant at size and threads, with these samples (its statistics are
 * computed from them, as ps_bench does). */
/* What share writes when the loop without the construct took longer than the loop with it. */
static const char unresolved[] = "below this measurement's resolution: 15.63 ns per op with the "
                                 "construct, 17.10 ns without it (the reference); 1.28e+08 ops/s";

static void record(ps_buf *b, bool json, const char *workload, const char *variant, unsigned size,
                   unsigned threads, const double *samples, size_t n)
{
    double *sorted = malloc(n * sizeof *sorted);
    memcpy(sorted, samples, n * sizeof *sorted);
    ps_record r = {
        .model = "omp",
        .workload = workload,
        .variant = variant,
        .workers = threads,
        .ranks = 1,
        .threads = threads,
        .size = size,
        .repetitions = n,
        .warmup = 1,
        .samples = (double *)samples,
        .nsamples = n,
        .verified = true,
        .binding = "bound",
        .bound_cores = threads,
        .utc = "2026-11-27T10:00:00Z",
        .env = &env,
    };
    if (!strcmp(workload, "share"))
        snprintf(r.detail, sizeof r.detail, "%s", unresolved);
    ps_stats_of(sorted, n, &r.seconds);
    free(sorted);
    if (json)
        ps_record_json(&r, b);
    else
        ps_record_csv(&r, b);
}

static void test_round_trip(void)
{
    const double x[] = {0.25, 0.125, 0.5, 0.0625, 1e-7};
    for (int json = 0; json <= 1; json++) {
        ps_buf b = {0};
        if (!json)
            ps_record_csv_header(&b);
        record(&b, json, "squares", "static", 10, 2, x, 5);
        ps_results r = {0};
        ps_msg msg;
        CU_ASSERT_EQUAL_FATAL(ps_results_load(&r, unit_temp_write(b.data, b.len), &msg), PS_OK);
        CU_ASSERT_EQUAL_FATAL(r.n, 1);
        CU_ASSERT_EQUAL_FATAL(r.row[0].nsamples, 5);
        for (size_t i = 0; i < 5; i++) /* in the order they ran */
            CU_ASSERT_DOUBLE_EQUAL(r.row[0].samples[i], x[i], 0);
        CU_ASSERT_STRING_EQUAL(r.row[0].omp_proc_bind, "close");
        CU_ASSERT_STRING_EQUAL(r.row[0].omp_places, "cores");
        CU_ASSERT_STRING_EQUAL(r.row[0].openmp_runtime, "/usr/lib/libgomp.so.1.0.0");
        CU_ASSERT_STRING_EQUAL(r.row[0].commit, "0123456789ab");
        CU_ASSERT_STRING_EQUAL(r.row[0].build_type, "Release");
        CU_ASSERT_STRING_EQUAL(r.row[0].governor, "performance");
        CU_ASSERT_STRING_EQUAL(r.row[0].binding, "bound");
        CU_ASSERT_DOUBLE_EQUAL(r.row[0].bound_cores, 2, 0);
        CU_ASSERT_DOUBLE_EQUAL(r.row[0].timer_tick, 2e-8, 0);
        ps_results_free(&r);
        ps_buf_free(&b);
    }
}

/* Each line of a CSV record stays one line: the samples are one field of spaced numbers. */
static void test_csv_record_is_one_line(void)
{
    const double x[] = {0.25, 0.125, 0.5};
    ps_buf b = {0};
    record(&b, false, "squares", "static", 10, 2, x, 3);
    CU_ASSERT_EQUAL(memchr(b.data, '\n', b.len), b.data + b.len - 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, ",0.25 0.125 0.5,"));
    ps_buf_free(&b);
}

/* Loads text and expects a refusal whose message holds want. */
static void refused(const char *text, const char *want)
{
    ps_results r = {0};
    ps_msg msg = {{0}};
    CU_ASSERT_EQUAL(ps_results_load(&r, unit_temp_write(text, strlen(text)), &msg), PS_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, want));
    if (!strstr(msg.text, want))
        fprintf(stderr, "\n  got: %s for %s\n", msg.text, want);
    CU_ASSERT_EQUAL(r.n, 0);
    ps_results_free(&r);
}

/* A record with its samples replaced by garbled, in either format. */
static void garble(bool json, const char *garbled, const char *want)
{
    const double x[] = {0.25, 0.125, 0.5};
    ps_buf b = {0};
    if (!json)
        ps_record_csv_header(&b);
    record(&b, json, "squares", "static", 10, 2, x, 3);
    const char *from = json ? "[0.25,0.125,0.5]" : "0.25 0.125 0.5";
    char *at = strstr(b.data, from), text[4096];
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - b.data), b.data, garbled, at + strlen(from));
    refused(text, want);
    ps_buf_free(&b);
}

static void test_garbled_samples_refused(void)
{
    garble(false, "0.25 x 0.5", "samples: 'x 0.5' is not seconds separated by spaces");
    garble(false, "0.25  0.125 0.5", "is not seconds separated by spaces");
    garble(false, "0.25 -1 0.5", "samples: -1 is not a time in seconds");
    garble(false, "0.25 0.125 0.75", "the samples do not give the record's minimum, median");
    garble(false, "0.25 0.125 0.5 0.3", "4 samples, more than the 3 repetitions");
    garble(true, "[0.25,\"0.125\",0.5]", "samples: element 2 is not a number");
    garble(true, "\"0.25 0.125 0.5\"", "'samples' is missing or of the wrong type");
    garble(true, "[0.25,0.125,1e999]", "not a JSON object");
    garble(true, "[0.25,0.2,0.5]", "the samples do not give the record's minimum, median");
}

/* The report's interval and trust: a narrow point, a noisy one, one under 20 timer ticks, a cost
 * whose reference loop took longer than the construct's. */
static void test_report_trust(void)
{
    double steady[10], spread[10], tiny[10];
    for (int i = 0; i < 10; i++) {
        steady[i] = 1 + 0.001 * i;
        spread[i] = 1 + 0.1 * i;
        tiny[i] = 1e-7 + 1e-9 * i;
    }
    ps_buf b = {0};
    record(&b, true, "squares", "static", 10, 1, steady, 10);
    record(&b, true, "fill", "static", 10, 1, spread, 10);
    record(&b, true, "hello", "threads", 1, 1, tiny, 10);
    record(&b, true, "share", "atomic", 64, 2, steady, 10);
    ps_results r = {0};
    ps_msg msg;
    CU_ASSERT_EQUAL_FATAL(ps_results_load(&r, unit_temp_write(b.data, b.len), &msg), PS_OK);
    char *md = unit_report_markdown(&r);
    /* 10 samples: [x(2), x(9)] */
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 1 | omp | 1.004500 | 1.001–1.008 | – | 1.00 |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 1.1–1.8 | **noisy**: interval 48% of the "
                                      "median (the repetitions spread: a shared or busy machine)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "under 20 timer ticks (2e-08 s)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 1.001–1.008 | **reference larger than the result**: the "
                                      "construct's cost is not resolved |"));
    free(md);
    ps_results_free(&r);
    ps_buf_free(&b);
}

/* The records written to b and c, loaded as two sets. */
static void load_sets(const ps_buf *b, const ps_buf *c, ps_results *base, ps_results *cand)
{
    ps_msg msg;
    *base = (ps_results){0}, *cand = (ps_results){0};
    CU_ASSERT_EQUAL(ps_results_load(base, unit_temp_write(b->data, b->len), &msg), PS_OK);
    CU_ASSERT_EQUAL(ps_results_load(cand, unit_temp_write(c->data, c->len), &msg), PS_OK);
}

/* Two sets from fixed samples: the same point unchanged, a point 30% slower, one 30% faster, one
 * with 3 samples a side, one measured at another size, one in the baseline only. */
static void sets(ps_results *base, ps_results *cand)
{
    double a[12], same[12], slow[12], fast[12];
    for (int i = 0; i < 12; i++) {
        a[i] = 1 + 0.01 * ((i * 7) % 12); /* 1.00 .. 1.11, shuffled */
        same[i] = 1 + 0.01 * ((i * 5) % 12) + 0.001;
        slow[i] = 1.3 * a[i];
        fast[i] = 0.7 * a[i];
    }
    ps_buf b = {0}, c = {0};
    record(&b, true, "squares", "static", 10, 2, a, 12);
    record(&c, true, "squares", "static", 10, 2, same, 12);
    record(&b, true, "fill", "static", 10, 2, a, 12);
    record(&c, true, "fill", "static", 10, 2, slow, 12);
    record(&b, true, "fill", "static", 10, 1, a, 12);
    record(&c, true, "fill", "static", 10, 1, fast, 12);
    record(&b, true, "hello", "threads", 2, 2, a, 3);
    record(&c, true, "hello", "threads", 2, 2, slow, 3);
    record(&b, true, "share", "atomic", 65536, 2, a, 12);
    record(&c, true, "share", "atomic", 131072, 2, a, 12);
    record(&b, true, "squares", "static", 10, 4, a, 12);
    load_sets(&b, &c, base, cand);
    ps_buf_free(&b), ps_buf_free(&c);
}

static const ps_pair *pair_of(const ps_comparison *c, const char *workload, double threads)
{
    for (size_t i = 0; i < c->npairs; i++)
        if (!strcmp(c->pair[i].base.row->workload, workload) &&
            c->pair[i].base.row->threads == threads)
            return &c->pair[i];
    return NULL;
}

static void test_compare_verdicts(void)
{
    ps_results base, cand;
    sets(&base, &cand);
    ps_comparison c;
    ps_msg msg;
    ps_compare_options opt = {.alpha = 0.05, .threshold = 0.05};
    CU_ASSERT_EQUAL_FATAL(ps_compare(&base, &cand, &opt, &c, &msg), PS_OK);
    CU_ASSERT_EQUAL(c.npairs, 4);
    const ps_pair *p = pair_of(&c, "squares", 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->verdict, PS_SAME);
    p = pair_of(&c, "fill", 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->verdict, PS_SLOWER);
    CU_ASSERT_DOUBLE_EQUAL(p->ratio, 1.3, 1e-9);
    CU_ASSERT_TRUE(p->has_interval && p->lo <= 1.3 + 1e-9 && 1.3 - 1e-9 <= p->hi);
    CU_ASSERT_TRUE(p->test.exact && p->test.p < 1e-5);
    p = pair_of(&c, "fill", 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->verdict, PS_FASTER);
    p = pair_of(&c, "hello", 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->verdict, PS_TOO_FEW); /* 3 against 3 cannot reach 5% */
    CU_ASSERT_EQUAL(ps_comparison_failing(&c), 1);
    /* never paired: another size, and a worker count the candidate did not run */
    CU_ASSERT_EQUAL(c.nonly_base, 2);
    CU_ASSERT_EQUAL(c.nonly_cand, 1);
    char *md = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&md, &len);
    ps_comparison_write(out, &c, &base, &cand, NULL);
    fclose(out);
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "4 points in both: 1 slower, 1 faster, 1 with no "
                                      "significant difference, 1 too few to tell"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "No recorded setting differs between the two sets"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| omp | share | atomic | 65536 | 1x2 | the other set has "
                                      "size 131072"));
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| 1.300 ("));
    free(md);
    char *script = NULL;
    out = open_memstream(&script, &len);
    ps_comparison_plot_script(out, &c);
    fclose(out);
    CU_ASSERT_PTR_NOT_NULL(strstr(script, "omp/fill/static/10/1x2\n"));
    free(script);
    ps_comparison_free(&c);
    /* a threshold of 40% calls the 30% change no significant difference */
    opt.threshold = 0.4;
    CU_ASSERT_EQUAL_FATAL(ps_compare(&base, &cand, &opt, &c, &msg), PS_OK);
    CU_ASSERT_EQUAL(pair_of(&c, "fill", 2)->verdict, PS_SAME);
    CU_ASSERT_EQUAL(ps_comparison_failing(&c), 0);
    ps_comparison_free(&c);
    ps_results_free(&base), ps_results_free(&cand);
}

/* A setting that differs is named beside the point, and in the sets' table. */
static void test_compare_settings_differ(void)
{
    const double x[] = {1, 2, 3, 4, 5, 6};
    ps_buf b = {0}, c = {0};
    record(&b, true, "squares", "static", 10, 2, x, 6);
    record(&c, true, "squares", "static", 10, 2, x, 6);
    char *at = strstr(c.data, "\"omp_proc_bind\":\"close\"");
    memcpy(at, "\"omp_proc_bind\":\"clos2\"", 23);
    ps_results base, cand;
    ps_msg msg;
    load_sets(&b, &c, &base, &cand);
    ps_comparison cmp;
    ps_compare_options opt = {.alpha = 0.05, .threshold = 0.05};
    CU_ASSERT_EQUAL_FATAL(ps_compare(&base, &cand, &opt, &cmp, &msg), PS_OK);
    CU_ASSERT_STRING_EQUAL(cmp.pair[0].differs, "OMP_PROC_BIND");
    CU_ASSERT_EQUAL(cmp.pair[0].verdict, PS_SAME);
    char *md = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&md, &len);
    ps_comparison_write(out, &cmp, &base, &cand, NULL);
    fclose(out);
    CU_ASSERT_PTR_NOT_NULL(strstr(md, "| OMP_PROC_BIND | close | clos2 |"));
    free(md);
    ps_comparison_free(&cmp);
    ps_results_free(&base), ps_results_free(&cand);
    ps_buf_free(&b), ps_buf_free(&c);
}

/* Runs as the unit: four runs a side whose medians alternate between 1.0 and 1.3 s, each run's
 * repetitions tight. One run against one run (the baseline's 1.0 against the candidate's 1.3) is
 * a clear "slower" by repetitions; all four against all four is no difference, by runs. Four
 * runs a side 50% slower each is "slower" by runs (exact p = 2/70). */
static void load_runs(ps_results *r, const double *medians, size_t runs)
{
    *r = (ps_results){0};
    for (size_t k = 0; k < runs; k++) {
        double x[10];
        for (int i = 0; i < 10; i++)
            x[i] = medians[k] * (1 + 0.001 * i);
        ps_buf b = {0};
        record(&b, true, "squares", "static", 10, 2, x, 10);
        ps_msg msg;
        CU_ASSERT_EQUAL(ps_results_load(r, unit_temp_write(b.data, b.len), &msg), PS_OK);
        ps_buf_free(&b);
    }
    CU_ASSERT_EQUAL(r->files, runs);
}

static ps_verdict verdict_of(const double *base, size_t nb, const double *cand, size_t nc,
                             bool *by_runs)
{
    ps_results b, c;
    load_runs(&b, base, nb);
    load_runs(&c, cand, nc);
    ps_comparison cmp;
    ps_msg msg;
    ps_compare_options opt = {.alpha = 0.05, .threshold = 0.05};
    ps_verdict v = PS_UNVERIFIED;
    if (ps_compare(&b, &c, &opt, &cmp, &msg) == PS_OK && cmp.npairs == 1) {
        v = cmp.pair[0].verdict;
        *by_runs = cmp.pair[0].by_runs;
        ps_comparison_free(&cmp);
    }
    ps_results_free(&b), ps_results_free(&c);
    return v;
}

static void test_compare_runs_as_unit(void)
{
    const double base[] = {1.0, 1.3, 1.0, 1.3}, cand[] = {1.3, 1.0, 1.3, 1.0},
                 slow[] = {1.5, 1.95, 1.5, 1.95}; /* every run above every baseline run */
    bool by_runs = true;
    CU_ASSERT_EQUAL(verdict_of(base, 1, cand, 1, &by_runs), PS_SLOWER);
    CU_ASSERT_FALSE(by_runs);
    CU_ASSERT_EQUAL(verdict_of(base, 4, cand, 4, &by_runs), PS_SAME);
    CU_ASSERT_TRUE(by_runs);
    CU_ASSERT_EQUAL(verdict_of(base, 3, slow, 3, &by_runs), PS_TOO_FEW); /* 3 a side: p >= 0.1 */
    CU_ASSERT_EQUAL(verdict_of(base, 4, slow, 4, &by_runs), PS_SLOWER);
    CU_ASSERT_TRUE(by_runs);
}

static void test_compare_no_overlap(void)
{
    const double x[] = {1, 2, 3, 4, 5, 6};
    ps_buf b = {0}, c = {0};
    record(&b, true, "squares", "static", 10, 2, x, 6);
    record(&c, true, "squares", "static", 10, 4, x, 6); /* other worker counts never pair */
    ps_results base, cand;
    ps_msg msg;
    load_sets(&b, &c, &base, &cand);
    ps_comparison cmp;
    ps_compare_options opt = {.alpha = 0.05, .threshold = 0.05};
    CU_ASSERT_EQUAL(ps_compare(&base, &cand, &opt, &cmp, &msg), PS_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "no point is in both sets"));
    ps_results_free(&base), ps_results_free(&cand);
    ps_buf_free(&b), ps_buf_free(&c);
}

void suite_compare(void)
{
    static const CU_TestInfo tests[] = {
        {"samples and provenance round trip, CSV and JSON", test_round_trip},
        {"a CSV record stays one line", test_csv_record_is_one_line},
        {"garbled samples are refused", test_garbled_samples_refused},
        {"the report's interval and trust", test_report_trust},
        {"verdicts on fixed samples; unpaired points listed", test_compare_verdicts},
        {"settings that differ are named", test_compare_settings_differ},
        {"runs as the unit", test_compare_runs_as_unit},
        {"no point in both sets", test_compare_no_overlap},
        CU_TEST_INFO_NULL,
    };
    unit_add("compare", tests);
}
