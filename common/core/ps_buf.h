/* SPDX-License-Identifier: BSD-3-Clause */
/* A growable text buffer: records are formatted into one, then written with a single call; and
 * the growth of growable arrays. */
#ifndef PS_BUF_H
#define PS_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ps_buf {
    char *data;
    size_t len, cap;
    bool oom; /* an allocation failed: the contents are truncated */
} ps_buf;

/* Room for one more element in a growable array: *data holds n elements of elem bytes in room for
 * *cap; doubled (from 8) when full. false, with the array untouched, when memory runs out. */
bool ps_array_grow(void *data, size_t *cap, size_t n, size_t elem);

void ps_buf_printf(ps_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s as one CSV field (quoted where it holds a comma, a quote or a line break), or as a JSON
 * string. */
void ps_buf_csv(ps_buf *b, const char *s);
void ps_buf_json(ps_buf *b, const char *s);
/* s made fit for a record, in place: valid UTF-8 (a byte that starts no whole character becomes
 * '?', a character cut short at the end is dropped) without control characters (each a space),
 * so that a record is one line that every reader takes, whatever the environment held. */
void ps_text_clean(char *s);
void ps_buf_clear(ps_buf *b);
void ps_buf_free(ps_buf *b);

#endif
