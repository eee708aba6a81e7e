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
    int32_t cpu;         /* the CPU it last ran on; -1 if unknown */
    uint32_t cpu_inside; /* 1 if cpu lies within its allowed set */
    int64_t pid;
    char host[64];
    char allowed[64]; /* the CPUs it may run on, as a list ("0-1") */
} ps_hello_worker;

/* Fills w for the calling thread (hwloc: its binding and where it runs). */
ps_status ps_hello_probe(ps_hello_worker *w, unsigned id, unsigned count, ps_msg *msg);

/* Every id 0..n-1 reported once with the right count, each CPU inside its allowed set, and either
 * one process (threads) or n distinct processes (ranks). */
ps_status ps_hello_check(const ps_hello_worker *w, unsigned n, bool one_process, char *result,
                         size_t len, ps_msg *msg);

/* Distinct processes (host, pid) and hosts among n reports. */
ps_status ps_hello_places(const ps_hello_worker *w, unsigned n, unsigned *processes,
                          unsigned *hosts, ps_msg *msg);

/* "4 processes on 1 host": for the record's detail column. */
void ps_hello_detail(const ps_hello_worker *w, unsigned n, char *detail, size_t len);

/* One line per worker, ordered by id. kind is "thread" or "rank". */
void ps_hello_show(FILE *out, const ps_hello_worker *w, unsigned n, const char *kind);

#endif
