# SPDX-License-Identifier: BSD-3-Clause
"""Question 3's "if one process crashes, it typically doesn't affect other processes", in Python:
N tasks, one of which (--fail-at, else the middle one) dies of a real fault (a write to a page
mapped without access: SIGSEGV, not an exception), as parsuite-omp crash does. Threads of a
ThreadPoolExecutor die with their one process (run in a child here, so that the program can count
what it lost); a ProcessPoolExecutor breaks (BrokenProcessPool: every task not yet back fails);
a multiprocessing.Pool forks a worker for the dead one and never returns the dead one's result,
so a progress watchdog (nothing moved for 0.5 s, or for five times the pool's start if that is
longer) ends the wait that would last for ever. Each task's state lives in shared memory the fault
cannot reach."""

import concurrent.futures
import ctypes
import multiprocessing
import os
import resource
import signal
import time
from multiprocessing import sharedctypes

VARIANTS = {"threads": ("executor",), "processes": ("executor", "pool")}
QUESTION = "Q3"
SIZE = ("tasks", 32, 100_000, 32, 16)  # option, default, max, sweep, quick
OPTIONS = "--tasks --latency-us --fail-at"
DEMO = True
LATENCY_US = 1000  # each task's length unless --latency-us says
NOT_RUN, STARTED, DONE = 0, 1, 2
PR_SET_PDEATHSIG, PR_SET_DUMPABLE = 1, 4
PROT_NONE, MAP_PRIVATE, MAP_ANONYMOUS = 0, 0x02, 0x20

_shared = {}  # in a worker process: the state of every task, the fault's task, the latency


def value(t):
    """Task t's result, as parsuite-omp's."""
    return (t + 1) * (t + 1)


def _fault():
    """SIGSEGV, here and now, and no core file (also where core_pattern pipes to a collector)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mmap.restype = ctypes.c_void_p
    libc.mmap.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int,
                          ctypes.c_int, ctypes.c_long)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    guard = libc.mmap(None, os.sysconf("SC_PAGESIZE"), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
                      -1, 0)
    if guard in (None, ctypes.c_void_p(-1).value):
        os._exit(3)  # no page to fault on: an environment failure, seen as a worker that died
    ctypes.memset(guard, 1, 1)


def _attach(state, started, fault, latency_us):
    """A worker process's start: the shared state, and one more worker counted. It dies with the
    process that made it (the fork server, or the executor's own process)."""
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    signal.signal(signal.SIGSEGV, signal.SIG_DFL)  # a fault kills, whatever handler came before
    _shared.update(state=state, fault=fault, latency_us=latency_us)
    with started.get_lock():
        started.value += 1


def _task(t):
    state = _shared["state"]
    state[t] = STARTED
    time.sleep(_shared["latency_us"] / 1e6)
    if t == _shared["fault"]:
        _fault()
    state[t] = DONE
    return value(t)


class Run:
    """The shared memory of one run, and what came back to the caller."""

    def __init__(self, model, workers):
        self.model, self.workers = model, workers

    def terminate(self):
        pass


def _child_start():
    """A child of this program: it dies with it, and a signal does what it does by default."""
    if ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        os._exit(3)
    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGSEGV):
        signal.signal(number, signal.SIG_DFL)


def _threads_child(n, workers, state, fault, latency_us):
    """A process whose threads run the tasks: a fault in any of them ends it, results and all."""
    _child_start()
    _shared.update(state=state, fault=fault, latency_us=latency_us)
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        returned = list(pool.map(_task, range(n)))
    os._exit(0 if len(returned) == n else 1)  # never: the fault's task ended the process


def _executor_child(n, workers, state, started, fault, latency_us, back, flags, quiet_s):
    """A process of its own for the ProcessPoolExecutor (its workers forked from it): a worker's
    death can deadlock the executor (seen with Debian 12's Python 3.11.2 under load: no
    BrokenProcessPool, and a shutdown that waits for ever), and this process ends anyway
    (os._exit), its workers with it. What came back goes to back, broke and hung to flags."""
    _child_start()
    pool = concurrent.futures.ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("fork"), initializer=_attach,
        initargs=(state, started, fault, latency_us))
    asked = [pool.submit(_task, t) for t in range(n)]
    flags[1] = not _watch([f.done for f in asked], state, started, workers, quiet_s)
    for t, f in enumerate(asked):
        if f.done() and not f.cancelled() and f.exception() is None:
            back[t] = f.result()
        elif f.done() and isinstance(f.exception(), concurrent.futures.process.BrokenProcessPool):
            flags[0] = 1
    os._exit(0)


def _watch(ready, state, started, workers, quiet_s, bound_s=60.0):
    """Waits until every task is ready(); False when nothing moved (no task started, finished or
    came back) for quiet_s once the workers were up, or after bound_s in all: the watchdog that
    ends a wait that would last for ever."""
    begun = last = time.monotonic()
    seen = None
    while not all(r() for r in ready):
        now, moved = time.monotonic(), (bytes(state), sum(r() for r in ready), started.value)
        if moved != seen or started.value < workers:
            seen, last = moved, now
        elif now - last >= quiet_s or now - begun >= bound_s:
            return False
        time.sleep(0.001)
    return True


