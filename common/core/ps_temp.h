/* SPDX-License-Identifier: BSD-3-Clause */
/* Temporary files that nothing has to remove: they have no name, so the kernel frees them when
 * their descriptor closes, also when a signal ends the process. */
#ifndef PS_TEMP_H
#define PS_TEMP_H

/* $TMPDIR, or /tmp. */
const char *ps_temp_dir(void);

/* A new file in dir, open for reading and writing, that no one else can see: O_TMPFILE, or where
 * the file system cannot make one, mkstemp's name unlinked at once. -1 with errno on failure. */
int ps_unnamed_file(const char *dir);

#endif
