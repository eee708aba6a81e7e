/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_tasks.h"
#include "ps_catalogue.h"

#include "ps_stats.h"
#include "ps_temp.h"
#include "ps_time.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define M61        ((UINT64_C(1) << 61) - 1)
#define LCG_A      UINT64_C(0x5DEECE66D)
#define LCG_C      UINT64_C(11)
#define FILE_BYTES 4096

ps_task_kind ps_task_kind_of(const char *variant, uint64_t t)
{
    if (strcmp(variant, "file") == 0)
        return PS_TASK_FILE;
    if (strcmp(variant, "compute") == 0)
        return PS_TASK_CPU;
    if (strcmp(variant, "mixed") == 0)
        return ((t + 1) * UINT64_C(0x9E3779B97F4A7C15)) >> 63 ? PS_TASK_CPU : PS_TASK_SLEEP;
    return PS_TASK_SLEEP;
}

uint64_t ps_task_steps(const char *variant, uint64_t tasks, uint64_t iterations)
{
    for (uint64_t t = 0; t < tasks; t++)
        if (ps_task_kind_of(variant, t) == PS_TASK_CPU)
            return iterations;
    return 0;
}

static uint64_t mulmod(uint64_t a, uint64_t b)
{
    unsigned __int128 p = (unsigned __int128)a * b;
    uint64_t r = (uint64_t)(p & M61) + (uint64_t)(p >> 61);
    return r >= M61 ? r - M61 : r;
}

uint64_t ps_cpu_kernel(uint64_t t, uint64_t iterations)
{
    uint64_t x = (t + 1) % M61;
    for (uint64_t i = 0; i < iterations; i++) {
        x = mulmod(LCG_A, x) + LCG_C;
        x = x >= M61 ? x - M61 : x;
    }
    return x;
}

static uint64_t powmod(uint64_t b, uint64_t e)
{
    uint64_t r = 1;
    for (; e; e >>= 1, b = mulmod(b, b))
        if (e & 1)
            r = mulmod(r, b);
    return r;
}

uint64_t ps_cpu_closed_form(uint64_t t, uint64_t n)
{
    uint64_t an = powmod(LCG_A, n);
    uint64_t inv = powmod(LCG_A - 1, M61 - 2); /* Fermat: M61 is prime */
    uint64_t geometric = mulmod((an + M61 - 1) % M61, inv);
    return (mulmod(an, (t + 1) % M61) + mulmod(LCG_C, geometric)) % M61;
}

enum { CALIBRATION_SAMPLES = 7, OFF_PERCENT = 25 };

static double thread_cpu_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec * 1e-3;
}

static double timed_kernel(uint64_t n) /* seconds of this thread's CPU time */
{
    volatile uint64_t sink;
    double t0 = thread_cpu_us();
    sink = ps_cpu_kernel(n, n);
    (void)sink;
    return (thread_cpu_us() - t0) * 1e-6;
}

uint64_t ps_cpu_calibrate(uint64_t latency_us)
{
    uint64_t n = 1 << 14;
    while (timed_kernel(n) <= 0.005 && n <= (UINT64_C(1) << 40))
        n *= 2;
    double seconds[CALIBRATION_SAMPLES];
    for (size_t i = 0; i < CALIBRATION_SAMPLES; i++)
        seconds[i] = timed_kernel(n);
    double *sorted = ps_sorted_copy(seconds, CALIBRATION_SAMPLES);
    double median = sorted ? ps_median_of_sorted(sorted, CALIBRATION_SAMPLES) : seconds[0];
    free(sorted);
    double steps = (double)n * (double)latency_us * 1e-6 / median;
    return steps < 1 ? 1 : (uint64_t)steps;
}

/* Byte i of task t's file. */
static unsigned char file_byte(uint64_t t, size_t i)
{
    return (unsigned char)((t * 131 + i * 7 + (i >> 8)) & 0xff);
}

static ps_status file_task(const ps_task_plan *plan, uint64_t t, uint64_t *result, ps_msg *msg)
{
    unsigned char data[FILE_BYTES], back[FILE_BYTES];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = file_byte(t, i);
    int fd = ps_unnamed_file(plan->dir);
    if (fd < 0)
        return ps_fail(msg, PS_ENV, "file task %llu: cannot create a file in %s: %s",
                       (unsigned long long)t, plan->dir, strerror(errno));
    ps_status st = PS_OK;
    if (write(fd, data, sizeof data) != (ssize_t)sizeof data || fsync(fd) != 0 ||
        pread(fd, back, sizeof back, 0) != (ssize_t)sizeof back)
        st = ps_fail(msg, PS_ENV, "file task %llu: I/O in %s failed: %s", (unsigned long long)t,
                     plan->dir, strerror(errno));
    close(fd);
    *result = st == PS_OK && memcmp(data, back, sizeof data) == 0 ? FILE_BYTES : 0;
    return st;
}

ps_status ps_task_run(const ps_task_plan *plan, ps_task_kind kind, uint64_t t, uint64_t *result,
                      ps_msg *msg)
{
    double t0 = ps_now();
    switch (kind) {
    case PS_TASK_CPU:
        *result = ps_cpu_kernel(t, plan->iterations);
        return PS_OK;
    case PS_TASK_FILE: {
        ps_status st = file_task(plan, t, result, msg);
        double rest = (double)plan->latency_us - (ps_now() - t0) * 1e6;
        if (!st && rest > 0)
            ps_sleep_us((uint64_t)rest); /* a slow device: the rest of the latency is a wait */
        return st;
    }
    case PS_TASK_SLEEP:
        ps_sleep_us(plan->latency_us);
        *result = (uint64_t)((ps_now() - t0) * 1e6);
        return PS_OK;
    }
    return PS_OK;
}

