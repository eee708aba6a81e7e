# SPDX-License-Identifier: BSD-3-Clause
"""Question 2: what does one more worker cost in memory, in Python? W workers, each writing a
working set of its own of --size KiB (an anonymous mapping between two inaccessible pages, so that
the kernel keeps it apart from its neighbours), all alive when the kernel's accounting is read, as
parsuite-omp footprint does: threading.Thread, or multiprocessing.Process under a start method
(fork copies this process, spawn starts a fresh interpreter, forkserver forks a clean server).
What a worker adds is the proportional set size (PSS, /proc/PID/smaps_rollup) of the processes
that hold the workers (this one, the fork server) and the workers, less theirs before, over W; the
check is each working set's own accounting in smaps: every page present and its worker's alone."""

import ctypes
import mmap
import multiprocessing
import os
import re
import threading

VARIANTS = {"threads": ("thread",), "processes": ("fork", "forkserver", "spawn")}
QUESTION = "Q2"
SIZE = ("size", 1024, 1 << 20, 1024, 256)  # KiB: option, default, max, sweep, quick
PAGE = mmap.PAGESIZE
PROT_NONE = 0  # <sys/mman.h>; the mmap module has PROT_READ and PROT_WRITE only
_LIBC = ctypes.CDLL(None, use_errno=True)
_LIBC.mprotect.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int)


class WorkingSet:
    """A working set of n KiB, its pages written with byte."""

    def __init__(self, kib, byte):
        self.bytes = kib * 1024
        self.map = mmap.mmap(-1, self.bytes + 2 * PAGE)
        view = ctypes.c_char.from_buffer(self.map)
        base = ctypes.addressof(view)
        del view  # an exported buffer would keep the map from closing
        for guard in (base, base + PAGE + self.bytes):
            if _LIBC.mprotect(guard, PAGE, PROT_NONE) != 0:
                raise OSError(ctypes.get_errno(), "mprotect")
        self.address = base + PAGE
        if hasattr(mmap, "MADV_NOHUGEPAGE"):
            self.map.madvise(mmap.MADV_NOHUGEPAGE, PAGE, self.bytes)
        self.byte = byte
        for k in range(PAGE, PAGE + self.bytes, PAGE):
            self.map[k] = byte

    def holds(self):
        return all(self.map[k] == self.byte for k in range(PAGE, PAGE + self.bytes, PAGE))

    def close(self):
        self.map.close()


FIELDS = ("Rss", "Pss", "Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty")


def smaps(pid, address=None):
    """A process's pages (address None: smaps_rollup's) or those of its mapping at address:
    {field: bytes}. OSError if the file or the mapping is not there."""
    path = f"/proc/{pid}/smaps_rollup" if address is None else f"/proc/{pid}/smaps"
    with open(path, encoding="ascii", errors="replace") as f:
        text = f.read()
    if address is not None:
        at = re.search(rf"^{address:08x}-.*\n((?:[A-Z][^\n]*\n)*)", text, re.M)
        if not at:
            raise OSError(f"footprint: no mapping at {address:#x} in {path}")
        text = at.group(1)
    found = dict(re.findall(r"^(\w+):\s+(\d+) kB$", text, re.M))
    if any(k not in found for k in FIELDS):
        raise OSError(f"footprint: {path} lacks one of {', '.join(FIELDS)}")
    return {k: int(found[k]) * 1024 for k in FIELDS}


def _private(m):
    return m["Private_Clean"] + m["Private_Dirty"]


def _parent_of_children(ctx):
    """The pid of the process this start method's children are forked from."""
    reader, writer = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_say_parent, args=(writer,), daemon=True)
    p.start()
    writer.close()
    pid = reader.recv()
    p.join()
    return pid


def _say_parent(writer):
    writer.send(os.getppid())


class Holders:
    """The processes that hold a variant's workers: this one and, for forkserver, its server."""

    def __init__(self, model, workers):
        self.model, self.workers, self.pids = model, workers, [os.getpid()]

    def pss(self):
        return sum(smaps(pid)["Pss"] for pid in self.pids)

    def terminate(self):
        pass


def open_holders(model, workers):
    return Holders(model, workers)


OPEN = open_holders


