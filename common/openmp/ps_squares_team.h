/* SPDX-License-Identifier: BSD-3-Clause */
/* The squares check (ps_squares_check) with a team of OpenMP threads, each comparing its part:
 * the check runs after every repetition, so at large sizes one thread checking would take longer
 * than the team squaring. Library parsuite_openmp. */
#ifndef PS_SQUARES_TEAM_H
#define PS_SQUARES_TEAM_H

#include "ps_status.h"

#include <stddef.h>
#include <stdint.h>

ps_status ps_squares_check_team(unsigned threads, const uint64_t *out, uint64_t n, char *result,
                                size_t len, ps_msg *msg);

#endif
