/* SPDX-License-Identifier: BSD-3-Clause */
#include "ps_cleanup.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { SLOTS = 300 }; /* an output, gnuplot's directory and its figures */

/* A slot is written whole before the count shows it; the handler only reads. */
static char *volatile paths[SLOTS];
static volatile bool dirs[SLOTS];
static volatile sig_atomic_t used, child;
static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

static void on_signal(int sig)
{
    int e = errno;
    if (child > 0) {
        kill((pid_t)child, sig);
        while (waitpid((pid_t)child, NULL, 0) < 0 && errno == EINTR) {
        }
    }
    for (int i = (int)used - 1; i >= 0; i--)
        if (paths[i])
            (void)(dirs[i] ? rmdir(paths[i]) : unlink(paths[i]));
    /* ends by sig once the handler returns (sig is blocked until then) */
    signal(sig, SIG_DFL);
    raise(sig);
    errno = e;
}

void ps_cleanup_handle_signals(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    for (size_t i = 0; i < sizeof signals / sizeof *signals; i++) {
        struct sigaction was, sa = {.sa_handler = on_signal};
        sigfillset(&sa.sa_mask);
        /* a signal ignored on purpose (nohup's HUP) stays ignored */
        if (sigaction(signals[i], NULL, &was) == 0 && was.sa_handler != SIG_IGN)
            sigaction(signals[i], &sa, NULL);
    }
}

int ps_cleanup_add(const char *path, bool dir)
{
    char *copy = used < SLOTS ? strdup(path) : NULL;
    if (!copy)
        return -1;
    int slot = (int)used;
    paths[slot] = copy;
    dirs[slot] = dir;
    used = slot + 1;
    return slot;
}

void ps_cleanup_forget(int slot)
{
    if (slot < 0 || slot >= (int)used)
        return;
    char *p = paths[slot];
    paths[slot] = NULL;
    free(p);
    while (used > 0 && !paths[used - 1])
        used--;
}

void ps_cleanup_child(pid_t pid)
{
    child = pid;
}
