"""Failure reports for :func:`autograd.gradcheck`: the table and the diagnoses.

A diagnosis explains *why* a row failed, most specific first: the function is
not finite near the point; a kink (relu at 0) or the edge of a domain lies
between the sample points, found by tracing ``f``'s graph against the op
table's domains; the numeric estimate changes with the step; or, when the
estimate is stable, the analytic derivative is the suspect.

>>> print(report([Row(0, "x0", 2.0, 1.0, 4.0, False)], ["input 0 (x0): ..."], "eps=1e-06"))
gradcheck failed for 1 of 1 inputs (eps=1e-06):
<BLANKLINE>
  input  label  value  analytic  numeric  abs error  rel error
  0      x0     2.0    1.0       4.0      3.0        0.75       FAIL
<BLANKLINE>
input 0 (x0): ...
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from autograd.backward import topological_order
from autograd.differences import FiniteDifferenceError, central
from autograd.ops import Domain
from autograd.value import Value


@dataclass(frozen=True)
class Row:
    """One input's line of the report."""

    index: int
    label: str
    value: float
    analytic: float
    numeric: float
    ok: bool
    #: Why the numeric estimate could not be made ("" when it was).
    failure: str = ""

    @property
    def abs_error(self) -> float:
        """|analytic - numeric|."""
        return abs(self.analytic - self.numeric)

    @property
    def rel_error(self) -> float:
        """|analytic - numeric| / |numeric| (inf when numeric is 0 and they differ)."""
        if self.numeric == 0:
            return 0.0 if self.abs_error == 0 else math.inf
        return self.abs_error / abs(self.numeric)


_HEADER = ("input", "label", "value", "analytic", "numeric", "abs error", "rel error", "")


def report(rows: list[Row], notes: list[str], settings: str) -> str:
    """The failure message: a summary line, the table, then one diagnosis per line."""
    cells = [_HEADER] + [
        (
            str(r.index),
            r.label,
            _number(r.value),
            _number(r.analytic),
            _number(r.numeric),
            _number(r.abs_error),
            _number(r.rel_error),
            "ok" if r.ok else "FAIL",
        )
        for r in rows
    ]
    widths = [max(len(line[c]) for line in cells) for c in range(len(_HEADER))]
    table = [
        "  " + "  ".join(s.ljust(w) for s, w in zip(line, widths, strict=True)).rstrip()
        for line in cells
    ]
    failed = sum(not r.ok for r in rows)
    title = f"gradcheck failed for {failed} of {len(rows)} inputs ({settings}):"
    return "\n".join([title, "", *table, "", *notes])


def _number(x: float) -> str:
    text = f"{x:.8g}"
    # Eight significant digits, written as a float (1.0, not 1).
    return text if any(c in text for c in ".ein") else text + ".0"


def diagnose(
    f: Callable[..., Value], xs: list[float], row: Row, eps: float, atol: float, rtol: float
) -> str:
    """One line explaining why ``row`` failed."""
    where = f"input {row.index} ({row.label})"
    if row.failure:
        return f"{where}: the function is not finite near the point: {row.failure}"
    if not math.isfinite(row.analytic):
        return f"{where}: the analytic derivative is {row.analytic!r}: not finite at the point"
    kink = _kink(f, xs, row.index, eps)
    if kink:
        return f"{where}: {kink}; finite differences mix the two sides there"
    steps = (10 * eps, eps, eps / 10)
    try:
        estimates = [central(f, xs, row.index, h) for h in steps]
    except FiniteDifferenceError as error:
        return f"{where}: the function is not finite near the point: {error}"
    listed = f"steps {', '.join(f'{h:g}' for h in steps)} give "
    listed += ", ".join(_number(d) for d in estimates)
    if max(estimates) - min(estimates) > atol + rtol * abs(row.numeric):
        return (
            f"{where}: the numeric estimate is unstable across step sizes ({listed}); "
            f"try method='richardson' or another eps"
        )
    return f"{where}: the numeric estimates agree ({listed}); the analytic derivative looks wrong"


# -- kinks and domain edges, from the traced graph ------------------------------

#: (op name, operand index, operand value, operand domain), one per operand.
Operand = tuple[str, int, float, Domain]


def _operands(f: Callable[..., Value], xs: list[float]) -> list[Operand] | None:
    """Every operand of every node of the graph of f at ``xs`` (None if f fails)."""
    try:
        out = f(*[Value(x) for x in xs])
    except (ArithmeticError, ValueError):
        return None
    if not isinstance(out, Value):
        return None
    return [
        (node.op, p, a if isinstance(a, float) else a.data, node._op.domain(p))
        for node in topological_order(out)
        if node._op is not None
        for p, a in enumerate(node._args)
    ]


def _kink(f: Callable[..., Value], xs: list[float], i: int, eps: float) -> str | None:
    """Which operand crosses a kink or a domain end as input ``i`` moves by +-eps."""
    down, up = list(xs), list(xs)
    down[i] -= eps
    up[i] += eps
    at = _operands(f, xs)
    if at is None:
        return None
    traces = [_operands(f, down), at, _operands(f, up)]
    shape = [e[:2] for e in at]
    aligned = all(t is not None and [e[:2] for e in t] == shape for t in traces)
    for k, (name, p, value, domain) in enumerate(at):
        # Where the operand goes as the input steps: traced when the graph keeps
        # its shape, else (Python branches on data) the point +- eps.
        seen = (
            [t[k][2] for t in traces if t is not None] if aligned else [value - eps, value + eps]
        )
        low, high = min(seen), max(seen)
        for a in domain.avoid:
            if low <= a <= high:
                return (
                    f"the point sits on a kink: operand {p} of {name} is {value!r}, "
                    f"and a step of {eps:g} takes it across {a!r}"
                )
        if domain.contains(value) and (low <= domain.low or high >= domain.high):
            return (
                f"the point sits at the end of a domain: operand {p} of {name} is {value!r}, "
                f"and a step of {eps:g} takes it to the end of ({domain.low!r}, {domain.high!r})"
            )
    return None


__all__ = ["Row", "diagnose", "report"]
