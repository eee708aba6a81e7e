/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_gnuplot.h"

#include "ps_cleanup.h"
#include "ps_temp.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { MAX_FIGURES = 256 };
static const char marker[] = "parsuite-figure ";

/* The plots' directory: made if missing, a directory, and ours (or root's, as /tmp is: another
 * user who owns it could swap what is in it under us). */
static ps_status plots_dir(const char *dir, ps_msg *msg)
{
    struct stat sb;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return ps_fail(msg, PS_ENV, "--plots: cannot make '%s': %s", dir, strerror(errno));
    if (lstat(dir, &sb) != 0)
        return ps_fail(msg, PS_ENV, "--plots: '%s': %s", dir, strerror(errno));
    if (S_ISLNK(sb.st_mode) && stat(dir, &sb) != 0)
        return ps_fail(msg, PS_ENV, "--plots: '%s': %s", dir, strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return ps_fail(msg, PS_USAGE, "--plots: '%s' is not a directory", dir);
    if (sb.st_uid != geteuid() && sb.st_uid != 0)
        return ps_fail(msg, PS_USAGE,
                       "--plots: '%s' belongs to another user (uid %u), who could replace what "
                       "is drawn there: choose a directory of your own",
                       dir, (unsigned)sb.st_uid);
    return PS_OK;
}

/* The script as gnuplot gets it: a line naming each figure before its "set output", so that its
 * messages can be told apart. Figure names are the report's own (checked names); each is one to
 * remove from work if a signal ends the report (its cleanup slot in slots). */
static void mark_figures(FILE *gp, const char *text, const char *work, int *slots, size_t *count)
{
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) + 1 : strlen(line);
        if (!strncmp(line, "set output '", 12)) {
            const char *name = line + 12;
            size_t n = strcspn(name, "'\n");
            fprintf(gp, "print '%s%.*s'\n", marker, (int)n, name);
            char path[PATH_MAX];
            if (*count < MAX_FIGURES &&
                snprintf(path, sizeof path, "%s/%.*s", work, (int)n, name) < (int)sizeof path)
                slots[(*count)++] = ps_cleanup_add(path, false);
        }
        fwrite(line, 1, len, gp);
        line += len;
    }
}

/* The figures gnuplot drew, moved from the private directory into the plots' directory. */
static ps_status move_figures(int from, int to, const char *dir, ps_msg *msg)
{
    ps_status st = PS_OK;
    DIR *d = fdopendir(dup(from));
    for (struct dirent *e; d && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        if (renameat(from, e->d_name, to, e->d_name) != 0 && !st)
            st = ps_fail(msg, PS_ENV, "--plots: cannot write '%s/%s': %s", dir, e->d_name,
                         strerror(errno));
        unlinkat(from, e->d_name, 0); /* if it could not be moved */
    }
    if (d)
        closedir(d);
    else
        st = ps_fail(msg, PS_ENV, "--plots: cannot read what gnuplot drew: %s", strerror(errno));
    return st;
}

/* gnuplot's log: for each figure, the first line that is an error (not a warning, not a marker,
 * not the script echoed back), as "NAME: LINE; ...". */
static size_t failed_figures(int log, char *out, size_t len)
{
    size_t failed = 0, used = 0;
    off_t size = lseek(log, 0, SEEK_END);
    char *text = size > 0 ? malloc((size_t)size + 1) : NULL;
    ssize_t got = text ? pread(log, text, (size_t)size, 0) : 0;
    out[0] = '\0';
    if (got <= 0) {
        free(text);
        return 0;
    }
    text[got] = '\0';
    char figure[64] = "(before any figure)", *save = NULL;
    bool told = false;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        line += strspn(line, " \t");
        if (!strncmp(line, marker, sizeof marker - 1)) {
            snprintf(figure, sizeof figure, "%s", line + sizeof marker - 1);
            told = false;
        } else if (!told && *line && !strstr(line, "warning:") && strstr(line, "line ") &&
                   strchr(line, ':')) {
            int n = snprintf(out + used, len - used, "%s%s: %s", failed ? "; " : "", figure, line);
            used = n > 0 && (size_t)n < len - used ? used + (size_t)n : len - 1;
            failed++, told = true;
        }
    }
    free(text);
    return failed;
}

/* The script again for SVG: every "set terminal pngcairo" a "set terminal svg", every figure's
 * ".png" a ".svg" (the report's own lines: names were checked where they were written). */
static void svg_pass(FILE *out, const char *text)
{
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) + 1 : strlen(line), n;
        if (!strncmp(line, "set terminal pngcairo", 21)) {
            fprintf(out, "set terminal svg%.*s", (int)(len - 21), line + 21);
        } else if (!strncmp(line, "set output '", 12) && (n = strcspn(line + 12, "'\n")) > 4 &&
                   !strncmp(line + 12 + n - 4, ".png", 4)) {
            fprintf(out, "set output '%.*s.svg%.*s", (int)n - 4, line + 12, (int)(len - 12 - n),
                    line + 12 + n);
        } else {
            fwrite(line, 1, len, out);
        }
        line += len;
    }
}

/* The script, written in memory first (*text: the caller frees it): the figures as PNG, then as
 * SVG. */
