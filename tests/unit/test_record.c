/* SPDX-License-Identifier: BSD-3-Clause */
/* Records: the exact bytes of each format, and appending whole records to a file. */
#include "ps_record.h"
#include "ps_sink.h"
#include "unit.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static const ps_env env = {
    .host = "node1",
    .nodes = 1,
    .cores = 2,
    .cpu = "AMD EPYC",
    .memory_gb = 25.2,
    .compiler = "gcc 12.2.0",
    .flags = "-O2 -g",
    .openmp = "4.5 (201511)",
    .mpi = "",
    .job = "",
    .version = "0.1.0",
    .omp_proc_bind = "close",
    .commit = "0123abcd",
    .build_type = "Release",
    .tick = 2e-8,
};

static double samples[] = {2.25, 0.5, 1};

static ps_record sample(void)
{
    ps_record r = {
        .model = "omp",
        .workload = "squares",
        .variant = "static",
        .workers = 4,
        .ranks = 1,
        .threads = 4,
        .size = 10,
        .repetitions = 3,
        .warmup = 1,
        .seconds = {.n = 3, .min = 0.5, .median = 1, .mean = 1.25, .max = 2.25, .stddev = 0.125},
        .items_per_second = 10,
        .verified = true,
        .result = "sum of squares 385",
        .detail = "imbalance 1.5",
        .oversubscribed = true,
        .samples = samples,
        .nsamples = 3,
        .binding = "unbound",
        .bound_cores = 4,
        .utc = "2026-11-24T21:00:00Z",
        .env = &env,
    };
    return r;
}

static const char header[] =
    "version,format,utc,model,workload,variant,workers,ranks,threads,size,repetitions,warmup,"
    "seconds_min,"
    "seconds_median,seconds_mean,seconds_max,seconds_stddev,items_per_second,verified,result,"
    "detail,host,nodes,cores,cpu,memory_gb,oversubscribed,compiler,flags,openmp,mpi,job,samples,"
    "timer_tick,binding,bound_cores,omp_proc_bind,omp_places,omp_wait_policy,omp_dynamic,"
    "openmp_runtime,mpi_settings,commit,build_type,governor,steps,work_options,latency_us,"
    "bandwidth_gbs,ns_per_op,worker_mib,message_bytes\n";
static const char row[] =
    "0.1.0,4,2026-11-24T21:00:00Z,omp,squares,static,4,1,4,10,3,1,0.5,1,1.25,2.25,"
    "0.125,10,yes,sum of squares 385,imbalance 1.5,node1,1,2,AMD EPYC,25.2,yes,gcc 12.2.0,-O2 -g,"
    "4.5 (201511),,,2.25 0.5 1,2e-08,unbound,4,close,,,,,,0123abcd,Release,,0,,,,,,\n";

static void test_csv_bytes(void)
{
    ps_record r = sample();
    ps_buf b = {0};
    ps_record_csv_header(&b);
    CU_ASSERT_STRING_EQUAL(b.data, header);
    ps_buf_clear(&b);
    ps_record_csv(&r, &b);
    CU_ASSERT_STRING_EQUAL(b.data, row);
    ps_buf_clear(&b);
    snprintf(r.result, sizeof r.result, "a, \"quoted\" value");
    r.verified = false;
    r.oversubscribed = false;
    ps_record_csv(&r, &b);
    CU_ASSERT_PTR_NOT_NULL(strstr(
        b.data, ",no,\"a, \"\"quoted\"\" value\",imbalance 1.5,node1,1,2,AMD EPYC,25.2,no,"));
    ps_buf_free(&b);
}

