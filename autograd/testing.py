"""Hypothesis strategies and assertions for testing derivatives (the ``testing`` extra).

Import these into your own tests: they read each op's domain, kinks and poles
from the op table, so the inputs they draw are ones where finite differences
are meaningful. :func:`expressions` draws whole formulas over every op of the
table, for property tests of an engine; :func:`check_engine` runs them on a
learner's own ``Value`` class and explains what it gets wrong:

>>> from hypothesis import given, settings
>>> @settings(max_examples=20)
... @given(expressions())
... def test_engine(e):
...     assert_grad_matches(e.fn, e.inputs)
>>> test_engine()

>>> from autograd import ops
>>> from hypothesis import given
>>> @given(reals(ops.LOG.domains[0]))
... def test_log_input_is_positive(x):
...     assert x > 0
>>> test_log_input_is_positive()
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

try:
    from hypothesis import assume
    from hypothesis import strategies as st
except ImportError:  # one line that says what to install, not hypothesis's own name alone
    # In the browser-only site (Pyodide) hypothesis ships with the site but is
    # loaded only when a cell's own code imports it.
    raise ImportError(
        "autograd.testing needs hypothesis: run `import hypothesis` in a cell first "
        "(the site loads it when a cell imports it)"
        if sys.platform == "emscripten"
        else "autograd.testing needs hypothesis: pip install 'chainrule[testing]'"
    ) from None

from autograd import ops as _ops
from autograd.expression import Expression, Node, Ref
from autograd.gradcheck import gradcheck
from autograd.ops import DOT, REALS, Domain, Op
from autograd.value import Value

#: How far from a kink, pole or open end an input stays, so that a central
#: difference with step up to 1e-3 never straddles it.
MARGIN = 0.05
#: Inputs are drawn from [-BOUND, BOUND] intersected with the domain, which
#: keeps exp, powers and products of a few ops far from overflow.
BOUND = 8.0


def reals(
    domain: Domain = REALS, *, bound: float = BOUND, margin: float = MARGIN
) -> st.SearchStrategy[float]:
    """Finite floats inside ``domain``, at least ``margin`` from its ends and kinks.

    Args:
        domain: an operand's domain from the op table (default: all reals).
        bound: largest magnitude drawn.
        margin: distance kept from open ends, kinks and poles.

    >>> from hypothesis import find
    >>> x = find(reals(Domain(low=0.0)), lambda x: x < 1.0)
    >>> 0.05 <= x < 1.0
    True
    """
    low = max(domain.low + margin, -bound)
    high = min(domain.high - margin, bound)
    if low > high:
        raise ValueError(f"domain {domain} has no room inside [-{bound}, {bound}]")
    return st.floats(low, high).filter(lambda x: all(abs(x - a) >= margin for a in domain.avoid))


def operands(op: Op, *, max_terms: int = 4) -> st.SearchStrategy[list[float]]:
    """Lists of inputs for ``op``, each inside its operand's domain.

    Ops with any number of operands get 1 to ``max_terms`` terms (``dot`` gets
    that many weights, as many inputs, and sometimes a bias last).

    >>> from autograd import ops
    >>> from hypothesis import find
    >>> len(find(operands(ops.DOT), lambda xs: True))     # the smallest: w0, x0
    2
    >>> len(find(operands(ops.DOT), lambda xs: len(xs) % 2))
    3
    """
    if op.variadic is None:
        return st.tuples(*(reals(d) for d in op.domains)).map(list)
    per_term, bias = (2, 1) if op is DOT else (1, 0)
    return st.integers(1, max_terms).flatmap(
        lambda n: st.lists(
            reals(op.domain(0)), min_size=n * per_term, max_size=n * per_term + bias
        )
    )


#: Largest magnitude of any node of a drawn expression: keeps round-off in
#: finite differences (about LIMIT * 1e-10 at eps = 1e-6) below gradcheck's atol.
LIMIT = 1e3
#: Most terms of a drawn sum (dot: pairs).
MAX_TERMS = 3


def assert_grad_matches(
    f: Callable[..., Value], inputs: Sequence[float], **tolerances: Any
) -> None:
    """Assert that ``f``'s gradient at ``inputs`` matches finite differences.

    The assertion form of :func:`autograd.gradcheck` (same keyword arguments:
    ``eps``, ``atol``, ``rtol``, ``method``), for use inside ``@given`` tests.

    Raises:
        autograd.gradcheck.GradcheckError: an AssertionError with the table.

    >>> assert_grad_matches(lambda x: x * x, [3.0])
    >>> assert_grad_matches(lambda x: x * x.data, [3.0])
    Traceback (most recent call last):
    ...
    autograd.gradcheck.GradcheckError: gradcheck failed for 1 of 1 inputs ...
    """
    if "raise_exception" in tolerances:
        raise TypeError("assert_grad_matches() always raises; use gradcheck() for a bool")
    gradcheck(f, inputs, **tolerances)


def expressions(
    *, max_inputs: int = 3, max_depth: int = 5, ops: Sequence[Op] | None = None
) -> st.SearchStrategy[Expression]:
    """Random differentiable formulas over every op of the table, with a point to check.

    Each node applies an op to earlier nodes, inputs (reused freely, so
    ``x0 * x0`` and shared subexpressions occur) or constants. Operands are
    chosen inside the op's domain and at least ``MARGIN`` from its kinks and
    poles, and every node stays within ``LIMIT`` in magnitude, so central
    differences are valid at ``inputs``. The op list is read from
    ``autograd.ops.TABLE`` when drawn, so a new op is covered with no change
    here. Failures shrink towards few nodes, early ops (``+``) and recent operands.

    Args:
        max_inputs: most inputs (``x0`` ...); unused inputs are dropped.
        max_depth: longest path from an input to the output, in ops.
        ops: the ops to draw from (default: the whole table).

    Raises:
        ValueError: ``max_inputs`` or ``max_depth`` below 1, or no ops.

    >>> from hypothesis import find
    >>> from autograd import ops
    >>> e = find(expressions(), lambda e: e.nodes[-1][0] is ops.LOG)  # output is a log
    >>> print(e)   # the shrunk example: log(x0), or close to it
    log(...)
    >>> all(x > 0 for x in e.inputs) or str(e) != "log(x0)"   # inside log's domain
    True
    """
    if max_inputs < 1 or max_depth < 1:
        raise ValueError(
            f"expressions() needs max_inputs and max_depth >= 1, got {max_inputs} and {max_depth}"
        )
    table = tuple(_ops.TABLE if ops is None else ops)
    if not table:
        raise ValueError("expressions() needs at least one op")
    return _expressions(table, max_inputs, max_depth)


@st.composite
def _expressions(
    draw: st.DrawFn, table: tuple[Op, ...], max_inputs: int, max_depth: int
) -> Expression:
    values = draw(st.lists(st.floats(-BOUND, BOUND), min_size=1, max_size=max_inputs))
    depths = [0] * len(values)
    nodes: list[Node] = []
    used: set[int] = set()
    for k in range(3 * max_depth):
        # Another node three times in four. One marker per node, so the
        # shrinker can delete any node's draws whole, not only the last one's.
        if k and not draw(st.integers(0, 3)):
            break
        op = draw(st.sampled_from(table))
        refs = _operands(draw, op, values, depths, used, max_depth)
        used.update(r for r in refs if isinstance(r, int))
        data = [r if isinstance(r, float) else values[r] for r in refs]
        out = _forward(op, data)
        assume(out is not None)
        nodes.append((op, refs))
        values.append(out)  # type: ignore[arg-type]
        depths.append(1 + max(depths[r] for r in refs if isinstance(r, int)))
    return _prune(nodes, values[: len(values) - len(nodes)])


def _fits(domain: Domain, x: float, margin: float = MARGIN) -> bool:
    return domain.low + margin <= x <= domain.high - margin and all(
        abs(x - a) >= margin for a in domain.avoid
    )


def _forward(op: Op, data: list[float]) -> float | None:
    """The op's value, or None where it fails, is not finite or is beyond LIMIT."""
    if op.guard is not None and op.guard(*data) is not None:
        return None
    try:
        out = op.forward(*data)
    except (ArithmeticError, ValueError):
        return None
    return out if math.isfinite(out) and abs(out) <= LIMIT else None


