"""The command line: run the workloads, print the tables, write results.md."""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

from benchmarks.report import Section, Target, document, write_atomically
from benchmarks.suite import FULL, QUICK, WORKLOADS

RESULTS = Path(__file__).with_name("results.md")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--quick", action="store_true", help="small sizes, few rounds (smoke run)")
    p.add_argument("--out", type=Path, help=f"results file (default {RESULTS} for a full run)")
    p.add_argument("--only", nargs="+", choices=list(WORKLOADS), help="run only these workloads")
    p.add_argument(
        "--profile",
        action="store_true",
        help="print cProfile's top functions for chainrule's MLP step and a chain",
    )
    return p


def profile() -> None:
    """cProfile of the chainrule MLP step and a 100,000-step chain (by own time)."""
    from benchmarks import graphs
    from benchmarks.suite import _sides, _stepper

    step = _stepper(_sides(100)["chainrule"])
    for name, run in (
        ("MLP step x 5", lambda: [step() for _ in range(5)]),
        ("chain 100,000 steps", graphs.chain_step(100_000)),
    ):
        profiler = cProfile.Profile()
        profiler.runcall(run)
        print(f"\n== cProfile: chainrule {name} ==")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.profile:
        profile()
        return 0
    try:
        import micrograd  # noqa: F401
    except ImportError:
        print("micrograd is missing: .venv/bin/pip install -e '.[bench]'  (make bench does it)")
        return 2
    cfg = QUICK if args.quick else FULL
    sections: list[Section] = []
    targets: list[Target] = []
    start = time.perf_counter()
    for name in args.only or list(WORKLOADS):
        t0 = time.perf_counter()
        section, found = WORKLOADS[name](cfg)
        print(section.markdown(), flush=True)
        print(f"({name}: {time.perf_counter() - t0:.0f} s)\n", file=sys.stderr, flush=True)
        sections.append(section)
        targets += found
    command = "make bench" + (" QUICK=1" if args.quick else "")
    text = document(sections, targets, command)
    print(text[: text.index("### 1.")] if "### 1." in text else text)
    print(f"total {time.perf_counter() - start:.0f} s", file=sys.stderr)
    out = args.out or (None if args.quick or args.only else RESULTS)
    if out:
        write_atomically(out, text)
        print(f"wrote {out}", file=sys.stderr)
    return 0
