/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_time.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>

double ps_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

double ps_timer_tick(double (*now)(void))
{
    double tick = 1, last = now();
    for (int i = 0; i < 20; i++) {
        double t;
        while ((t = now()) <= last) {
        }
        tick = t - last < tick ? t - last : tick;
        last = t;
    }
    return tick;
}

void ps_yield(void)
{
    sched_yield();
}

void ps_sleep_us(uint64_t us)
{
    struct timespec ts = {.tv_sec = (time_t)(us / 1000000), .tv_nsec = (long)(us % 1000000) * 1000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

void ps_utc_now(char *buf, size_t len)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void ps_duration_text(char *buf, size_t len, double seconds)
{
    static const struct {
        double scale;
        const char *unit;
    } units[] = {{1, "s"}, {1e-3, "ms"}, {1e-6, "us"}, {1e-9, "ns"}};
    size_t u = 0;
    while (u + 1 < sizeof units / sizeof units[0] && seconds < units[u].scale)
        u++;
    snprintf(buf, len, "%.4g%s", seconds / units[u].scale, units[u].unit);
}
