# SPDX-License-Identifier: BSD-3-Clause
"""The pools the questions' Python uses, of threads or of processes, started alike. Processes
start from a fork server (a clean single-threaded process) rather than by forking this one: a pool
runs threads of its own, and a fork taken while one of them held a lock copies the lock held into
the child, which then waits for ever (seen here: a worker stuck at its start under load)."""

import concurrent.futures
import multiprocessing
import os
import tempfile
from multiprocessing import pool as mp_pool

SUN_PATH = 107  # a Unix socket's path, its NUL aside (Linux)


def short_temp_dir():
    """The fork server's socket is TMPDIR/pymp-XXXXXXXX/listener-XXXXXXXX: where a TMPDIR is too
    long for a Unix socket (a job's scratch directory on a cluster can be), the first usual
    temporary directory that takes it instead; None if TMPDIR serves."""
    if len(tempfile.gettempdir()) + 33 <= SUN_PATH:
        return None
    for d in ("/tmp", "/var/tmp", "/usr/tmp"):
        if os.path.isdir(d) and os.access(d, os.W_OK | os.X_OK):
            tempfile.tempdir = d
            return d
    return None


def executor(model, workers):
    """A concurrent.futures pool (submit, map, as_completed)."""
    if model == "processes":
        return concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("forkserver"))
    return concurrent.futures.ThreadPoolExecutor(workers)


def mapping_pool(model, workers):
    """A multiprocessing pool (Pool.map); ThreadPool is the same pool of threads."""
    if model == "processes":
        return multiprocessing.get_context("forkserver").Pool(workers)
    return mp_pool.ThreadPool(workers)


def close(pool):
    """Ends a pool, also on a signal: no worker outlives the program, no queued task runs on."""
    if hasattr(pool, "terminate"):
        pool.terminate()
    else:
        pool.shutdown(wait=True, cancel_futures=True)