static void test_json_bytes(void)
{
    ps_record r = sample();
    snprintf(r.result, sizeof r.result, "back\\slash \"q\"\t");
    ps_buf b = {0};
    ps_record_json(&r, &b);
    CU_ASSERT_STRING_EQUAL(
        b.data,
        "{\"version\":\"0.1.0\",\"format\":4,\"utc\":\"2026-11-24T21:00:00Z\",\"model\":\"omp\","
        "\"workload\":\"squares\",\"variant\":\"static\",\"workers\":4,\"ranks\":1,\"threads\":4,"
        "\"size\":10,"
        "\"repetitions\":3,\"warmup\":1,\"seconds_min\":0.5,\"seconds_median\":1,"
        "\"seconds_mean\":1.25,\"seconds_max\":2.25,\"seconds_stddev\":0.125,"
        "\"items_per_second\":10,\"verified\":true,\"result\":\"back\\\\slash \\\"q\\\" \","
        "\"detail\":\"imbalance "
        "1.5\",\"host\":\"node1\",\"nodes\":1,\"cores\":2,\"cpu\":\"AMD "
        "EPYC\",\"memory_gb\":25.2,\"oversubscribed\":true,"
        "\"compiler\":\"gcc 12.2.0\",\"flags\":\"-O2 -g\",\"openmp\":\"4.5 (201511)\","
        "\"mpi\":\"\",\"job\":\"\",\"samples\":[2.25,0.5,1],\"timer_tick\":2e-08,"
        "\"binding\":\"unbound\",\"bound_cores\":4,\"omp_proc_bind\":\"close\","
        "\"omp_places\":\"\",\"omp_wait_policy\":\"\",\"omp_dynamic\":\"\","
        "\"openmp_runtime\":\"\",\"mpi_settings\":\"\",\"commit\":\"0123abcd\","
        "\"build_type\":\"Release\",\"governor\":\"\",\"steps\":0,\"work_options\":\"\","
        "\"latency_us\":null,\"bandwidth_gbs\":null,\"ns_per_op\":null,\"worker_mib\":null,"
        "\"message_bytes\":null}\n");
    ps_buf_free(&b);
}

/* A measured metric is a number in both forms; one not measured (or not finite) is null in JSON
 * and empty in CSV, never 0. */
static void test_metrics(void)
{
    ps_record r = sample();
    ps_metric_set(&r.metrics.latency_us, 0.4);
    ps_metric_set(&r.metrics.bandwidth_gbs, 2.33);
    ps_metric_set(&r.metrics.ns_per_op, 0.0 / 0.0);
    ps_buf b = {0};
    ps_record_json(&r, &b);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data,
                                  ",\"latency_us\":0.4,\"bandwidth_gbs\":2.33,\"ns_per_op\":null,"
                                  "\"worker_mib\":null,\"message_bytes\":null}\n"));
    ps_buf_clear(&b);
    ps_record_csv(&r, &b);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, ",0.4,2.33,,,\n"));
    ps_buf_free(&b);
}

/* Every column is filled: with every metric set, no field is null. */
static void test_no_column_forgotten(void)
{
    ps_record r = sample();
    ps_metric_set(&r.metrics.latency_us, 0.4);
    ps_metric_set(&r.metrics.bandwidth_gbs, 2.33);
    ps_metric_set(&r.metrics.ns_per_op, 20.4);
    ps_metric_set(&r.metrics.worker_mib, 1.5);
    ps_metric_set(&r.metrics.message_bytes, 8);
    ps_buf b = {0};
    ps_record_json(&r, &b);
    CU_ASSERT_PTR_NULL(strstr(b.data, "null"));
    ps_buf_free(&b);
}

/* A series follows its point's record, a line each: the same point with the size's figures, the
 * message size in full (not 1.04858e+06) and a detail naming its row. */
static void test_series(void)
{
    ps_record r = sample();
    ps_metrics points[2];
    memset(points, 0, sizeof points);
    ps_metric_set(&points[0].message_bytes, 0);
    ps_metric_set(&points[0].latency_us, 0.3);
    ps_metric_set(&points[1].message_bytes, 1048576);
    ps_metric_set(&points[1].latency_us, 115.5);
    ps_metric_set(&points[1].bandwidth_gbs, 14.35);
    r.series = points, r.nseries = 2;
    ps_buf b = {0};
    ps_record_csv(&r, &b);
    const char *second = strchr(b.data, '\n') + 1, *third = strchr(second, '\n') + 1;
    CU_ASSERT_EQUAL(strncmp(b.data, row, strlen(row)), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(second, ",the static table's 0 B row,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(second, ",0.3,,,,0\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(third, ",115.5,14.35,,,1048576\n"));
    CU_ASSERT_EQUAL(strchr(third, '\n')[1], '\0');
    ps_buf_clear(&b);
    ps_record_json(&r, &b);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "\"message_bytes\":null}\n{"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.data, "\"bandwidth_gbs\":14.35,\"ns_per_op\":null,"
                                          "\"worker_mib\":null,\"message_bytes\":1048576}\n"));
    ps_buf_free(&b);
}

