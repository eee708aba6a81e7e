# SPDX-License-Identifier: BSD-3-Clause
"""Question 2: what does a pool save over creating a worker for each task, in Python? The same N
tasks as parsuite-omp create (tasks.compute for --latency-us of steps, or empty), run by a pool
whose workers exist (concurrent.futures) or by a worker created for each task: a threading.Thread,
or a multiprocessing.Process under one of the start methods (fork copies this process, spawn
starts a fresh interpreter, forkserver forks a clean server process). W workers at a time: each
batch of W is started, runs its tasks and is joined. A process leaves its result in shared
memory (a RawArray), a thread in a list."""

import multiprocessing
import threading
from multiprocessing import sharedctypes

import pools
import tasks

VARIANTS = {"threads": ("pool", "thread"), "processes": ("pool", "fork", "forkserver", "spawn")}
QUESTION = "Q2"
SIZE = ("tasks", 8, 10_000_000, 2000, 500)  # option, default, max, sweep, quick
OPTIONS = "--tasks --latency-us"
SWEEP_OF = {"fork": (200, 50), "forkserver": (50, 10), "spawn": (50, 10)}  # an interpreter each


class Workers:
    """The pool of the pool variant, started and its workers up before the clock (the other
    variants leave it idle and create their workers as they go)."""

    def __init__(self, model, workers):
        self.model, self.workers = model, workers
        self.pool = pools.executor(model, workers)
        list(self.pool.map(tasks.compute, range(workers), [0] * workers))

    def terminate(self):
        pools.close(self.pool)


def _store(out, t, steps):
    out[t] = tasks.compute(t, steps)


def _batches(n, w):
    for first in range(0, n, w):
        yield range(first, min(n, first + w))


def _each_thread(ctx, n, steps):
    out = [None] * n
    for batch in _batches(n, ctx.workers):
        started = [threading.Thread(target=_store, args=(out, t, steps)) for t in batch]
        for th in started:
            th.start()
        for th in started:
            th.join()
    return out


def _each_process(ctx, method, n, steps):
    start = multiprocessing.get_context(method)
    out = sharedctypes.RawArray("Q", n)
    for batch in _batches(n, ctx.workers):
        started = [start.Process(target=_store, args=(out, t, steps), daemon=True) for t in batch]
        try:
            for p in started:
                p.start()
        finally:
            for p in started:
                if p.pid is not None:
                    p.join()
        for t, p in zip(batch, started):
            if p.exitcode != 0:
                raise ChildProcessError(f"create: the process of task {t} (pid {p.pid}) ended: "
                                        f"exit code {p.exitcode}")
    return list(out)


def run(ctx, variant, n, plan):
    """Every task's result, by task."""
    steps = plan.get("steps", 0)
    if variant == "pool":
        return list(ctx.pool.map(tasks.compute, range(n), [steps] * n))
    if variant == "thread":
        return _each_thread(ctx, n, steps)
    return _each_process(ctx, variant, n, steps)


OPEN = Workers


def check(_variant, n, plan, out):
    steps = plan.get("steps", 0)
    ok = sum(1 for t, x in enumerate(out) if x == tasks.closed_form(t, steps))
    detail = f"tasks of {steps} compute steps" if steps else \
        "empty tasks: the time is handing each to a worker"
    return ok == n == len(out), f"{ok} of {n} tasks verified", detail