def _thread(kib, w, ready, go, sets, held):
    try:
        sets[w] = WorkingSet(kib, 1 + w % 255)
    except BaseException:
        ready.abort()  # the caller's wait ends: no mapping to account
        raise
    ready.wait()
    go.wait()
    held[w] = sets[w].holds()
    sets[w].close()


def _threads(ctx, kib):
    before = ctx.pss()
    ready, go = threading.Barrier(ctx.workers + 1), threading.Barrier(ctx.workers + 1)
    sets, held = [None] * ctx.workers, [False] * ctx.workers
    started = [threading.Thread(target=_thread, args=(kib, w, ready, go, sets, held))
               for w in range(ctx.workers)]
    for t in started:
        t.start()
    try:
        ready.wait()
        after = ctx.pss()
        mappings = [smaps(os.getpid(), ws.address) for ws in sets]
    except threading.BrokenBarrierError as e:
        raise OSError("footprint: a thread could not map its working set") from e
    finally:
        if ready.broken:
            go.abort()
        else:
            go.wait()
        for t in started:
            t.join()
    per = max(0, after - before) // ctx.workers
    return {"per_worker": per, "own": per, "mappings": mappings, "holds": all(held)}


def _process(kib, byte, ready, go):
    ws = WorkingSet(kib, byte)
    ready.send(ws.address)
    go.recv_bytes()  # the parent's word, or its end
    ready.send(ws.holds())


def _processes(ctx, method, kib):
    start = multiprocessing.get_context(method)
    if len(ctx.pids) == 1 and method == "forkserver":
        ctx.pids.append(_parent_of_children(start))
    before = ctx.pss()
    pipes = [(start.Pipe(), start.Pipe(duplex=False)) for _ in range(ctx.workers)]
    started = [start.Process(target=_process, daemon=True,
                             args=(kib, 1 + w % 255, ready[1], go[0]))
               for w, (ready, go) in enumerate(pipes)]
    try:
        for p, (ready, go) in zip(started, pipes):
            p.start()
            ready[1].close(), go[0].close()  # the child's ends: its end is seen here as EOF
        addresses = [ready[0].recv() for ready, _ in pipes]
        after = ctx.pss()
        mine = [smaps(p.pid) for p in started]
        mappings = [smaps(p.pid, a) for p, a in zip(started, addresses)]
        for _, go in pipes:
            go[1].send_bytes(b"go")
        holds = all(ready[0].recv() for ready, _ in pipes)
    except EOFError as e:
        raise ChildProcessError("footprint: a worker process ended before its accounting") from e
    finally:
        for p in started:
            if p.pid is not None:
                p.join(timeout=10)
                if p.is_alive():
                    p.kill()
                    p.join()
    per = max(0, after + sum(m["Pss"] for m in mine) - before) // ctx.workers
    return {"per_worker": per, "own": sum(_private(m) for m in mine) // ctx.workers,
            "mappings": mappings, "holds": holds}


def validate(kib):
    """What is wrong with --size, or None."""
    if kib % 4:
        return (f"--size: '{kib}' is not whole 4 KiB pages (footprint's working set, in KiB: "
                f"a multiple of 4)")
    return None


def run(ctx, variant, kib, _plan):
    """The repetition's figures: bytes one more worker adds, a worker's own, each working set's
    accounting."""
    return _threads(ctx, kib) if variant == "thread" else _processes(ctx, variant, kib)


def check(_variant, kib, _plan, out):
    bytes_ = kib * 1024
    for w, m in enumerate(out["mappings"]):
        if m["Rss"] != bytes_ or _private(m) != bytes_:
            return False, (f"footprint: worker {w}'s working set of {kib} KiB: {m['Rss'] // 1024} "
                           f"KiB present, {_private(m) // 1024} KiB private (expected all)"), ""
    if not out["holds"]:
        return False, "footprint: a working set lost what its worker wrote", ""
    return (True, f"{kib} KiB working set a worker, every page accounted",
            f"one more worker: {out['per_worker'] / 1024:.0f} KiB (PSS) with a working set of "
            f"{kib} KiB; its own pages {out['own'] / 1024:.0f} KiB (USS)")


def metrics(out):
    return {"worker_mib": out["per_worker"] / 1048576}