/* Only valid UTF-8 without control characters reaches a record, whatever the environment held. */
static void test_text_clean(void)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"passiv\xe9!", "passiv?!"},              /* Latin-1, not UTF-8 */
        {"\xff\xfe x", "?? x"},                   /* bytes that start nothing */
        {"caf\xc3\xa9", "caf\xc3\xa9"},           /* whole characters stay */
        {"cut \xe2\x82", "cut "},                 /* a character cut short at the end */
        {"\xe2\x82 mid", "?? mid"},               /* ... and in the middle */
        {"\xc0\xaf", "??"},                       /* an overlong form of '/' */
        {"\xed\xa0\x80", "???"},                  /* a UTF-16 surrogate */
        {"a\nb\tc\x7f", "a b c "},                /* a record stays one line */
        {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"}, /* four bytes */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[32];
        snprintf(text, sizeof text, "%s", cases[i].in);
        ps_text_clean(text);
        CU_ASSERT_STRING_EQUAL(text, cases[i].want);
    }
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char text[8192];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

static void temp_path(char *path, size_t len, const char *ext)
{
    snprintf(path, len, "%s", unit_temp_path(ext));
}

static void test_append_header_once(void)
{
    char path[PATH_MAX], want[4096];
    temp_path(path, sizeof path, ".csv");
    ps_options opt = {.output = path, .format = PS_FORMAT_TABLE};
    ps_record r = sample();
    for (int round = 0; round < 2; round++) { /* the second opening finds our header */
        ps_sink s;
        ps_msg msg;
        CU_ASSERT_EQUAL_FATAL(ps_sink_open(&s, &opt, &msg), PS_OK);
        CU_ASSERT_EQUAL(ps_sink_append(&s, &r, &msg), PS_OK);
        ps_sink_close(&s, &msg);
    }
    snprintf(want, sizeof want, "%s%s%s", header, row, row);
    CU_ASSERT_STRING_EQUAL(slurp(path), want);
    unlink(path);
}

static void test_append_json_by_extension(void)
{
    char path[PATH_MAX];
    temp_path(path, sizeof path, ".jsonl");
    ps_options opt = {.output = path, .format = PS_FORMAT_CSV};
    ps_sink s;
    /* the name decides, not --format: a .csv file stays CSV under --format json (below) */
    ps_msg msg;
    CU_ASSERT_EQUAL_FATAL(ps_sink_open(&s, &opt, &msg), PS_OK);
    CU_ASSERT_EQUAL(s.file_format, PS_FORMAT_JSON);
    ps_record r = sample();
    CU_ASSERT_EQUAL(ps_sink_append(&s, &r, &msg), PS_OK);
    ps_sink_close(&s, &msg);
    const char *text = slurp(path);
    CU_ASSERT_EQUAL(text[0], '{');
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"verified\":true,"));
    unlink(path);
}

/* The format --output FILE gets for a name ending in ext, with stdout in another format. */
static ps_format file_format_of(const char *ext, ps_format stdout_format)
{
    char path[PATH_MAX];
    temp_path(path, sizeof path, ext);
    ps_options opt = {.output = path, .format = stdout_format};
    ps_sink s;
    ps_msg msg;
    CU_ASSERT_EQUAL_FATAL(ps_sink_open(&s, &opt, &msg), PS_OK);
    ps_format f = s.file_format;
    ps_sink_close(&s, &msg);
    unlink(path);
    return f;
}

static void test_csv_by_name_whatever_stdout_gets(void)
{
    CU_ASSERT_EQUAL(file_format_of(".csv", PS_FORMAT_JSON), PS_FORMAT_CSV);
}

static void test_refuses_foreign_csv(void)
{
    char path[PATH_MAX];
    temp_path(path, sizeof path, ".csv");
    FILE *f = fopen(path, "w");
    fputs("a,b,c\n1,2,3\n", f);
    fclose(f);
    ps_options opt = {.output = path};
    ps_sink s;
    ps_msg msg;
    CU_ASSERT_EQUAL(ps_sink_open(&s, &opt, &msg), PS_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, path));
    CU_ASSERT_STRING_EQUAL(slurp(path), "a,b,c\n1,2,3\n");
    unlink(path);
}

static void test_unwritable_is_environment_error(void)
{
    static const char *const paths[] = {"/nonexistent-parsuite-dir/out.csv", "/tmp"};
    for (size_t i = 0; i < 2; i++) {
        ps_options opt = {.output = paths[i]};
        ps_sink s;
        ps_msg msg;
        CU_ASSERT_EQUAL(ps_sink_open(&s, &opt, &msg), PS_ENV);
        CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, paths[i]));
    }
}

/* A file size limit makes the write stop halfway, as a full disk does: the partial record must
 * be taken back, leaving only whole records. */
