# SPDX-License-Identifier: BSD-3-Clause
"""Question 7: the factorials of 1..N as tasks of a concurrent.futures pool, each result taken as
it completes (as_completed). Tasks of unequal cost complete out of the order they were given;
the results are verified as the C programs verify theirs, to the same checksum."""

import concurrent.futures
import math

import pools

M61 = (1 << 61) - 1
VARIANTS = ("as-completed",)
QUESTION = "Q7"
OPEN = pools.executor
SIZE = ("size", 10, 20_000, 5_000, 2_000)


def run(pool, _variant, n, _plan):
    futures = {pool.submit(math.factorial, k): k for k in range(1, n + 1)}
    return [(futures[f], f.result()) for f in concurrent.futures.as_completed(futures)]


def _primes(n):
    sieve = bytearray([1]) * (n + 1)
    sieve[:2] = b"\0\0"
    for p in range(2, math.isqrt(n) + 1):
        if sieve[p]:
            sieve[p * p::p] = bytearray(len(sieve[p * p::p]))
    return [p for p in range(n + 1) if sieve[p]]


def check(_variant, n, _plan, out):
    """Every k once; k! = k (k-1)! modulo 2^61 - 1; its bit length against lgamma; Wilson's theorem
    ((p-1)! = -1 mod p) for every prime p <= n. The checksum is the C programs'."""
    value = dict(out)
    if len(out) != n or sorted(value) != list(range(1, n + 1)):
        return False, "the completion order does not hold every k once", ""
    previous, checksum = 1, 0
    for k in range(1, n + 1):
        bits = math.lgamma(k + 1) / math.log(2)
        if abs(value[k].bit_length() - (math.floor(bits) + 1)) > 1:
            return False, f"{k}! has {value[k].bit_length()} bits", ""
        r = value[k] % M61
        if r != previous * k % M61:
            return False, f"{k}! != {k} * {k - 1}! (mod 2^61-1)", ""
        previous, checksum = r, (checksum * 1000003 + r) % M61
    primes = _primes(n)
    for p in primes:
        if value[p - 1] % p != p - 1:
            return False, f"Wilson's theorem fails for {p}", ""
    return (True,
            f"checksum {checksum:016x} of k! mod 2^61-1 for k=1..{n}; Wilson holds for "
            f"{len(primes)} primes",
            order_detail([k for k, _ in out]))


def order_detail(order):
    """"completion by tenth of n: 5 15 ... 95 (% of the way)", as the C programs write it: for each
    tenth of 1..n, the mean place at which its factorials completed, in percent of the run."""
    n = len(order)
    if n < 10:
        return ""
    total, count = [0.0] * 10, [0] * 10
    for i, k in enumerate(order):
        total[(k - 1) * 10 // n] += 100.0 * i / (n - 1)
        count[(k - 1) * 10 // n] += 1
    tenths = " ".join(f"{t / c:.0f}" for t, c in zip(total, count))
    return f"completion by tenth of n: {tenths} (% of the way)"
