/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 3: N named workers each say hello. What a worker reports about itself, the check
 * that the set of reports is whole, and the ordered listing (never interleaved). */
#ifndef PS_HELLO_H
#define PS_HELLO_H

#include "ps_status.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Plain data of fixed size, so that MPI ranks can gather it as bytes. */
typedef struct ps_hello_worker {
    uint32_t id, count;
    uint32_t rank, thread; /* its process (0 for threads of one process) and its thread in it */
    int32_t cpu;           /* the CPU it last ran on; -1 if unknown */
    uint32_t cpu_inside;   /* 1 if cpu lies within its allowed set */
    int64_t pid;
    char host[64];
    char allowed[64];         /* the CPUs it may run on, as a list ("0-1") */
    char process_allowed[64]; /* its process's CPUs when the process started its threads */
} ps_hello_worker;

/* Fills w for the calling thread (hwloc: its binding and where it runs); process_allowed is
 * the caller's to set. */
ps_status ps_hello_probe(ps_hello_worker *w, unsigned id, unsigned count, ps_msg *msg);

/* Every id 0..n-1 reported once with the right count, each CPU inside its allowed set, in
 * `processes` distinct processes (1 for threads, the ranks for ranks). */
ps_status ps_hello_check(const ps_hello_worker *w, unsigned n, unsigned processes, char *result,
                         size_t len, ps_msg *msg);

/* Placements that slow a run down, one "warning: ..." line each on out (NULL: only counted): a
 * process running more threads than it has CPUs (a rank bound to one core runs all its threads
 * there), a thread allowed outside its process's set, two workers of a host bound to the same
 * single CPU. Returns how many. */
unsigned ps_hello_warnings(const ps_hello_worker *w, unsigned n, FILE *out);

/* Distinct processes (host, pid) and hosts among n reports. */
ps_status ps_hello_places(const ps_hello_worker *w, unsigned n, unsigned *processes,
                          unsigned *hosts, ps_msg *msg);

/* "4 processes on 1 host" (and "; placement warnings"), then "; on CPUs 0 1 1 0": the CPU each
 * worker last ran on, in the order of their ids ('?' where unknown; the first
 * PS_HELLO_CPUS_SHOWN, then "..."): for the record's detail column. */
enum { PS_HELLO_CPUS_SHOWN = 24 };
void ps_hello_detail(const ps_hello_worker *w, unsigned n, char *detail, size_t len);

/* One line per worker, ordered by id, then the warnings. kind is "thread" or "rank"; ranks with
 * threads are shown as "rank R thread T". */
void ps_hello_show(FILE *out, const ps_hello_worker *w, unsigned n, const char *kind);

#endif
