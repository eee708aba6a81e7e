/* The squares check (ps_squares_check) with a team of OpenMP threads summing their parts: at 1e8
 * the serial sums take longer than the squaring itself, in every repetition. Library
 * parsuite_openmp. */
#ifndef PS_SQUARES_TEAM_H
#define PS_SQUARES_TEAM_H

#include "ps_status.h"

#include <stddef.h>
#include <stdint.h>

ps_status ps_squares_check_team(unsigned threads, const uint64_t *out, uint64_t n, char *result,
                                size_t len, ps_msg *msg);

#endif
