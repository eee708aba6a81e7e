# SPDX-License-Identifier: BSD-3-Clause
"""Questions 2 and 8: a pool maps square() over the numbers 1..N and gives the squares back in
order: multiprocessing's Pool for processes, its ThreadPool (the same map) for threads. What a pool
costs when each task is tiny: the numbers and their squares travel to and from the workers, and
threads take turns under the GIL."""

import pools

VARIANTS = ("map",)
QUESTION = "Q2, Q8"
OPEN = pools.mapping_pool
SIZE = ("size", 10, 100_000_000, 2_000_000, 200_000)  # option, default, max, sweep, quick


def square(x):
    return x * x


def run(pool, _variant, n, _plan):
    return pool.map(square, range(1, n + 1))


def check(_variant, n, _plan, out):
    """The sum and the sum of k * out[k] against their closed forms, as the C programs check."""
    total, weighted = sum(out), sum(k * v for k, v in enumerate(out, 1))
    if len(out) != n or total != n * (n + 1) * (2 * n + 1) // 6:
        return False, f"sum of squares {total}, expected n(n+1)(2n+1)/6", ""
    if weighted != (n * (n + 1) // 2) ** 2:
        return False, "squares misplaced: sum of k*out[k] is not (n(n+1)/2)^2", ""
    return True, f"sum of squares {total}", ""
