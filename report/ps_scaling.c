/* SPDX-License-Identifier: BSD-3-Clause */
/* The arithmetic of scaling (ps_scaling.h). */
#include "ps_scaling.h"

#include <math.h>

double ps_speedup(double t1, double tp)
{
    return tp > 0 ? t1 / tp : NAN;
}

double ps_efficiency(double speedup, double p)
{
    return p > 0 ? speedup / p : NAN;
}

double ps_karp_flatt(double speedup, double p)
{
    return p > 1 && speedup > 0 ? (1 / speedup - 1 / p) / (1 - 1 / p) : NAN;
}
