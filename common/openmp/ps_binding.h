/* SPDX-License-Identifier: BSD-3-Clause */
/* Provenance that only the OpenMP side can know: which runtime is loaded, and how a team of
 * workers is bound (each thread reads its own binding, as the runtime and the launcher left it).
 * In library parsuite_openmp. */
#ifndef PS_BINDING_H
#define PS_BINDING_H

#include <hwloc.h>
#include <stddef.h>

enum { PS_SOME_BOUND = 1, PS_SOME_UNBOUND = 2 };

/* The OpenMP runtime's file as loaded (dladdr, links resolved), or empty. */
void ps_openmp_runtime(char *buf, size_t len);

/* Runs a team of `threads` and returns which of PS_SOME_BOUND, PS_SOME_UNBOUND hold (a thread is
 * bound when it may run on fewer CPUs than the machine allows the process), and adds the CPUs the
 * threads may run on to cpus. 0 if the topology is not loaded. */
int ps_binding_probe(unsigned threads, hwloc_bitmap_t cpus);

/* "bound", "unbound", "partly bound", or "" for 0. */
const char *ps_binding_text(int state);

/* The distinct cores under cpus (processing units where the machine names no cores). */
unsigned ps_binding_cores(hwloc_const_bitmap_t cpus);

#endif
