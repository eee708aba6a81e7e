/* SPDX-License-Identifier: BSD-3-Clause */
/* Monotonic wall-clock time in seconds (the OpenMP side; MPI code uses MPI_Wtime). */
#ifndef PS_TIME_H
#define PS_TIME_H

#include <stddef.h>
#include <stdint.h>

double ps_now(void);

/* The timer's resolution as STREAM's checktick measures it: the smallest step between 20
 * successive distinct readings of now, in seconds. */
double ps_timer_tick(double (*now)(void));

/* Gives the processor to another thread (a waiting loop's courtesy when workers outnumber cores).
 */
void ps_yield(void);

/* Waits at least us microseconds (resumes after signals). */
void ps_sleep_us(uint64_t us);

/* Seconds in the unit that suits them, as hyperfine shows times: "1.234s", "56.78ms", "63.04us",
 * "812ns"; one word, so that a table's column stays one token. */
void ps_duration_text(char *buf, size_t len, double seconds);

/* The current UTC time as ISO 8601 ("2026-11-24T21:04:25Z") into buf (at least 21 bytes). */
void ps_utc_now(char *buf, size_t len);

#endif
