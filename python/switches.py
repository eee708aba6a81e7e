# SPDX-License-Identifier: BSD-3-Clause
"""Question 1: is a switch between threads cheaper than one between processes, in Python? A token
goes round a ring of W workers, each blocked until it is handed the token, as parsuite-omp
switches does: threads through semaphores (threading.Semaphore: a lock and a condition), or
processes from the fork server through pipes (multiprocessing.Pipe). Hand-off k goes to worker
k mod W, and the worker that takes the last tells the others to stop. Workers 1..W-1 live as long
as the pool and report each round; the caller is worker 0. A token carries N in its high bits, so
a worker needs no word of the round's size beside it."""

import multiprocessing
import multiprocessing.connection
import queue
import resource
import struct
import threading


VARIANTS = ("ring",)
QUESTION = "Q1"
SIZE = ("size", 2000, 1_000_000_000, 20_000, 5_000)
STOP, EXIT = 1 << 63, 1 << 62
LOW = (1 << 32) - 1
TOKEN = struct.Struct("=Q")  # worker 0's inbox also takes reports and the news of an end:
REPORT = struct.Struct("=QQQQ")  # a worker's round: worker, tokens, stopped at, switches
ENDED = struct.Struct("=qq")  # a worker process ended: pid, exit code


def _switches():
    return resource.getrusage(resource.RUSAGE_THREAD).ru_nvcsw


def _round(send, recv, workers, me):
    """One round as worker me; (tokens taken, the value it stopped at, voluntary switches),
    or None when told to leave."""
    received, before = 0, _switches()
    while True:
        token = recv()
        if token & EXIT:
            return None
        if token & STOP:
            break
        received += 1
        n, k = token >> 32, token & LOW
        if k == n:  # the last: every other worker waits for a token
            for w in range(workers):
                if w != me:
                    send(w, STOP | token)
            break
        send((me + 1) % workers, token + 1)
    return received, (token & ~STOP) & LOW, _switches() - before


def _thread_worker(ring, me):
    while (done := _round(ring.send, lambda: ring.recv(me), ring.workers, me)) is not None:
        ring.queue.put((me, *done))


def _process_worker(me, workers, inbox, outboxes):
    def send(to, token):
        outboxes[to].send_bytes(TOKEN.pack(token))

    def recv():
        return TOKEN.unpack(inbox.recv_bytes())[0]

    while (done := _round(send, recv, workers, me)) is not None:
        outboxes[0].send_bytes(REPORT.pack(me, *done))  # to worker 0, beside its tokens


def _watch(processes, stop, inbox):
    """A thread of worker 0's: a worker process that ends tells worker 0 through its inbox, which
    would otherwise wait for ever; the hand-offs pay nothing for it."""
    sentinels = {p.sentinel: p for p in processes}
    ready = multiprocessing.connection.wait([stop, *sentinels])
    if stop not in ready:
        p = sentinels[ready[0]]
        p.join()
        inbox.send_bytes(ENDED.pack(p.pid, p.exitcode if p.exitcode is not None else -1))


def _ended(message):
    pid, code = ENDED.unpack(message)
    how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
    return ChildProcessError(f"switches: a worker (pid {pid}) ended: {how}")


class Ring:
    """The pool of this workload: W workers in a ring, worker 0 the caller."""

    def __init__(self, model, workers):
        self.model, self.workers, self.alive, self.reports = model, workers, [], []
        if model == "threads":
            self.sems = [threading.Semaphore(0) for _ in range(workers)]
            self.mailbox = [0] * workers
            self.queue = queue.SimpleQueue()
            for w in range(1, workers):
                t = threading.Thread(target=_thread_worker, args=(self, w), daemon=True)
                t.start()
                self.alive.append(t)
            return
        ctx = multiprocessing.get_context("forkserver")
        ends = [ctx.Pipe(duplex=False) for _ in range(workers)]
        self.inbox, self.outboxes = ends[0][0], [writer for _, writer in ends]
        for w in range(1, workers):
            p = ctx.Process(target=_process_worker, daemon=True,
                            args=(w, workers, ends[w][0], self.outboxes))
            p.start()
            self.alive.append(p)
        # both ends kept: the watch may end first (at terminate, when the workers do)
        self.stop_reader, self.stop_writer = ctx.Pipe(duplex=False)
        self.watch = threading.Thread(target=_watch, daemon=True,
                                      args=(self.alive, self.stop_reader, self.outboxes[0]))
        self.watch.start()

    def send(self, to, token):
        if self.model == "threads":
            self.mailbox[to] = token
            self.sems[to].release()
        else:
            self.outboxes[to].send_bytes(TOKEN.pack(token))

    def _take(self):
        """Worker 0's next message: a token (returned), a worker's account of its round (kept for
        report: None), or the news that a worker process ended (raised)."""
        message = self.inbox.recv_bytes()
        if len(message) == TOKEN.size:
            return TOKEN.unpack(message)[0]
        if len(message) != REPORT.size:
            raise _ended(message)
        self.reports.append(REPORT.unpack(message))  # a worker may be done before worker 0
        return None

    def recv(self, me):
        if self.model == "threads":
            self.sems[me].acquire()
            return self.mailbox[me]
        while (token := self._take()) is None:
            pass
        return token

    def report(self):
        """The next worker's account of the round."""
        if self.model == "threads":
            return self.queue.get()
        while not self.reports:
            self._take()  # once the round is over, no token comes
        return self.reports.pop(0)

    def terminate(self):
        """Every worker told to leave and waited for (a process that does not: killed)."""
        for w in range(1, self.workers):
            if self.model == "threads" or self.alive[w - 1].is_alive():
                self.send(w, EXIT)
        for worker in self.alive:
            worker.join(timeout=5)
            if self.model == "processes" and worker.is_alive():
                worker.kill()
                worker.join()
        if self.model == "processes":
            self.stop_writer.send_bytes(b"stop")
            self.watch.join()


def open_ring(model, workers):
    return Ring(model, workers)


OPEN = open_ring


def run(ring, _variant, n, _plan):
    """One round of n hand-offs; every worker's (worker, taken, stopped at, switches)."""
    ring.send(1 % ring.workers, (n << 32) | 1)
    mine = _round(ring.send, lambda: ring.recv(0), ring.workers, 0)
    return [(0, *mine)] + [ring.report() for _ in range(1, ring.workers)]


def _share(i, w, n):
    return n // w if i == 0 else (n - i) // w + 1 if i <= n else 0


def check(_variant, n, _plan, out):
    """Each worker its share of the n hand-offs and stopped at n, as the C programs check."""
    workers = len(out)
    for i, taken, last, _ in sorted(out):
        if taken != _share(i, workers, n):
            return False, f"switches: worker {i} was handed {taken} tokens, not " \
                f"{_share(i, workers, n)}", ""
        if last != n:
            return False, f"switches: worker {i} stopped at token {last}, not {n}", ""
    switches = sum(s for *_, s in out)
    return (True, f"the token handed on {n} times, each worker its share, all stopped",
            f"{switches / n:.2f} voluntary context switches a hand-off (the last round)")

