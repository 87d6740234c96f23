"""What :func:`~autograd.engines.check.check_engine` found: the report and its failures.

``str(report)`` is the text a learner reads in a terminal or a pytest
failure; ``_repr_html_`` the same in Jupyter, as escaped text in plain
elements with inline styles only (no script, no ``<style>``), so it reads the
same in an untrusted notebook.

>>> failure = Failure("*", "x0 * x0", (3.0,), (6.0,), (3.0,), "x0's gradient", "use `+=`")
>>> report = EngineReport("my.Value", {"x * y": "ok"}, [failure], ["a note"])
>>> report.ok
False
>>> print(report)  # doctest: +NORMALIZE_WHITESPACE
check_engine(my.Value): 1 problem
<BLANKLINE>
1. * is wrong in  x0 * x0   at x0 = 3.0
       input   expected   got
       x0      6.0        3.0
   where: x0's gradient
   cause: use `+=`
<BLANKLINE>
notes:
- a note
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Failure:
    """One problem: a wrong gradient or value, a form that fails, or graphs that interfere.

    Attributes:
        op: the op to blame (``"+"``, ``"tanh"``), or None when no one op is.
        expression: the formula or form, as text (``x0 * x0``, ``2.0 * x``).
        inputs: the point, one float per input.
        expected: chainrule's gradient of each input (empty when not compared).
        got: the learner's engine's (None where it has none).
        where: the node or step where it first goes wrong.
        cause: the likely cause and what to write instead.
    """

    op: str | None
    expression: str
    inputs: tuple[float, ...]
    expected: tuple[float, ...]
    got: tuple[float | None, ...]
    where: str
    cause: str

    def headline(self) -> str:
        """One line: what is wrong, in which formula, at which point."""
        point = ", ".join(f"x{i} = {x!r}" for i, x in enumerate(self.inputs))
        if not self.expected:
            return self.expression + (f"   at {point}" if point else "")
        what = f"{self.op} is wrong in" if self.op else "wrong in"
        return f"{what}  {self.expression}   at {point}"

    def table(self) -> list[tuple[str, str, str]]:
        """Rows of input, expected and got (empty when nothing was compared)."""
        return [
            (f"x{i}", repr(e), "none" if g is None else repr(g))
            for i, (e, g) in enumerate(zip(self.expected, self.got, strict=False))
        ]


@dataclass
class EngineReport:
    """The result of checking a learner's engine.

    Attributes:
        engine: the class, named by module (``micrograd.engine.Value``).
        supported: each form (``x + y``, ``2.0 * x``, ``x.tanh()``) -> "ok" or why not.
        failures: the problems found; none when the engine passed.
        notes: what is worth knowing but not wrong (RecursionError on a long
            chain, what a second ``backward()`` does, ``relu'(0)``).
        stages: each stage run (``+ alone``, ``all together``) -> formulas run, "ok"/"failed".
    """

    engine: str
    supported: dict[str, str]
    failures: list[Failure]
    notes: list[str] = field(default_factory=list)
    stages: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong (lacking ops and notes do not count)."""
        return not self.failures

    def lacks(self) -> list[str]:
        """The forms the class does not have, which were not checked."""
        return [form for form, why in self.supported.items() if why.startswith("lacks")]

    def __str__(self) -> str:
        count = len(self.failures)
        verdict = "passes" if self.ok else f"{count} problem{'s' * (count != 1)}"
        lines = [f"check_engine({self.engine}): {verdict}"]
        for n, failure in enumerate(self.failures, 1):
            lines += ["", f"{n}. {failure.headline()}", *_table_lines(failure.table())]
            lines += [f"   where: {failure.where}", f"   cause: {failure.cause}"]
        if self.stages:
            lines += ["", "checked: " + "; ".join(f"{k} {v}" for k, v in self.stages.items())]
        if self.lacks():
            lines += ["", f"lacks {', '.join(self.lacks())} (not checked)"]
        if self.notes:
            lines += ["", "notes:", *(f"- {note}" for note in self.notes)]
        return "\n".join(lines)

    def __repr__(self) -> str:
        count = len(self.failures)
        verdict = "passes" if self.ok else f"{count} problem{'s' * (count != 1)}"
        return f"<EngineReport {self.engine}: {verdict}>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython's text form (a terminal, a notebook's text/plain): the whole
        # report, as print() shows it, not the one-line repr.
        printer.text(repr(self) if cycle else str(self))

    def _repr_html_(self) -> str:
        return to_html(self)


def _table_lines(rows: Sequence[tuple[str, str, str]]) -> list[str]:
    if not rows:
        return []
    rows = [("input", "expected", "got"), *rows]
    widths = [max(len(r[k]) for r in rows) for k in range(3)]
    return [
        "       " + "   ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)).rstrip()
        for r in rows
    ]


_BOX = "font-family: monospace; line-height: 1.4; max-width: 60em"
_CELL = "padding: 0 1em 0 0; text-align: left"


def to_html(report: EngineReport) -> str:
    """The report as HTML: every text escaped, inline styles only."""
    e = html.escape
    colour = "#1a7f37" if report.ok else "#b42318"
    verdict = str(report).splitlines()[0]
    parts = [
        f'<div style="{_BOX}">',
        f'<p style="color: {colour}; font-weight: bold">{e(verdict)}</p>',
    ]
    for n, failure in enumerate(report.failures, 1):
        parts.append(f"<p><b>{n}. {e(failure.headline())}</b></p>")
        if failure.table():
            rows = [("input", "expected", "got"), *failure.table()]
            cells = "".join(
                "<tr>" + "".join(f'<td style="{_CELL}">{e(c)}</td>' for c in row) + "</tr>"
                for row in rows
            )
            parts.append(f"<table>{cells}</table>")
        parts.append(f"<p>where: {e(failure.where)}<br>cause: {e(failure.cause)}</p>")
    tail = str(report).split("\n\n")[1 + len(report.failures) :]
    parts += [f"<p>{e(block).replace(chr(10), '<br>')}</p>" for block in tail]
    parts.append("</div>")
    return "\n".join(parts)


__all__ = ["EngineReport", "Failure", "to_html"]
