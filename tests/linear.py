"""Linear-time guards for the rules and readers that see untrusted text."""

from __future__ import annotations

import time
from collections.abc import Callable


def seconds(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def assert_linear(work: Callable[[int], object], what: str, size: int = 2_000_000, runs: int = 4) -> None:
    """``work(size)`` grows linearly: four times the input costs well under the 16 times a quadratic rule would.

    A ratio measured in one run, not a time limit, so a loaded machine does not fail it: small and
    large runs alternate and the fastest of each counts (the machine is shared; only the fastest run
    says what the code costs). The second of slack covers fixed costs and bursts of load; the rules
    this guards against took minutes on such a line.
    """
    small, large = [], []
    for _ in range(runs):
        small.append(seconds(lambda: work(size // 4)))
        large.append(seconds(lambda: work(size)))
    assert min(large) < 10 * min(small) + 1.0, (
        f"{what}: {min(small):.3f} s on {size // 4} characters, {min(large):.3f} s on {size}"
    )