def _constant(domain: Domain) -> st.SearchStrategy[float]:
    # Quarters: exact in binary and short in a printed formula. Smallest first,
    # so constants shrink towards 0.25, 0.5, ...
    low = math.ceil(4 * max(domain.low + MARGIN, -BOUND))
    high = math.floor(4 * min(domain.high - MARGIN, BOUND))
    quarters = sorted((k / 4 for k in range(low, high + 1)), key=lambda c: (abs(c), c < 0))
    return st.sampled_from([c for c in quarters if _fits(domain, c)])


def _operands(
    draw: st.DrawFn, op: Op, values: list[float], depths: list[int], used: set[int], max_depth: int
) -> tuple[Ref, ...]:
    """Operands for ``op``: parameters are constants, the rest earlier nodes or inputs."""
    if op.variadic is None:
        count = len(op.domains)
    else:
        count = draw(st.integers(1, MAX_TERMS))
        if op is DOT:  # n weights, n inputs, and maybe a bias
            count = 2 * count + draw(st.integers(0, 1))
    refs: list[Ref] = [0.0] * count
    for p in op.parameters:
        refs[p] = draw(_constant(op.domain(p)))
    free = [p for p in range(count) if p not in op.parameters]
    for p in free:
        domain = op.domain(p)
        usable = _usable(values, depths, used, max_depth)
        candidates = [r for r in usable if _fits(domain, values[r])]
        if p == free[-1]:
            # The last operand also keeps the result finite and within LIMIT.
            candidates = [r for r in candidates if _result(op, refs, p, r, values) is not None]
        value_needed = p == free[-1] and not any(isinstance(r, int) for r in refs)
        assume(candidates or not value_needed)  # at least one operand is a Value
        # Mostly the first candidate (the newest node nothing uses yet), which
        # keeps the drawn nodes one connected formula and shrinks to a chain;
        # sometimes any candidate or a constant: shared subexpressions, x0 * x0.
        if candidates and draw(st.integers(0, 3)) < 3:
            refs[p] = candidates[0]
            continue
        choice = draw(st.integers(0, len(candidates) - value_needed))
        refs[p] = candidates[choice] if choice < len(candidates) else draw(_constant(domain))
    return tuple(refs)


