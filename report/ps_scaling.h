/* SPDX-License-Identifier: BSD-3-Clause */
/* The arithmetic of scaling, below everything that reports it. */
#ifndef PS_SCALING_H
#define PS_SCALING_H

/* Speedup t1/tp; efficiency S/p; Karp-Flatt e = (1/S - 1/p) / (1 - 1/p), NAN for p = 1. */
double ps_speedup(double t1, double tp);
double ps_efficiency(double speedup, double p);
double ps_karp_flatt(double speedup, double p);

#endif
