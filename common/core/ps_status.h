/* SPDX-License-Identifier: BSD-3-Clause */
/* The single error contract of parsuite: every fallible function returns a ps_status and, on
 * failure, leaves a one-line message in a ps_msg. The values are the programs' exit codes. */
#ifndef PS_STATUS_H
#define PS_STATUS_H

typedef enum ps_status {
    PS_OK = 0,     /* success */
    PS_FAILED = 1, /* a result failed verification, or a task failed */
    PS_USAGE = 2,  /* bad input: an option, a value, a file the user named */
    PS_ENV = 3,    /* the environment: memory, an unwritable file, a missing runtime */
} ps_status;

typedef struct ps_msg {
    char text[512];
} ps_msg;

/* Formats the message, one line (control characters in it are written as C escapes: \n, \x01),
 * and returns status, so that callers can write `return ps_fail(...)`. */
ps_status ps_fail(ps_msg *msg, ps_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The worse of two statuses (usage and environment errors outrank a failed check). */
ps_status ps_status_worst(ps_status a, ps_status b);

#endif