static void test_short_write_leaves_no_half_record(void)
{
    char path[PATH_MAX], want[4096];
    temp_path(path, sizeof path, ".csv");
    ps_options opt = {.output = path};
    ps_sink s;
    ps_msg msg;
    ps_record r = sample();
    CU_ASSERT_EQUAL_FATAL(ps_sink_open(&s, &opt, &msg), PS_OK);
    CU_ASSERT_EQUAL(ps_sink_append(&s, &r, &msg), PS_OK);
    struct rlimit old, small = {.rlim_cur = strlen(header) + strlen(row) + 20};
    getrlimit(RLIMIT_FSIZE, &old);
    small.rlim_max = old.rlim_max;
    void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
    setrlimit(RLIMIT_FSIZE, &small);
    ps_status st = ps_sink_append(&s, &r, &msg);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, prev);
    ps_sink_close(&s, &msg);
    CU_ASSERT_EQUAL(st, PS_ENV);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "cannot write"));
    snprintf(want, sizeof want, "%s%s", header, row);
    CU_ASSERT_STRING_EQUAL(slurp(path), want);
    unlink(path);
}

/* A file whose last record was cut short is refused, never glued onto. */
static void test_refuses_cut_short_file(void)
{
    static const char *const exts[] = {".csv", ".jsonl"};
    for (size_t i = 0; i < 2; i++) {
        char path[PATH_MAX], text[4096];
        temp_path(path, sizeof path, exts[i]);
        snprintf(text, sizeof text, "%s%.*s", i ? "" : header, (int)strlen(row) - 5, row);
        FILE *f = fopen(path, "w");
        fputs(text, f);
        fclose(f);
        ps_options opt = {.output = path};
        ps_sink s;
        ps_msg msg;
        CU_ASSERT_EQUAL(ps_sink_open(&s, &opt, &msg), PS_USAGE);
        CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "cut-short record"));
        CU_ASSERT_STRING_EQUAL(slurp(path), text);
        unlink(path);
    }
}

/* The name decides the format, in any case; .ndjson is JSON Lines too. */
static void test_json_names(void)
{
    static const char *const exts[] = {".JSONL", ".Json", ".ndjson"};
    for (size_t i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(file_format_of(exts[i], PS_FORMAT_CSV), PS_FORMAT_JSON);
}

/* A FIFO: nobody reading is an error at once; with a reader, the CSV header comes once. */
static void test_fifo_output(void)
{
    char path[PATH_MAX];
    temp_path(path, sizeof path, ".fifo");
    CU_ASSERT_EQUAL_FATAL(mkfifo(path, 0600), 0);
    ps_options opt = {.output = path};
    ps_sink s;
    ps_msg msg;
    CU_ASSERT_EQUAL(ps_sink_open(&s, &opt, &msg), PS_ENV);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg.text, "nobody reads"));
    int rfd = open(path, O_RDONLY | O_NONBLOCK);
    CU_ASSERT_EQUAL_FATAL(ps_sink_open(&s, &opt, &msg), PS_OK);
    ps_record r = sample();
    CU_ASSERT_EQUAL(ps_sink_append(&s, &r, &msg), PS_OK);
    CU_ASSERT_EQUAL(ps_sink_append(&s, &r, &msg), PS_OK);
    ps_sink_close(&s, &msg);
    char got[4096] = "", want[4096];
    ssize_t n = read(rfd, got, sizeof got - 1);
    got[n > 0 ? n : 0] = '\0';
    snprintf(want, sizeof want, "%s%s%s", header, row, row);
    CU_ASSERT_STRING_EQUAL(got, want);
    close(rfd);
    unlink(path);
}

void suite_record(void)
{
    static const CU_TestInfo tests[] = {
        {"CSV bytes, quoting", test_csv_bytes},
        {"JSON Lines bytes, escaping", test_json_bytes},
        {"metrics: numbers, or null where not measured", test_metrics},
        {"fields: every column filled", test_no_column_forgotten},
        {"series: a record per point after the point's own", test_series},
        {"text made valid UTF-8 of one line", test_text_clean},
        {"appending writes the header once", test_append_header_once},
        {"a .jsonl file gets JSON Lines", test_append_json_by_extension},
        {"a file ending in a cut-short record is refused", test_refuses_cut_short_file},
        {".JSONL, .Json, .ndjson get JSON Lines", test_json_names},
        {"a FIFO: no reader is an error; the header once", test_fifo_output},
        {"a .csv file gets CSV under --format json", test_csv_by_name_whatever_stdout_gets},
        {"a CSV with other columns is refused, untouched", test_refuses_foreign_csv},
        {"an unwritable path is an environment error", test_unwritable_is_environment_error},
        {"a short write leaves no half record", test_short_write_leaves_no_half_record},
        CU_TEST_INFO_NULL,
    };
    unit_add("record", tests);
}
