"""The benchmark suite computes what it claims to, on tiny sizes (nothing is timed for speed).

The chainrule-versus-pure-Python checks need nothing but the engine; the
micrograd ones take the ``micrograd`` fixture (the ``bench`` extra).
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from autograd.backward import topological_order
from benchmarks import fit, graphs, long_sum, site, visuals
from benchmarks.check import MismatchError, check_agreement
from benchmarks.data import initial_weights, split, two_moons
from benchmarks.memory import freed_by_refcount, per_node
from benchmarks.mlp import ALPHA, Chainrule, EngineMLP, Micrograd, PurePython
from benchmarks.report import document
from benchmarks.suite import WORKLOADS, Config
from benchmarks.timing import Timing, interleaved, ratio
from tests.conftest import missing

TINY = Config(
    points=4,
    mlp_rounds=1,
    chains=((10, 1), (50, 1)),
    sum_terms=10,
    sum_rounds=1,
    big_sum=100,
    scaling=(31, 91, 301),
    scaling_rounds=1,
    memory_steps=20,
    player_rounds=1,
    player_widths=(2, 3),
    long_sums=(5,),  # and the target's 76 terms
    notebooks=("05",),  # the quickest; make test runs them all anyway
    site_rounds=1,
)


@pytest.fixture(scope="module")
def micrograd() -> Any:
    try:
        import micrograd
    except ImportError:
        missing("micrograd 0.1.0", "make test ORACLE=1  (or: .venv/bin/pip install -e '.[bench]')")
    return micrograd


def sides(sizes: list[int], points: int, activation: str = "relu") -> dict[str, Any]:
    X, y = two_moons(points, seed=3)
    w = initial_weights(sizes, seed=3)
    return {
        "chainrule": Chainrule(EngineMLP(w, sizes, activation), X, y),
        "pure Python": PurePython(w, sizes, X, y, activation),
    }


# -- examples ------------------------------------------------------------------


@pytest.mark.parametrize("side", ["chainrule", "pure Python"])
def test_one_linear_neuron_by_hand(side: str) -> None:
    # score = 0.5*1 - 0.25*2 + 0.125 = 0.125; hinge = 1 - 1*0.125 = 0.875;
    # L2 = 1e-4 * (0.25 + 0.0625 + 0.015625); d/dp = -y*x (hinge) + 2*ALPHA*p.
    w, X, y = [0.5, -0.25, 0.125], [[1.0, 2.0]], [1.0]
    impl = {
        "chainrule": Chainrule(EngineMLP(w, [2, 1]), X, y),
        "pure Python": PurePython(w, [2, 1], X, y),
    }[side]
    assert math.isclose(impl.forward_backward(), 0.875 + 1e-4 * 0.328125, rel_tol=1e-15)
    want = [-1.0 + 2 * ALPHA * 0.5, -2.0 + 2 * ALPHA * -0.25, -1.0 + 2 * ALPHA * 0.125]
    assert impl.gradients() == pytest.approx(want, rel=1e-15, abs=0)
    impl.update(0.5)
    assert impl.weights() == pytest.approx([p - 0.5 * g for p, g in zip(w, want, strict=True)])


def test_a_point_beyond_the_margin_adds_nothing_but_l2() -> None:
    # score = 2.0, y = 1: hinge relu(1 - 2) = 0, so only the L2 gradient is left.
    w, X, y = [1.0, 1.0, 0.0], [[1.0, 1.0]], [1.0]
    for impl in (Chainrule(EngineMLP(w, [2, 1]), X, y), PurePython(w, [2, 1], X, y)):
        assert impl.forward_backward() == pytest.approx(2e-4, rel=1e-15)
        assert impl.gradients() == pytest.approx([2e-4, 2e-4, 0.0], rel=1e-15)


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_chainrule_and_pure_python_agree_on_a_small_mlp(activation: str) -> None:
    check_agreement(sides([2, 5, 4, 1], 12, activation), steps=3)


def test_check_rejects_a_wrong_gradient() -> None:
    class Wrong(PurePython):
        def gradients(self) -> list[float]:
            g = super().gradients()
            return [g[0] * (1 + 1e-9), *g[1:]]

    s = sides([2, 3, 1], 6)
    wrong = Wrong(s["pure Python"].weights(), [2, 3, 1], s["pure Python"].X, s["pure Python"].y)
    with pytest.raises(MismatchError, match="step 1: gradient 0: wrong gives"):
        check_agreement({"chainrule": s["chainrule"], "wrong": wrong})


def test_check_rejects_a_wrong_loss() -> None:
    s = sides([2, 3, 1], 6)
    w = s["pure Python"].weights()
    other = PurePython([*w[:-1], w[-1] + 1e-6], [2, 3, 1], s["pure Python"].X, s["pure Python"].y)
    with pytest.raises(MismatchError, match="step 1: loss of other"):
        check_agreement({"chainrule": s["chainrule"], "other": other})


def test_split_rejects_weights_that_do_not_fit() -> None:
    with pytest.raises(ValueError, match="5 weights do not fit sizes"):
        split([0.0] * 5, [2, 1])


def test_chain_and_sum_node_counts() -> None:
    assert len(topological_order(graphs.chain(7))) == 3 * 7 + 1
    xs, ys = graphs.products(5)
    for kind in ("autograd.dot", "autograd.sum", "builtin sum"):
        import autograd

        root = {
            "autograd.dot": lambda: autograd.dot(xs, ys),
            "autograd.sum": lambda: autograd.sum([x * y for x, y in zip(xs, ys, strict=True)]),
            "builtin sum": lambda: sum(x * y for x, y in zip(xs, ys, strict=True)),
        }[kind]()
        assert len(topological_order(root)) == graphs.sum_nodes(f"chainrule, {kind}", 5)


def test_memory_instrument_counts_known_objects() -> None:
    # 1,000 empty lists: one GC-tracked object each (plus the outer list).
    size = per_node(lambda: [[] for _ in range(1000)], lambda root: len(root))
    assert 1.0 <= size.objects <= 1.01
    assert size.bytes >= 56  # an empty list is at least 56 bytes on 64-bit CPython


def test_freed_detects_a_cycle() -> None:
    class Node:
        pass

    def cyclic() -> Node:
        n = Node()
        n.self = n  # type: ignore[attr-defined]
        return n

    assert freed_by_refcount(Node).freed
    held = freed_by_refcount(cyclic)
    assert not held.freed and held.cyclic >= 1


def test_chainrule_graphs_die_without_the_cycle_collector() -> None:
    result = freed_by_refcount(lambda: graphs.chain(1000))
    assert result.freed and result.cyclic == 0


def test_interleaved_runs_round_robin_and_records_failures() -> None:
    calls: list[str] = []

    def deep() -> None:
        calls.append("deep")
        raise RecursionError

    t = interleaved(
        {"a": lambda: calls.append("a"), "b": lambda: calls.append("b"), "deep": deep}, 2, warmup=1
    )
    assert calls == ["a", "b", "deep", "a", "b", "a", "b"]
    assert len(t["a"].times) == 2 and t["deep"].failure == "fails (RecursionError)"


def test_ratio_is_the_median_of_per_round_ratios() -> None:
    slow, fast = Timing([4.0, 9.0, 30.0]), Timing([2.0, 3.0, 3.0])  # ratios 2, 3, 10
    assert ratio(slow, fast) == 3.0
    assert ratio(Timing(failure="fails (RecursionError)"), fast) is None


# -- with micrograd --------------------------------------------------------------


def test_micrograd_agrees_with_chainrule_and_pure_python(micrograd: Any) -> None:
    X, y = two_moons(10, seed=5)
    w = initial_weights([2, 4, 3, 1], seed=5)
    check_agreement(
        {
            "chainrule": Chainrule(EngineMLP(w, [2, 4, 3, 1]), X, y),
            "micrograd": Micrograd(w, [2, 4, 3, 1], X, y),
            "pure Python": PurePython(w, [2, 4, 3, 1], X, y),
        },
        steps=3,
    )


def test_micrograd_chain_gradient_matches_chainrule(micrograd: Any) -> None:
    from autograd import Value

    x = Value(0.5)
    graphs.chain(20, x).backward()
    root = graphs.micrograd_chain(20)
    root.backward()
    leaf = next(v for v in _walk(root) if not v._prev and v.data == 0.5)
    assert math.isclose(leaf.grad, x.grad, rel_tol=1e-12)
    assert graphs.micrograd_nodes(root) == 5 * 20 + 1


def test_hand_written_chain_agrees_with_chainrule() -> None:
    from autograd import Value

    x = Value(0.5)
    y = graphs.chain(50, x)
    y.backward()
    limit = graphs.limit_chain(50)
    graphs.limit_backward(limit)
    nodes = [limit]
    while nodes[-1].parent is not None:
        nodes.append(nodes[-1].parent)
    assert len(nodes) == 3 * 50 + 1  # as many nodes as chainrule's chain
    assert limit.data == y.data
    assert math.isclose(nodes[-1].grad, x.grad, rel_tol=1e-12)


def test_scaling_compares_each_side_with_its_own_smallest_size() -> None:
    section, (target,) = WORKLOADS["scaling"](TINY)
    # First size: both sides at 1× in both GC modes (columns 3, 5, 7, 9).
    assert [section.rows[0][i] for i in (3, 5, 7, 9)] == ["1×"] * 4
    assert [row[1] for row in section.rows] == ["9", "3", "1"]  # 301 // 31, 301 // 91
    assert "hand-written" in target.measured


def test_micrograd_graphs_need_the_cycle_collector(micrograd: Any) -> None:
    assert not freed_by_refcount(lambda: graphs.micrograd_chain(10)).freed


# The JupyterLab measurement is the one test_notebooks_in_jupyter.py runs.
@pytest.mark.parametrize("name", [name for name in WORKLOADS if name != "jupyterlab"])
def test_every_workload_runs_tiny(
    micrograd: Any, dot_program: str, name: str, request: pytest.FixtureRequest
) -> None:
    in_chromium = {
        "pictures": visuals.pictures,
        "long-sum": long_sum.long_sum,
        "fit": fit.fit,
        "site": site.site,  # builds the site (3 to 9 s with make site's cache) and opens it
    }
    if name == "site" and not (site.ROOT / ".cache" / "site" / "venv" / ".pins").exists():
        missing("make site's download cache (.cache/site/)", "make site")
    if name in in_chromium:  # measured in Chromium: skipped, clearly, where it is missing
        section, targets = in_chromium[name](TINY, request.getfixturevalue("chromium"))
    else:
        section, targets = WORKLOADS[name](TINY)
    assert section.rows and all(len(r) == len(section.header) for r in section.rows)
    assert targets
    assert "| target | measured | status |" in document([section], targets, "test")


def _walk(root: Any) -> list[Any]:
    seen, stack, out = {id(root)}, [root], [root]
    while stack:
        for child in stack.pop()._prev:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
                out.append(child)
    return out
