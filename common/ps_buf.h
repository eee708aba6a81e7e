/* A growable text buffer: records are formatted into one, then written with a single call. */
#ifndef PS_BUF_H
#define PS_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ps_buf {
    char *data;
    size_t len, cap;
    bool oom; /* an allocation failed: the contents are truncated */
} ps_buf;

void ps_buf_printf(ps_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ps_buf_clear(ps_buf *b);
void ps_buf_free(ps_buf *b);

#endif