static ps_status script_text(void (*script)(FILE *gp, const void *arg), const void *arg,
                             char **text, ps_msg *msg)
{
    size_t len = 0;
    FILE *mem = open_memstream(text, &len);
    if (!mem)
        return ps_fail(msg, PS_ENV, "out of memory for the plot script");
    script(mem, arg);
    fflush(mem);
    char *png = strdup(*text ? *text : "");
    if (png)
        svg_pass(mem, png);
    free(png);
    if (fclose(mem) == 0 && png)
        return PS_OK;
    free(*text);
    *text = NULL;
    return ps_fail(msg, PS_ENV, "out of memory for the plot script");
}

/* figures.gp beside the figures: what drew them, so that `gnuplot figures.gp` in the plots'
 * directory draws them again (its data inline), or an edited copy restyles them. */
static ps_status keep_script(int from, const char *work, const char *text, int *slots,
                             size_t *figures, ps_msg *msg)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/figures.gp", work) < (int)sizeof path)
        slots[(*figures)++] = ps_cleanup_add(path, false);
    int fd = openat(from, "figures.gp", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    size_t len = strlen(text);
    ssize_t put = fd >= 0 ? write(fd, text, len) : -1;
    int err = errno;
    if (fd >= 0 && close(fd) != 0 && put == (ssize_t)len)
        put = -1, err = errno;
    if (put != (ssize_t)len)
        return ps_fail(msg, PS_ENV, "--plots: cannot write the figures' script: %s",
                       put < 0 ? strerror(err) : "short write");
    return PS_OK;
}

/* gnuplot, run in the directory from with its messages going to log, fed the script with each
 * figure marked (mark_figures); *code: its exit status, -1 if a signal ended it. */
static ps_status gnuplot_run(int from, int log, const char *text, const char *work, int *slots,
                             size_t *figures, int *code, ps_msg *msg)
{
    int in[2];
    if (pipe2(in, O_CLOEXEC) != 0)
        return ps_fail(msg, PS_ENV, "cannot start gnuplot: %s", strerror(errno));
    pid_t pid = fork();
    int forked = errno;
    if (pid > 0)
        ps_cleanup_child(pid); /* a signal now ends gnuplot too */
    if (pid == 0) {
        if (fchdir(from) != 0)
            _exit(126);
        dup2(in[0], 0), dup2(log, 1), dup2(log, 2);
        execlp("gnuplot", "gnuplot", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    if (pid < 0) {
        close(in[1]);
        return ps_fail(msg, PS_ENV, "cannot start gnuplot: %s", strerror(forked));
    }
    FILE *gp = fdopen(in[1], "w");
    if (gp) {
        void (*pipe_was)(int) = signal(SIGPIPE, SIG_IGN); /* gnuplot may end early */
        mark_figures(gp, text, work, slots, figures);
        fclose(gp);
        signal(SIGPIPE, pipe_was);
    } else {
        close(in[1]);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    ps_cleanup_child(0);
    *code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return PS_OK;
}

ps_status ps_gnuplot(const char *dir, void (*script)(FILE *gp, const void *arg), const void *arg,
                     ps_msg *msg)
{
    char *text = NULL, work[PATH_MAX];
    ps_status st = plots_dir(dir, msg);
    if (!st)
        st = script_text(script, arg, &text, msg);
    if (st)
        return st;
    int log = ps_unnamed_file(ps_temp_dir());
    if (log < 0) {
        free(text);
        return ps_fail(msg, PS_ENV,
                       "cannot make a temporary file for gnuplot's messages in '%s': %s",
                       ps_temp_dir(), strerror(errno));
    }
    int to = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), from = -1;
    int slots[MAX_FIGURES + 1];
    size_t figures = 0;
    ps_cleanup_handle_signals();
    if (snprintf(work, sizeof work, "%s/.parsuite-plots.XXXXXX", dir) >= (int)sizeof work ||
        to < 0 || !mkdtemp(work) || (from = open(work, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
        st = ps_fail(msg, PS_ENV, "--plots: cannot draw in '%s': %s", dir, strerror(errno));
    if (from >= 0)
        slots[figures++] = ps_cleanup_add(work, true);
    if (!st && figures < MAX_FIGURES)
        st = keep_script(from, work, text, slots, &figures, msg);
    int code = -1;
    bool ran = !st && !(st = gnuplot_run(from, log, text, work, slots, &figures, &code, msg));
    free(text);
    ps_msg moved;
    ps_status mst = from >= 0 ? move_figures(from, to, dir, &moved) : PS_OK;
    if (from >= 0)
        close(from), rmdir(work);
    while (figures > 0)
        ps_cleanup_forget(slots[--figures]);
    if (to >= 0)
        close(to);
    char why[sizeof msg->text - 64];
    size_t failed = ran && code != 0 && code != 127 ? failed_figures(log, why, sizeof why) : 0;
    close(log);
    if (st)
        return st;
    if (code == 127)
        return ps_fail(msg, PS_ENV, "gnuplot is not installed (apt-get install gnuplot-nox)");
    if (mst)
        return *msg = moved, mst;
    if (code == 0)
        return PS_OK;
    if (failed)
        return ps_fail(msg, PS_ENV, "gnuplot could not draw %zu figure%s in '%s': %s", failed,
                       failed == 1 ? "" : "s", dir, why);
    return ps_fail(msg, PS_ENV, "gnuplot failed (exit %d) in '%s'", code, dir);
}
