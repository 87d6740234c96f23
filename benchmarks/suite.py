"""The workloads of the suite, each returning its table and the targets it decides.

Sizes and round counts live in one :class:`Config`; :data:`FULL` is
``make bench``, :data:`QUICK` a smoke run (``make bench QUICK=1``).
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from autograd.backward import topological_order
from benchmarks import (
    async_play,
    engines,
    explain,
    fit,
    graphs,
    layouts,
    live,
    long_sum,
    notebooks,
    site,
    structure,
    visuals,
)
from benchmarks.check import check_agreement
from benchmarks.data import initial_weights, two_moons
from benchmarks.memory import freed_by_refcount, per_node
from benchmarks.mlp import SIZES, Chainrule, EngineMLP, Micrograd, PurePython
from benchmarks.report import Section, Target
from benchmarks.timing import Timing, interleaved, ratio, seconds, with_recursion_limit

LR = 0.1
#: Python 3.11+ runs Python-to-Python calls without growing the C stack, so a
#: raised recursion limit is safe; before that, deep recursion can crash.
DEEP_RECURSION_OK = sys.version_info >= (3, 11)


@dataclass(frozen=True)
class Config:
    points: int
    mlp_rounds: int
    chains: tuple[tuple[int, int], ...]  # (steps, rounds)
    sum_terms: int
    sum_rounds: int
    big_sum: int  # run once: builtin sum() of this many products, an n-deep chain
    scaling: tuple[int, ...]
    scaling_rounds: int
    memory_steps: int = 10_000  # the chain measured for bytes and objects per node
    player_rounds: int = 5
    player_widths: tuple[int, ...] = (6, 16, 28)  # MLP(2, [n, n, 1]): 100 to 1,000 Values
    long_sums: tuple[int, ...] = (20, 40, 76, 120, 199)  # x + x + ... + x, drawn (8b)
    notebooks: tuple[str, ...] = ()  # the notebooks run (name prefixes); () is every one
    site_rounds: int = 3  # the site opened in Chromium, for its kernel's start (12)


FULL = Config(
    points=100,
    mlp_rounds=9,
    # The million-step chain runs once (about 30 s today); workload 5 repeats that size.
    chains=((300, 11), (10_000, 5), (1_000_000, 1)),
    sum_terms=100_000,
    sum_rounds=3,
    big_sum=1_000_000,
    scaling=(10_000, 100_000, 1_000_000),
    scaling_rounds=3,
)
QUICK = Config(
    points=20,
    mlp_rounds=3,
    chains=((300, 3), (10_000, 2), (30_000, 1)),
    sum_terms=10_000,
    sum_rounds=2,
    big_sum=30_000,
    scaling=(1_000, 10_000, 100_000),
    scaling_rounds=2,
    player_rounds=2,
    notebooks=("05",),
    site_rounds=1,
)


def _x(r: float | None) -> str:
    return "–" if r is None else f"{r:.3g}×"


def _cell(t: Timing) -> str:
    return t.failure or seconds(t.median)


def _per(t: Timing, count: int) -> str:
    """The median time per item."""
    m = t.median
    return seconds(None if m is None else m / count)


def _stepper(side: Any) -> Callable[[], None]:
    def step() -> None:
        side.forward_backward()
        side.update(LR)

    return step


def _sides(points: int, activation: str = "relu") -> dict[str, Any]:
    X, y = two_moons(points)
    w = initial_weights(SIZES)
    sides: dict[str, Any] = {"chainrule": Chainrule(EngineMLP(w, SIZES, activation), X, y)}
    if activation == "relu":  # micrograd's MLP is relu-only
        sides["micrograd 0.1.0"] = Micrograd(w, SIZES, X, y)
    sides["pure Python (limit)"] = PurePython(w, SIZES, X, y, activation)
    return sides


def _graph_nodes(name: str, side: Any) -> str:
    if name == "chainrule":
        return f"{len(topological_order(side.graph())):,}"
    if name.startswith("micrograd"):
        return f"{graphs.micrograd_nodes(side.graph()):,}"
    return "– (no graph)"


def mlp(cfg: Config, activation: str = "relu") -> tuple[Section, list[Target]]:
    """Workload 1: the training step, checked for agreement, then timed GC on and off."""
    check_agreement(_sides(cfg.points, activation))  # raises MismatchError on disagreement
    sides = _sides(cfg.points, activation)
    steps = {name: _stepper(side) for name, side in sides.items()}
    on = interleaved(steps, cfg.mlp_rounds, warmup=1)
    off = interleaved(steps, cfg.mlp_rounds, gc_enabled=False)
    base_on, base_off = on["chainrule"], off["chainrule"]
    rows = [
        [
            name,
            _graph_nodes(name, side),
            _cell(on[name]),
            _x(ratio(on[name], base_on)),
            _cell(off[name]),
            _x(ratio(off[name], base_off)),
        ]
        for name, side in sides.items()
    ]
    title = f"1. MLP{tuple(SIZES)} training step, {cfg.points} two-moons points, relu"
    if activation == "tanh":
        title = "1b. The same step with tanh hidden layers (micrograd 0.1.0 has no tanh)"
    section = Section(
        title,
        [
            "One full-batch step: forward, mean SVM hinge loss + 1e-4 L2, backward, SGD. "
            f"The {len(sides)} sides start from the same weights and were checked to give "
            "the same losses, gradients and updated weights (to 1e-12) before timing.",
            f"Median of {cfg.mlp_rounds} interleaved rounds; a ratio is the median of the "
            "per-round ratios. 'Graph nodes' counts every node the loss depends on.",
        ],
        [
            "implementation",
            "graph nodes",
            "GC on",
            "time ÷ chainrule's",
            "GC off",
            "time ÷ chainrule's",
        ],
        rows,
    )
    limit = ratio(base_on, on["pure Python (limit)"])
    targets = [
        Target(
            f"MLP step ({activation}) within 5× of pure Python",
            f"{_x(limit)} its time",
            limit is not None and limit <= 5.0,
        ),
    ]
    if activation == "relu":
        vs = ratio(on["micrograd 0.1.0"], base_on)
        targets.insert(
            0,
            Target(
                "MLP step ≥ 30× faster than micrograd",
                f"{_x(vs)} faster",
                vs is not None and vs >= 30.0,
            ),
        )
    return section, targets


def _micrograd_variants(run: Callable[[], None], depth: int) -> dict[str, Callable[[], None]]:
    """micrograd at the default recursion limit, and (3.11+) with it raised past ``depth``."""
    variants = {"micrograd": run}
    if DEEP_RECURSION_OK:
        variants["micrograd, raised limit"] = with_recursion_limit(run, depth + 10_000)
    return variants


def chains(cfg: Config) -> tuple[Section, list[Target]]:
    """Workload 2: ``y = tanh(y * 1.0001 + 0.001)``, forward and backward."""
    rows, targets = [], []
    for steps, rounds in cfg.chains:
        impls = {"chainrule": graphs.chain_step(steps)}
        if steps <= 10_000:  # past that micrograd needs gigabytes and minutes
            # Its recursive sort goes about 3 frames deep per step.
            impls.update(_micrograd_variants(graphs.micrograd_chain_step(steps), 4 * steps))
        t = interleaved(impls, rounds, warmup=1 if steps <= 10_000 else 0)
        base = t["chainrule"]
        cells = [
            _cell(t[k]) if k in t else "not run" for k in ("micrograd", "micrograd, raised limit")
        ]
        slow = t.get("micrograd, raised limit") or t.get("micrograd")
        rows.append(
            [
                f"{steps:,}",
                f"{3 * steps + 1:,} / {5 * steps + 1:,}",
                _cell(base),
                _per(base, 3 * steps + 1),
                *cells,
                _x(ratio(slow, base) if slow else None),
            ]
        )
        if steps == max(s for s, _ in cfg.chains):
            works = base.failure is None and bool(base.times)
            targets.append(
                Target(f"{steps:,}-step chain, forward + backward, works", _cell(base), works)
            )
    notes = [
        "Nodes: chainrule 3 a step (constants stay numbers), micrograd 5 (each constant is a "
        "node). micrograd 0.1.0 has no tanh: the benchmark adds its lecture's tanh, a closure "
        "like its relu. 'raised limit' runs micrograd with `sys.setrecursionlimit` raised past "
        "the graph's depth (Python ≥ 3.11 only); its default limit is the point.",
    ]
    header = [
        "steps",
        "nodes chainrule / micrograd",
        "chainrule",
        "per node",
        "micrograd",
        "micrograd, raised limit",
        "micrograd ÷ chainrule",
    ]
    return Section("2. Chain y = tanh(y * 1.0001 + 0.001)", notes, header, rows), targets


def sums(cfg: Config) -> tuple[Section, list[Target]]:
    """Workload 3: a sum of n products, forward and backward."""
    n = cfg.sum_terms
    xs, ys = graphs.products(n)
    impls = {
        f"chainrule, {kind}": graphs.sum_of_products(kind, xs, ys)
        for kind in ("autograd.dot", "autograd.sum", "builtin sum")
    }
    from micrograd.engine import Value as MValue

    mxs, mys = [MValue(x.data) for x in xs], [MValue(y.data) for y in ys]
    micro = graphs.sum_of_products("builtin sum", mxs, mys)
    impls.update({f"{k}, builtin sum": v for k, v in _micrograd_variants(micro, 2 * n).items()})
    t = interleaved(impls, cfg.sum_rounds, warmup=1)
    base = t["chainrule, autograd.sum"]
    rows = [
        [name, f"{graphs.sum_nodes(name, n):,}", _cell(t[name]), _x(ratio(t[name], base))]
        for name in impls
    ]
    big = interleaved(
        {"big": graphs.sum_of_products("builtin sum", *graphs.products(cfg.big_sum))}, 1
    )
    rows.append(
        [
            f"chainrule, builtin sum of {cfg.big_sum:,} products (once)",
            f"{graphs.sum_nodes('chainrule, builtin sum', cfg.big_sum):,}",
            _cell(big["big"]),
            "–",
        ]
    )
    notes = [
        f"n = {n:,} products of leaf pairs (the {2 * n:,} leaves count as nodes). "
        "`builtin sum` builds an n-deep chain of `+`; `autograd.sum` one node over n "
        "products; `autograd.dot` one node in all. Ratios are to `chainrule, autograd.sum`.",
    ]
    section = Section(
        f"3. Sum of {n:,} products",
        notes,
        ["implementation", "nodes", "median", "÷ autograd.sum"],
        rows,
    )
    target = Target(
        f"builtin sum() of {cfg.big_sum:,} products (that deep a chain) works",
        _cell(big["big"]),
        big["big"].failure is None,
    )
    return section, [target]


def memory(cfg: Config) -> tuple[Section, list[Target]]:
    """Workload 4: bytes and GC-tracked objects per node; freeing without the collector."""
    steps = cfg.memory_steps
    X, y = two_moons(cfg.points)
    w = initial_weights(SIZES)
    engine = Chainrule(EngineMLP(w, SIZES), X, y)
    micro = Micrograd(w, SIZES, X, y)
    params = len(w)  # the parameters exist before the graph is built
    cases = {
        f"chainrule, {steps:,}-step chain": (
            lambda: graphs.chain(steps),
            lambda r: len(topological_order(r)),
        ),
        f"micrograd, {steps:,}-step chain": (
            lambda: graphs.micrograd_chain(steps),
            graphs.micrograd_nodes,
        ),
        "chainrule, MLP step graph": (engine.graph, lambda r: len(topological_order(r)) - params),
        "micrograd, MLP step graph": (micro.graph, lambda r: graphs.micrograd_nodes(r) - params),
    }
    rows, targets = [], []
    for name, (build, count) in cases.items():
        size, freed = per_node(build, count), freed_by_refcount(build)
        rows.append(
            [
                name,
                f"{size.nodes:,}",
                f"{size.bytes:.0f}",
                f"{size.objects:.2f}",
                "yes" if freed.freed else "no",
                f"{freed.cyclic:,}",
            ]
        )
        if name.startswith("chainrule"):
            what = name.removeprefix("chainrule, ")
            targets += [
                Target(f"≤ 250 bytes per node ({what})", f"{size.bytes:.0f} B", size.bytes <= 250),
                Target(
                    f"≤ 2 GC-tracked objects per node ({what})",
                    f"{size.objects:.2f}",
                    size.objects <= 2.0,
                ),
                Target(
                    f"dropped graph freed by reference counting ({what})",
                    f"weakref dead at del: {'yes' if freed.freed else 'no'}; "
                    f"cyclic garbage: {freed.cyclic:,}",
                    freed.freed and freed.cyclic == 0,
                ),
            ]
    notes = [
        "Bytes: tracemalloc, everything allocated while building that is still alive, over "
        "the nodes built (parameters existed before and are not counted). GC objects: growth "
        "of `gc.get_objects()`. 'Freed at del': with the cycle collector off, a weakref to "
        "the root dies when the last reference is dropped; 'cyclic garbage' is what "
        "`gc.collect()` then still finds.",
    ]
    header = [
        "graph",
        "nodes built",
        "bytes / node",
        "GC objects / node",
        "freed at del",
        "cyclic garbage",
    ]
    return Section("4. Memory per node", notes, header, rows), targets


def _per_node_growth(t: dict[str, Timing], nodes: dict[str, int]) -> dict[str, float]:
    """Per round, time per node relative to the first size's; the median of that."""
    first = next(iter(t))
    return {
        k: statistics.median(
            (b / nodes[k]) / (a / nodes[first])
            for a, b in zip(t[first].times, t[k].times, strict=True)
        )
        for k in t
    }


