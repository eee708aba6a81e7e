/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_plan.h"

#include "ps_buf.h"
#include "ps_cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ps_status ps_plan_read(const char *path, char **text, size_t *len, ps_msg *msg)
{
    *text = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ps_fail(msg, PS_USAGE, "--plan: cannot read '%s': %s", path, strerror(errno));
    char *buf = malloc(PS_PLAN_MAX_BYTES + 1);
    size_t n = buf ? fread(buf, 1, PS_PLAN_MAX_BYTES + 1, f) : 0;
    int err = ferror(f);
    fclose(f);
    if (!buf)
        return ps_fail(msg, PS_ENV, "--plan: out of memory");
    ps_status st = PS_OK;
    if (err)
        st = ps_fail(msg, PS_USAGE, "--plan: cannot read '%s' (a directory?)", path);
    else if (n > PS_PLAN_MAX_BYTES)
        st =
            ps_fail(msg, PS_USAGE, "--plan: '%s' is larger than %d bytes", path, PS_PLAN_MAX_BYTES);
    else if (memchr(buf, '\0', n))
        st = ps_fail(msg, PS_USAGE, "--plan: '%s' is not a text file (it holds a NUL byte)", path);
    if (st) {
        free(buf);
        return st;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return PS_OK;
}

/* Options that belong to the launch, not to a point. */
static const char *const launch_only[] = {"plan",  "output", "format", "quiet",   "threads",
                                          "check", "list",   "help",   "version", NULL};

static ps_status refuse_launch_option(const char *word, unsigned line, ps_msg *msg)
{
    if (strcmp(word, "-h") == 0 || strcmp(word, "-V") == 0) /* --help and --version, short */
        word = word[1] == 'h' ? "--help" : "--version";
    if (strncmp(word, "--", 2) != 0)
        return PS_OK;
    size_t len = strcspn(word + 2, "=");
    for (const char *const *o = launch_only; *o; o++)
        if (strlen(*o) == len && strncmp(word + 2, *o, len) == 0)
            return ps_fail(msg, PS_USAGE,
                           "--plan: line %u: --%s belongs to the command line, not to a point",
                           line, *o);
    return PS_OK;
}

/* The program's words, less --plan and its value: what every point shares. */
static int shared_words(int argc, char **argv, char **out)
{
    int n = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--plan") == 0) {
            i++;
            continue;
        }
        if (strncmp(argv[i], "--plan=", 7) != 0)
            out[n++] = argv[i];
    }
    return n;
}

/* Splits one line (NUL-ended, in place) into words after the shared ones; -1 if too many. */
static int split(char *line, char **words, int n)
{
    for (char *p = strtok(line, " \t\r"); p; p = strtok(NULL, " \t\r")) {
        if (n == PS_PLAN_MAX_WORDS * 2 + 1)
            return -1;
        words[n++] = p;
    }
    return n;
}

ps_status ps_plan_parse(char *text, size_t len, int argc, char **argv, ps_model model,
                        const ps_workload *const *workloads, ps_plan *plan, ps_msg *msg)
{
    *plan = (ps_plan){.text = text};
    char **words = calloc((size_t)argc + PS_PLAN_MAX_WORDS * 2 + 2, sizeof *words);
    if (!words)
        return ps_fail(msg, PS_ENV, "--plan: out of memory");
    words[0] = argv[0];
    const int shared = 1 + shared_words(argc, argv, words + 1);
    ps_status st = PS_OK;
    size_t cap = 0;
    unsigned line = 0;
    for (char *p = text, *next, *end = text + len; !st && p < end; p = next) {
        line++;
        char *nl = memchr(p, '\n', (size_t)(end - p));
        next = nl ? nl + 1 : end;
        if (nl)
            *nl = '\0';
        for (const char *c = p; *c && !st; c++)
            if ((unsigned char)*c < 0x20 && *c != '\t' && *c != '\r')
                st = ps_fail(msg, PS_USAGE, "--plan: line %u holds a control character (0x%02x)",
                             line, (unsigned)(unsigned char)*c);
        const char *first = p + strspn(p, " \t\r");
        if (st || *first == '\0' || *first == '#')
            continue;
        int n = split(p, words + shared, 0);
        if (n < 0 || n > PS_PLAN_MAX_WORDS) {
            st = ps_fail(msg, PS_USAGE, "--plan: line %u has more than %d words", line,
                         PS_PLAN_MAX_WORDS);
            break;
        }
        for (int i = 0; i < n && !st; i++)
            st = refuse_launch_option(words[shared + i], line, msg);
        if (st)
            break;
        if (plan->n == cap) {
            unsigned *lines = NULL;
            if (!ps_array_grow(&plan->points, &cap, plan->n, sizeof *plan->points) ||
                !(lines = realloc(plan->lines, cap * sizeof *plan->lines))) {
                st = ps_fail(msg, PS_ENV, "--plan: out of memory");
                break;
            }
            plan->lines = lines;
        }
        ps_options *o = &plan->points[plan->n];
        ps_msg why;
        st = ps_cli_parse(shared + n, words, model, workloads, o, &why);
        if (st)
            ps_fail(msg, st, "--plan: line %u: %s", line, why.text);
        else
            plan->lines[plan->n++] = line;
    }
    free(words);
    if (!st && plan->n == 0)
        st = ps_fail(msg, PS_USAGE,
                     "--plan: no points in it (a point is a line: WORKLOAD [options])");
    return st;
}

void ps_plan_free(ps_plan *plan)
{
    free(plan->text);
    free(plan->points);
    free(plan->lines);
    *plan = (ps_plan){0};
}
