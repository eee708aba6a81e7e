/* SPDX-License-Identifier: BSD-3-Clause */
/* Text from a results file as Markdown text: the one escaping that the report and the comparison
 * use for every field they quote, so that a record can forge no table cell, heading, link, code
 * span or HTML. */
#ifndef PS_MARKDOWN_H
#define PS_MARKDOWN_H

#include <stddef.h>

enum { PS_MD_MAX = 5 * 256 + 1 }; /* the longest text field, each byte as "&amp;" */

/* s into buf as text: '<', '>' and '&' as entities; '|', '`', '[', ']', '\\', '*', '_', '#', '!'
 * and '~' escaped with a backslash ('_' inside a word, where it starts no emphasis, left as it
 * is); line breaks and other control characters as spaces; cut (never inside an escape) where
 * buf is too small. Returns buf. */
const char *ps_md_escape(const char *s, char *buf, size_t size);

/* ps_md_escape into a buffer that lives until the end of the enclosing block: for printf's
 * arguments. */
#define PS_MD(s) ps_md_escape((s), (char[PS_MD_MAX]){0}, PS_MD_MAX)

/* The link from a report written to report (NULL or "-": the standard output, read from the
 * working directory) to the directory dir: relative to the report's own directory when both
 * exist, percent-encoded (every byte but letters, digits, "-._~/"), as CommonMark takes it. */
const char *ps_md_link(const char *dir, const char *report, char *buf, size_t size);

#endif