def _repeated(run: Callable[[], None], times: int) -> Callable[[], None]:
    def again() -> None:
        for _ in range(times):
            run()

    return again


#: The two sides of workload 5: chainrule, and the chain by hand.
_SCALING_SIDES = {"chainrule": graphs.chain_step, "hand-written": graphs.limit_chain_step}


def scaling(cfg: Config) -> tuple[Section, list[Target]]:
    """Workload 5: time per node of the chain at growing sizes (linear cost = flat).

    CPython's cycle collector adds a cost per node that grows with the number
    of live objects, for any graph of Python objects; the hand-written chain,
    run beside, shows that floor, and the target is to grow no more than it.
    """
    steps = {f"{n:,}": (n - 1) // 3 for n in cfg.scaling}  # 3 nodes a step plus the leaf
    # Each timing covers as many nodes as one graph of the largest size: a
    # lone 30 ms run of the smallest graph was at the mercy of the shared
    # machine (one run put its GC-off time above its GC-on time).
    repeats = {k: cfg.scaling[-1] // n for k, n in zip(steps, cfg.scaling, strict=True)}
    per_graph = {k: 3 * s + 1 for k, s in steps.items()}
    nodes = {k: per_graph[k] * repeats[k] for k in steps}  # per timing
    runs = {
        f"{side}, {k}": _repeated(make(s), repeats[k])
        for k, s in steps.items()
        for side, make in _SCALING_SIDES.items()
    }
    timed = {True: interleaved(runs, cfg.scaling_rounds)}
    timed[False] = interleaved(runs, cfg.scaling_rounds, gc_enabled=False)
    # growth[gc][side][size]: time per node relative to the smallest size.
    growth = {
        gc: {
            side: _per_node_growth({k: t[f"{side}, {k}"] for k in steps}, nodes)
            for side in _SCALING_SIDES
        }
        for gc, t in timed.items()
    }
    rows = []
    for k in steps:
        row = [f"{per_graph[k]:,}", f"{repeats[k]:,}"]
        for gc in (True, False):
            for side in _SCALING_SIDES:
                row += [_per(timed[gc][f"{side}, {k}"], nodes[k]), _x(growth[gc][side][k])]
        rows.append(row)
    first, last = next(iter(steps)), list(steps)[-1]
    notes = [
        f"Forward + backward of the chain, built and run 'graphs' times in a row, so that "
        f"every timing covers the same number of nodes; median of {cfg.scaling_rounds} "
        f"interleaved rounds. '÷ smallest' is time per node relative to {first} nodes, per "
        "round, median. 'hand-written' is the same chain with the least a node can hold "
        "(value, gradient, parent, local derivative; `benchmarks.graphs.limit_chain`): "
        "the cycle collector's cost per node grows with the number of live objects for any "
        "graph of Python objects, and this is that floor. GC off is reported beside GC on "
        "(never instead).",
    ]
    header = ["nodes", "graphs"]
    for mode in ("GC on", "GC off"):
        for side in _SCALING_SIDES:
            header += [f"{side}, {mode}, per node", "÷ smallest"]
    section = Section("5. Scaling: time per node", notes, header, rows)
    ours, floor = growth[True]["chainrule"][last], growth[True]["hand-written"][last]
    target = Target(
        f"time per node flat from {first} to {last} nodes: grows no more than the "
        "hand-written chain's",
        f"{_x(ours)}, hand-written {_x(floor)} (GC off: {_x(growth[False]['chainrule'][last])}, "
        f"{_x(growth[False]['hand-written'][last])})",
        ours <= floor,
    )
    return section, [target]


WORKLOADS: dict[str, Callable[[Config], tuple[Section, list[Target]]]] = {
    "mlp": mlp,
    "mlp-tanh": lambda cfg: mlp(cfg, "tanh"),
    "chain": chains,
    "sum": sums,
    "memory": memory,
    "scaling": scaling,
    "player": visuals.player,
    "jupyterlab": visuals.smallest_text,
    "pictures": visuals.pictures,
    "long-sum": long_sum.long_sum,
    "live": live.live,
    "async-play": async_play.async_play,
    "notebooks": notebooks.notebooks,
    "structure": structure.structure,
    "fit": fit.fit,
    "layouts": layouts.layouts,
    "site": site.site,
    "check-engine": engines.engines,
    "explain": explain.explain,
}
