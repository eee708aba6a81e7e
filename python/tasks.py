# SPDX-License-Identifier: BSD-3-Clause
"""Question 1: waiting (I/O-bound) and computing (CPU-bound) tasks through a concurrent.futures
pool of threads or of processes. A waiting task sleeps; a computing task runs the C programs'
kernel (x <- a x + c modulo 2^61 - 1), calibrated to take as long as a wait. Threads overlap the
waits; only processes compute in parallel, since a thread holds the GIL while it computes."""

import time

import pools

M61 = (1 << 61) - 1
LCG_A, LCG_C = 0x5DEECE66D, 11
VARIANTS_IO, VARIANTS_CPU = ("sleep",), ("compute",)
QUESTION = "Q1"
OPEN = pools.executor
SIZE = ("tasks", 32, 1_000_000, 32, 16)
OPTIONS, SWEEP_OPTIONS = "--tasks --latency-us --steps", "--latency-us 10000"


def compute(t, steps):
    x = (t + 1) % M61
    for _ in range(steps):
        x = (LCG_A * x + LCG_C) % M61
    return x


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
    """Kernel steps that take about latency_us here, measured now: the fastest of three runs of
    a count that takes 5 ms or more (a slower one met a busy moment)."""
    n = 1 << 10
    while True:
        seconds = []
        for _ in range(3):
            t0 = time.perf_counter()
            compute(n, n)
            seconds.append(time.perf_counter() - t0)
        if min(seconds) > 0.005:
            return max(1, int(n * latency_us * 1e-6 / min(seconds)))
        n *= 2


def run(pool, variant, tasks, plan):
    if variant == "sleep":
        futures = [pool.submit(wait, plan["latency_us"] * 1e-6) for _ in range(tasks)]
    else:
        futures = [pool.submit(compute, t, plan["steps"]) for t in range(tasks)]
    return [f.result() for f in futures]


def check(variant, tasks, plan, out):
    if variant == "sleep":
        ok = sum(1 for s in out if s >= plan["latency_us"] * 1e-6)
        detail = f"latency {plan['latency_us']} us"
    else:
        ok = sum(1 for t, x in enumerate(out) if x == closed_form(t, plan["steps"]))
        detail = f"latency {plan['latency_us']} us; {plan['steps']} steps per compute task"
    return ok == tasks == len(out), f"{ok} of {tasks} tasks verified", detail
