#include "ps_gnuplot.h"

#include "ps_temp.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* gnuplot runs in the plots' directory (so that the directory's name is never part of the script)
 * without a shell, its messages kept aside and shown only if it fails. */
ps_status ps_gnuplot(const char *dir, void (*script)(FILE *gp, const void *arg), const void *arg,
                     ps_msg *msg)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return ps_fail(msg, PS_ENV, "--plots: cannot make '%s': %s", dir, strerror(errno));
    int log = ps_unnamed_file(ps_temp_dir()), in[2];
    if (log < 0 || pipe2(in, O_CLOEXEC) != 0) {
        int e = errno;
        if (log >= 0)
            close(log);
        return ps_fail(msg, PS_ENV, "cannot start gnuplot: %s", strerror(e));
    }
    pid_t pid = fork();
    if (pid == 0) {
        if (chdir(dir) != 0)
            _exit(126);
        dup2(in[0], 0), dup2(log, 1), dup2(log, 2);
        execlp("gnuplot", "gnuplot", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    FILE *gp = pid > 0 ? fdopen(in[1], "w") : NULL;
    if (gp) {
        void (*pipe_was)(int) = signal(SIGPIPE, SIG_IGN); /* gnuplot may end early */
        script(gp, arg);
        fclose(gp);
        signal(SIGPIPE, pipe_was);
    } else {
        close(in[1]);
    }
    int status = 0;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    char first[200] = "";
    ssize_t got = pread(log, first, sizeof first - 1, 0);
    first[got > 0 ? got : 0] = '\0';
    first[strcspn(first, "\n")] = '\0';
    close(log);
    int code = pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 0)
        return PS_OK;
    if (code == 126)
        return ps_fail(msg, PS_ENV, "--plots: cannot enter '%s'", dir);
    if (code == 127)
        return ps_fail(msg, PS_ENV, "gnuplot is not installed (apt-get install gnuplot-nox)");
    return ps_fail(msg, PS_ENV, "gnuplot failed (exit %d) in '%s': %s", code, dir, first);
}
