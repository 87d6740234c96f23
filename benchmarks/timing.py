"""Interleaved timing: every implementation once per round, medians and ratios.

The machine is shared and noisy, so implementations are never timed in
blocks: round after round, each runs once, and a ratio is the median of the
per-round ratios (each measured seconds apart, under the same load).

Each implementation pays for its own garbage and nobody else's. Before each
timed call the cycle collector runs untimed (a clean slate). After the call
a collection frees what it left behind: when it frees something (a graph of
reference cycles, micrograd's), its time is added to the call's, because a
training loop pays it every step; when it frees nothing (a graph already
freed by reference counting), it adds nothing. (The added time includes the
collector's fixed cost of a few ms, against micrograd's second per step.)
Collections a call triggers while running are timed as they happen.
Interpreter settings stay at their defaults; ``gc_enabled=False`` turns the
collector off and nothing is collected.

>>> t = interleaved({"fast": lambda: None, "slow": lambda: sum(range(10_000))}, rounds=3)
>>> len(t["fast"].times), t["fast"].failure
(3, None)
>>> ratio(t["slow"], t["fast"]) > 1.0
True
>>> bad = interleaved({"deep": lambda: (_ for _ in ()).throw(RecursionError("x"))}, rounds=2)
>>> bad["deep"].failure, bad["deep"].times
('fails (RecursionError)', [])
"""

from __future__ import annotations

import gc
import statistics
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from time import perf_counter


@dataclass
class Timing:
    """One implementation's timings (seconds per call), or why it could not run."""

    times: list[float] = field(default_factory=list)
    failure: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


def interleaved(
    impls: Mapping[str, Callable[[], object]],
    rounds: int,
    warmup: int = 0,
    gc_enabled: bool = True,
) -> dict[str, Timing]:
    """Time each of ``impls`` once per round, ``rounds`` times, interleaved.

    ``warmup`` untimed rounds come first. An implementation that raises
    RecursionError or MemoryError is marked as failing and not run again.
    """
    results = {name: Timing() for name in impls}
    for r in range(warmup + rounds):
        for name, run in impls.items():
            timing = results[name]
            if timing.failure:
                continue
            gc.collect()
            if not gc_enabled:
                gc.disable()
            try:
                start = perf_counter()
                run()
                elapsed = perf_counter() - start
                if gc_enabled:
                    start = perf_counter()
                    if gc.collect():  # it freed this call's cyclic garbage
                        elapsed += perf_counter() - start
            except (RecursionError, MemoryError) as error:
                timing.failure = f"fails ({type(error).__name__})"
                continue
            finally:
                gc.enable()
            if r >= warmup:
                timing.times.append(elapsed)
    return results


def ratio(slow: Timing, fast: Timing) -> float | None:
    """Median over rounds of slow time / fast time (how many times faster ``fast`` is)."""
    if not slow.times or len(slow.times) != len(fast.times):
        return None
    return statistics.median(s / f for s, f in zip(slow.times, fast.times, strict=True))


def with_recursion_limit(run: Callable[[], object], limit: int) -> Callable[[], None]:
    """``run`` under a raised recursion limit, restored afterwards."""

    def limited() -> None:
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(limit)
        try:
            run()
        finally:
            sys.setrecursionlimit(old)

    return limited


def seconds(t: float | None) -> str:
    """A duration with a sensible unit.

    >>> seconds(0.0123), seconds(2.5), seconds(4.2e-7), seconds(None)
    ('12.3 ms', '2.50 s', '0.420 µs', '–')
    """
    if t is None:
        return "–"
    if t >= 1.0:
        return f"{t:.2f} s"
    if t >= 1e-3:
        return f"{t * 1e3:.3g} ms"
    return f"{t * 1e6:.3g} µs" if t >= 1e-6 else f"{t * 1e6:.3f} µs"
