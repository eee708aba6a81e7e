# SPDX-License-Identifier: BSD-3-Clause
"""Question 1: waiting (I/O-bound) and computing (CPU-bound) tasks through a concurrent.futures
pool of threads or of processes. A waiting task sleeps; a computing task runs the C programs'
kernel (x <- a x + c modulo 2^61 - 1), calibrated to take as long as a wait. Threads overlap the
waits; only processes compute in parallel, since a thread holds the GIL while it computes."""

import statistics
import time

import pools

M61 = (1 << 61) - 1
LCG_A, LCG_C = 0x5DEECE66D, 11
VARIANTS_IO, VARIANTS_CPU = ("sleep",), ("compute",)
QUESTION = "Q1"
OPEN = pools.executor
SIZE = ("tasks", 32, 1_000_000, 32, 16)
OPTIONS, SWEEP_OPTIONS = "--tasks --latency-us --steps", "--latency-us 10000"
CALIBRATION_SAMPLES, OFF_PERCENT = 5, 25


def compute(t, steps):
    x = (t + 1) % M61
    for _ in range(steps):
        x = (LCG_A * x + LCG_C) % M61
    return x


def timed_compute(t, steps):
    """compute, and the CPU time its thread took: what the calibration promised, whatever else
    shares the core."""
    c0 = time.thread_time()
    x = compute(t, steps)
    return x, time.thread_time() - c0


def closed_form(t, steps):
    """a^n x0 + c (a^n - 1) / (a - 1), modulo the prime 2^61 - 1."""
    an = pow(LCG_A, steps, M61)
    geometric = (an - 1) * pow(LCG_A - 1, M61 - 2, M61) % M61
    return (an * ((t + 1) % M61) + LCG_C * geometric) % M61


def wait(latency):
    t0 = time.perf_counter()
    time.sleep(latency)
    return time.perf_counter() - t0


def calibrate(latency_us):
    """Kernel steps that take about latency_us of CPU here, measured now: the median of several
    timings of a count that takes 5 ms or more, in this thread's CPU time, which the other
    processes of a busy machine do not lengthen (its wall time did, by up to 10x)."""
    n = 1 << 10
    while timed_compute(n, n)[1] <= 0.005:
        n *= 2
    seconds = [timed_compute(n, n)[1] for _ in range(CALIBRATION_SAMPLES)]
    return max(1, int(n * latency_us * 1e-6 / statistics.median(seconds)))


def run(pool, variant, tasks, plan):
    if variant == "sleep":
        futures = [pool.submit(wait, plan["latency_us"] * 1e-6) for _ in range(tasks)]
    else:
        futures = [pool.submit(timed_compute, t, plan["steps"]) for t in range(tasks)]
    return [f.result() for f in futures]


def check(variant, tasks, plan, out):
    if variant == "sleep":
        ok = sum(1 for s in out if s >= plan["latency_us"] * 1e-6)
        detail = f"latency {plan['latency_us']} us"
    else:
        ok = sum(1 for t, (x, _) in enumerate(out) if x == closed_form(t, plan["steps"]))
        took = achieved_us(out)
        off = abs(took / plan["latency_us"] - 1) * 100 > OFF_PERCENT
        detail = (f"latency {plan['latency_us']} us; {plan['steps']} steps per compute task; "
                  f"a compute task took {took:.0f} us of CPU (median)"
                  f"{', over 25% off the latency' if off else ''}")
    return ok == tasks == len(out), f"{ok} of {tasks} tasks verified", detail


def achieved_us(out):
    return statistics.median(cpu for _, cpu in out) * 1e6


def metrics(out):
    return {"latency_us": achieved_us(out)} if out and isinstance(out[0], tuple) else {}