def _usable(values: list[float], depths: list[int], used: set[int], max_depth: int) -> list[int]:
    """Inputs and nodes that may be operands: unused ones first, newest first."""
    order = [r for r in reversed(range(len(values))) if depths[r] < max_depth]
    return [r for r in order if r not in used] + [r for r in order if r in used]


def _result(op: Op, refs: list[Ref], p: int, r: int, values: list[float]) -> float | None:
    trial = [*refs[:p], r, *refs[p + 1 :]]
    return _forward(op, [x if isinstance(x, float) else values[x] for x in trial])


def _prune(nodes: list[Node], inputs: list[float]) -> Expression:
    """Only what the output depends on, inputs and nodes renumbered in order."""
    n = len(inputs)
    needed = {n + len(nodes) - 1}
    for k in reversed(range(len(nodes))):
        if n + k in needed:
            needed.update(r for r in nodes[k][1] if isinstance(r, int))
    kept = sorted(needed)
    new = {old: i for i, old in enumerate(kept)}
    renumbered = [
        (op, tuple(new[r] if isinstance(r, int) else r for r in refs))
        for k, (op, refs) in enumerate(nodes)
        if n + k in needed
    ]
    return Expression(renumbered, [inputs[i] for i in kept if i < n])


if TYPE_CHECKING:
    from autograd.engines.check import assert_engine, check_engine
    from autograd.engines.report import EngineReport


def __getattr__(name: str) -> Any:
    # The engine checker builds on expressions() above, so it is loaded on first use.
    if name in ("assert_engine", "check_engine", "EngineReport"):
        from autograd.engines import check

        return getattr(check, name)
    raise AttributeError(f"module 'autograd.testing' has no attribute {name!r}")


__all__ = ["BOUND", "LIMIT", "MARGIN", "EngineReport", "Expression", "assert_engine"]
__all__ += ["assert_grad_matches", "check_engine", "expressions", "operands", "reals"]
