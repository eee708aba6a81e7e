/* SPDX-License-Identifier: BSD-3-Clause */
/* Question 2's "controlled resource usage": what one more worker costs in memory. Each worker
 * has a working set of --size KiB, its own mapping (4 KiB pages, every one written with a byte of
 * the worker's), or, where forked processes read their parent's, one shared by copy-on-write. The
 * kernel's accounting is read from /proc: a process's proportional set size (PSS: a page shared by
 * k processes counts 1/k in each, so the PSS of processes add up to the memory they use; RSS
 * would count it k times) from smaps_rollup, and one mapping's pages from smaps. What a worker
 * adds is the PSS of the processes that hold the workers, less what they held before, over the
 * workers; the check is each working set's own accounting, which is known exactly. */
#ifndef PS_FOOTPRINT_H
#define PS_FOOTPRINT_H

#include "ps_status.h"
#include "ps_workload.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#define PS_FOOTPRINT_MAX_KIB UINT64_C(1048576) /* 1 GiB a worker */

/* A mapping's or a process's pages, in bytes (the kernel counts in KiB). */
typedef struct ps_smaps {
    uint64_t rss, pss;
    uint64_t shared;  /* Shared_Clean + Shared_Dirty: pages other processes map too */
    uint64_t private; /* Private_Clean + Private_Dirty: this process's alone (USS) */
} ps_smaps;

/* From a smaps text: the block of the mapping that starts at start, or (start 0) the first block
 * (smaps_rollup has one). PS_ENV naming what is missing. */
ps_status ps_smaps_parse(FILE *f, uintptr_t start, ps_smaps *out, ps_msg *msg);

/* The same from /proc/PID (pid 0: this process): smaps_rollup for start 0, else smaps. */
ps_status ps_smaps_read(pid_t pid, uintptr_t start, ps_smaps *out, ps_msg *msg);

/* A working set of bytes: its own anonymous mapping in 4 KiB pages, untouched; NULL and errno
 * if none. */
unsigned char *ps_footprint_map(size_t bytes);
void ps_footprint_unmap(unsigned char *set, size_t bytes);

/* Writes byte into every page of the set. */
void ps_footprint_fill(unsigned char *set, size_t bytes, unsigned char byte);

/* Whether every page of the set holds byte (read from each page). Async-signal-safe. */
bool ps_footprint_holds(const unsigned char *set, size_t bytes, unsigned char byte);

/* The byte worker w writes: never 0 (the kernel's zero page would share it). */
static inline unsigned char ps_footprint_byte(unsigned w)
{
    return (unsigned char)(1 + w % 255);
}

/* A working set's accounting as the kernel must give it: every page present (rss = bytes) and
 * this process's alone (private: written by it) or, shared, mapped by others too. Else PS_FAILED
 * naming who and what was found. */
ps_status ps_footprint_expect(const ps_smaps *set, uint64_t bytes, bool shared, const char *who,
                              ps_msg *msg);

/* What the workload keeps of a repetition, in bytes. */
typedef struct ps_footprint {
    uint64_t per_worker;     /* the PSS one more worker adds */
    uint64_t own_per_worker; /* a worker's private pages (USS), mean */
    uint64_t set_bytes;      /* each working set's */
} ps_footprint;

/* The workload's validate: --size is KiB of whole 4 KiB pages. */
ps_status ps_footprint_validate(const ps_options *opt, uint64_t size, unsigned workers,
                                ps_msg *msg);

/* The workload's size in KiB as bytes. */
uint64_t ps_footprint_bytes(const ps_run *run);

/* Rank 0's detail and metric from the run's last repetition (run->state begins with a
 * ps_footprint). */
void ps_footprint_detail(const ps_run *run, const ps_stats *seconds, char *text, size_t len);
void ps_footprint_metrics(const ps_run *run, const ps_stats *seconds, ps_metrics *m);

/* The result, the same in every model: "1024 KiB working set a worker, every page accounted". */
void ps_footprint_result(const ps_run *run, char *result, size_t len);

#endif