def run(ctx, variant, n, plan):
    """What one run left: per task its state and its result if it came back (else None), the
    workers started and whether the processes died, broke or hung."""
    fault, latency_us = plan["fault"], plan["latency_us"]
    quiet_s = max(0.5, 50 * latency_us / 1e6)
    forkserver = multiprocessing.get_context("forkserver")
    state = sharedctypes.RawArray("B", n)
    started = forkserver.Value("Q", 0)
    out = {"returned": [None] * n, "state": state, "started": started, "quiet_s": quiet_s,
           "broken": False, "hung": False, "exitcode": None, "workers": ctx.workers}
    if ctx.model == "threads":
        child = multiprocessing.get_context("fork").Process(
            target=_threads_child, args=(n, ctx.workers, state, fault, latency_us), daemon=True)
        child.start()
        child.join()
        out["exitcode"] = child.exitcode
        return out
    initargs = (state, started, fault, latency_us)
    if variant == "executor":
        back, flags = sharedctypes.RawArray("Q", n), sharedctypes.RawArray("B", 2)
        out["quiet_s"] = quiet_s = max(2.0, quiet_s)
        child = multiprocessing.get_context("fork").Process(
            target=_executor_child,  # not a daemon: a daemon may have no children
            args=(n, ctx.workers, state, started, fault, latency_us, back, flags, quiet_s))
        child.start()
        child.join(90)  # the watchdog's 60 s at most, and the executor's start
        if child.is_alive():
            child.kill()
            child.join()
            flags[1] = 1
        out["returned"] = [x or None for x in back]  # a result is (t + 1)^2: never 0
        out["broken"], out["hung"] = bool(flags[0]), bool(flags[1])
        return out
    t0 = time.monotonic()
    pool = forkserver.Pool(ctx.workers, initializer=_attach, initargs=initargs)
    try:
        while started.value < ctx.workers and time.monotonic() - t0 < 60:
            time.sleep(0.001)
        # the dead worker's successor takes a start: on a loaded machine (seen in CI) over 0.5 s
        out["quiet_s"] = quiet_s = max(quiet_s, 5 * (time.monotonic() - t0))
        asked = [pool.apply_async(_task, (t,)) for t in range(n)]
        out["hung"] = not _watch([r.ready for r in asked], state, started, ctx.workers, quiet_s)
        for t, r in enumerate(asked):
            if r.ready() and r.successful():
                out["returned"][t] = r.get()
    finally:
        pool.terminate()
        pool.join()
    return out


OPEN = Run


def check(variant, n, plan, out):
    """What the model promises survived: threads, nothing (the process died); a
    ProcessPoolExecutor, what came back before it broke; a Pool, every task but the fault's,
    whose result never comes."""
    fault = plan["fault"]
    state = list(out["state"])
    result = f"task {fault} of {n} faulted (SIGSEGV)"
    wrong = [t for t, x in enumerate(out["returned"]) if x is not None and x != value(t)]
    if wrong:
        t = wrong[0]
        return False, f"task {t} came back as {out['returned'][t]}, not {value(t)}", ""
    back = sum(x is not None for x in out["returned"])
    finished, ran = state.count(DONE), n - state.count(NOT_RUN)
    lost = [t for t in range(n) if out["returned"][t] is None]
    lost_done = sum(state[t] == DONE for t in lost)
    how = (f"finished {lost_done}, running {sum(state[t] == STARTED for t in lost)}, "
           f"never ran {sum(state[t] == NOT_RUN for t in lost)}")
    if state[fault] != STARTED:
        return False, f"task {fault}, the fault's, {'finished' if state[fault] else 'never ran'}", ""
    if variant == "executor" and out["exitcode"] is not None:  # threads
        died = out["exitcode"] == -signal.SIGSEGV
        ok = died and back == 0
        detail = f"the process died: survived 0 of {n}; lost {n} ({how})" if ok else \
            f"the process ended with exit code {out['exitcode']}, not SIGSEGV"
        return ok, result, detail
    replaced = out["started"].value > out["workers"]
    if variant == "executor":
        ok = (out["broken"] or out["hung"]) and fault in lost
        how_pool = "broke (BrokenProcessPool)" if out["broken"] else \
            f"hung instead of breaking (nothing moved for {out['quiet_s']:.2f} s: watchdog)"
        detail = (f"1 worker process died, the executor {how_pool}: survived {back} of {n}; lost "
                  f"{len(lost)} ({how})") if ok else \
            f"the executor did not break: {back} of {n} came back, {finished} finished"
        return ok, result, detail
    ok = out["hung"] and lost == [fault]
    detail = (f"1 worker process died, the pool {'forked another and ' if replaced else ''}hung "
              f"(nothing moved for {out['quiet_s']:.2f} s: watchdog): survived {back} of {n}; lost 1 "
              f"(task {fault}); never ran {n - ran}") if ok else \
        f"the pool did not hang on the fault's task: {back} of {n} came back, lost {lost[:4]}"
    return ok, result, detail