ps_status ps_task_check(const ps_task_plan *plan, ps_task_kind kind, uint64_t t, uint64_t result,
                        ps_msg *msg)
{
    switch (kind) {
    case PS_TASK_CPU:
        if (result != ps_cpu_closed_form(t, plan->iterations))
            return ps_fail(msg, PS_FAILED, "cpu task %llu: %llu differs from its closed form",
                           (unsigned long long)t, (unsigned long long)result);
        break;
    case PS_TASK_FILE:
        if (result != FILE_BYTES)
            return ps_fail(msg, PS_FAILED, "file task %llu: the data read back differs",
                           (unsigned long long)t);
        break;
    case PS_TASK_SLEEP:
        if (result + 1 < plan->latency_us) /* 1 us of rounding */
            return ps_fail(msg, PS_FAILED, "sleep task %llu waited %llu us of %llu",
                           (unsigned long long)t, (unsigned long long)result,
                           (unsigned long long)plan->latency_us);
        break;
    }
    return PS_OK;
}

const char *const ps_iobound_variants[] = {"sleep", "file", "mixed", NULL};
const char *const ps_cpubound_variants[] = {"compute", NULL};

ps_status ps_task_set_init(ps_task_set *s, uint64_t tasks, uint64_t latency_us, uint64_t iterations,
                           ps_msg *msg)
{
    *s = (ps_task_set){.tasks = tasks};
    s->plan =
        (ps_task_plan){.latency_us = latency_us, .iterations = iterations, .dir = ps_temp_dir()};
    s->result = calloc(tasks, sizeof *s->result);
    s->cpu_us = calloc(tasks, sizeof *s->cpu_us);
    if (!s->result || !s->cpu_us)
        return ps_fail(msg, PS_ENV, "out of memory for %llu tasks", (unsigned long long)tasks);
    return PS_OK;
}

void ps_task_set_free(ps_task_set *s)
{
    free(s->result);
    free(s->cpu_us);
    *s = (ps_task_set){0};
}

ps_status ps_task_set_run(ps_task_set *s, const char *variant, uint64_t t, ps_msg *msg)
{
    ps_task_kind kind = ps_task_kind_of(variant, t);
    double t0 = kind == PS_TASK_CPU ? thread_cpu_us() : 0;
    ps_status st = ps_task_run(&s->plan, kind, t, &s->result[t], msg);
    if (kind == PS_TASK_CPU)
        s->cpu_us[t] = thread_cpu_us() - t0;
    return st;
}

void ps_task_set_achieved(ps_task_set *s, const char *variant, const double *cpu_us)
{
    size_t n = 0;
    double *mine = malloc(s->tasks * sizeof *mine);
    for (uint64_t t = 0; mine && t < s->tasks; t++)
        if (ps_task_kind_of(variant, t) == PS_TASK_CPU)
            mine[n++] = cpu_us[t];
    double *sorted = n ? ps_sorted_copy(mine, n) : NULL;
    s->achieved_us = sorted ? ps_median_of_sorted(sorted, n) : 0;
    free(sorted);
    free(mine);
}

ps_status ps_task_set_check(const ps_task_set *s, const char *variant, uint64_t first,
                            uint64_t stride, uint64_t *verified, ps_msg *msg)
{
    *verified = 0;
    for (uint64_t t = first; t < s->tasks; t += stride) {
        ps_status st = ps_task_check(&s->plan, ps_task_kind_of(variant, t), t, s->result[t], msg);
        if (st)
            return st;
        ++*verified;
    }
    return PS_OK;
}

void ps_task_set_result(uint64_t verified, uint64_t tasks, char *result, size_t len)
{
    snprintf(result, len, "%llu of %llu tasks verified", (unsigned long long)verified,
             (unsigned long long)tasks);
}

void ps_task_set_detail(const ps_task_set *s, char *detail, size_t len)
{
    int n =
        snprintf(detail, len, "latency %llu us; %llu steps per compute task",
                 (unsigned long long)s->plan.latency_us, (unsigned long long)s->plan.iterations);
    if (s->achieved_us <= 0 || n < 0 || (size_t)n >= len)
        return;
    double off = 100 * (s->achieved_us / (double)s->plan.latency_us - 1);
    snprintf(detail + n, len - (size_t)n, "; a compute task took %.0f us of CPU (median)%s",
             s->achieved_us,
             off > OFF_PERCENT || off < -OFF_PERCENT ? ", over 25% off the latency" : "");
}

void ps_tasks_detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len)
{
    (void)seconds;
    ps_task_set_detail(run->state, text, len);
}

void ps_tasks_metrics(const ps_run *run, const ps_stats *seconds, ps_metrics *m)
{
    (void)seconds;
    const ps_task_set *s = run->state;
    if (s->achieved_us > 0)
        ps_metric_set(&m->latency_us, s->achieved_us);
}

void ps_tasks_release(ps_run *run)
{
    if (run->state)
        ps_task_set_free(run->state);
    free(run->state);
    run->state = NULL;
}

static const char *const task_options[] = {"tasks", "latency-us", "steps", NULL};

/* Question 1's two workloads differ only in what a task does: the same sizes, options, sweep. */
#define TASK_WORKLOAD                                                                              \
    .question = "Q1", .options = task_options, .default_size = 32, .max_size = 1000000,            \
    .size_option = "tasks", .sweep = 32, .quick = 16, .sweep_options = "--latency-us 10000",       \
    .weak = true

const ps_workload_info ps_iobound_info = {
    .name = "iobound",
    .about = "tasks that wait (sleep, file I/O) or a mix with compute",
    TASK_WORKLOAD,
};

const ps_workload_info ps_cpubound_info = {
    .name = "cpubound",
    .about = "tasks that compute for --latency-us each (calibrated)",
    TASK_WORKLOAD,
};
