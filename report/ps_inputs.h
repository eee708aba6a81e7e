/* SPDX-License-Identifier: BSD-3-Clause */
/* The result files a report reads, checked before any is read: each file once (one file under two
 * names, or given twice, would count its records as twice the evidence), none a directory, and
 * none the file that --output replaces. */
#ifndef PS_INPUTS_H
#define PS_INPUTS_H

#include "ps_status.h"

/* output: --output as given, or NULL. */
ps_status ps_inputs_check(char *const *inputs, int n, const char *output, ps_msg *msg);

#endif
