/* SPDX-License-Identifier: BSD-3-Clause */
/* What the report has half made (its temporary output, gnuplot's private directory and figures)
 * and a child it waits for: removed and ended if INT, TERM, HUP or QUIT ends the report, which
 * then ends by that signal as if it had none of its own. */
#ifndef PS_CLEANUP_H
#define PS_CLEANUP_H

#include <stdbool.h>
#include <sys/types.h>

/* Installs the handlers (once; later calls do nothing). */
void ps_cleanup_handle_signals(void);

/* path to unlink (dir: to rmdir) if a signal comes, removed in the reverse order of adding: a
 * slot for ps_cleanup_forget, or -1 (out of slots or memory: the path is left to chance). */
int ps_cleanup_add(const char *path, bool dir);
void ps_cleanup_forget(int slot);

/* The child to end (with the same signal) and wait for before removing anything; 0: none. */
void ps_cleanup_child(pid_t pid);

#endif
