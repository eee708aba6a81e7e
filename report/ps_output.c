/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_output.h"

#include "ps_cleanup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool same_file(const struct stat *a, int fd)
{
    struct stat b;
    return fstat(fd, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

/* The standard stream that path names, if it names one. */
static FILE *standard_stream(const char *path, const struct stat *sb)
{
    if (!strcmp(path, "-") || same_file(sb, STDOUT_FILENO))
        return stdout;
    return same_file(sb, STDERR_FILENO) ? stderr : NULL;
}

static ps_status open_in_place(ps_output *o, const char *path, ps_msg *msg)
{
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || !(o->file = fdopen(fd, "w"))) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return ps_fail(msg, PS_ENV, "--output: cannot write '%s': %s", path, strerror(e));
    }
    return PS_OK;
}

static ps_status open_beside(ps_output *o, const char *path, ps_msg *msg)
{
    struct stat sb;
    mode_t mode;
    if (!realpath(path, o->path)) /* a new file: the name as given */
        snprintf(o->path, sizeof o->path, "%s", path);
    if (stat(o->path, &sb) == 0) {
        mode = sb.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    snprintf(o->tmp, sizeof o->tmp, "%s.XXXXXX", o->path);
    ps_cleanup_handle_signals();
    int fd = mkostemp(o->tmp, O_CLOEXEC);
    if (fd >= 0)
        o->slot = ps_cleanup_add(o->tmp, false);
    if (fd < 0 || fchmod(fd, mode) != 0 || !(o->file = fdopen(fd, "w"))) {
        int e = errno;
        if (fd >= 0)
            close(fd), unlink(o->tmp), ps_cleanup_forget(o->slot);
        o->tmp[0] = '\0';
        return ps_fail(msg, PS_ENV, "--output: cannot write next to '%s': %s", path, strerror(e));
    }
    return PS_OK;
}

ps_status ps_output_open(ps_output *o, const char *path, ps_msg *msg)
{
    struct stat sb;
    *o = (ps_output){.slot = -1};
    snprintf(o->path, sizeof o->path, "%s", path ? path : "-");
    if (!path || !strcmp(path, "-")) {
        o->file = stdout;
        return PS_OK;
    }
    if (stat(path, &sb) == 0 && (o->file = standard_stream(path, &sb)))
        return PS_OK;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        if (S_ISDIR(sb.st_mode))
            return ps_fail(msg, PS_USAGE, "--output: '%s' is a directory", path);
        return open_in_place(o, path, msg);
    }
    return open_beside(o, path, msg);
}

ps_status ps_output_close(ps_output *o, ps_status st, ps_msg *msg)
{
    const char *name = o->file == stdout ? "the standard output" : o->path;
    if (!o->file)
        return st;
    if (!st && fflush(o->file) != 0)
        st = ps_fail(msg, PS_ENV, "--output: cannot write '%s': %s", name, strerror(errno));
    if (!st && o->tmp[0] && fsync(fileno(o->file)) != 0)
        st = ps_fail(msg, PS_ENV, "--output: cannot write '%s': %s", name, strerror(errno));
    if (!st && ferror(o->file))
        st = ps_fail(msg, PS_ENV, "--output: cannot write '%s'", name);
    if (o->file != stdout && o->file != stderr && fclose(o->file) != 0 && !st)
        st = ps_fail(msg, PS_ENV, "--output: cannot write '%s': %s", name, strerror(errno));
    if (o->tmp[0]) {
        if (!st && rename(o->tmp, o->path) != 0)
            st =
                ps_fail(msg, PS_ENV, "--output: cannot replace '%s': %s", o->path, strerror(errno));
        if (st)
            unlink(o->tmp);
        ps_cleanup_forget(o->slot);
    }
    o->file = NULL;
    return st;
}
