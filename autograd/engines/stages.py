"""Each op alone, then all together: hypothesis looks for a formula the engine gets wrong.

A stage draws formulas over a few ops (:func:`autograd.testing.expressions`),
runs each on the learner's class (:func:`~autograd.engines.trial.run`) and
stops at the first that fails; hypothesis shrinks it to a small formula.
The shrunk formula is run again: a failure that does not come back the same
is reported as not reproducible. Seeded: the same seed draws the same formulas.

>>> from autograd import Value, ops
>>> from autograd.engines.forms import probe
>>> forms = probe(Value, [ops.ADD, ops.MUL])
>>> search(Value, forms, (ops.MUL, ops.ADD), max_examples=20, seed=0)
(None, 20)
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from hypothesis import find, reject
from hypothesis import settings as Settings
from hypothesis.errors import Flaky, NoSuchExample, Unsatisfiable

from autograd import ops
from autograd.engines.build import Unsupported
from autograd.engines.causes import blame, forward_wrong, raised
from autograd.engines.forms import Forms
from autograd.engines.report import Failure
from autograd.engines.trial import Outcome, close, run
from autograd.expression import Expression
from autograd.op import Op
from autograd.testing import expressions

#: Times a shrunk failure is run again to see that it reproduces.
RERUNS = 3
#: The formulas drawn: small enough to read once shrunk, big enough for diamonds.
MAX_INPUTS, MAX_DEPTH = 3, 4


def label(op: Op) -> str:
    """A stage's name for ``op``: ``**`` for ``x ** c``, ``x ** y`` for the other."""
    return "x ** y" if op is ops.POW else op.name


def stages(
    cls: type,
    forms: Forms,
    wanted: Sequence[Op],
    max_examples: int,
    seed: int,
    done: dict[str, str],
) -> list[Failure]:
    """Each op alone (with + and * once they pass), then all together, to the first failure."""
    passed: list[Op] = []
    todo = [op for op in forms.ops() if op in wanted]
    for k, op in enumerate(todo):
        helpers = tuple(h for h in (ops.ADD, ops.MUL) if h in passed and h is not op)
        failure, count = search(cls, forms, (op, *helpers), max_examples, seed + k)
        done[f"{label(op)} alone"] = _verdict(count, failure)
        if failure is not None:
            # One bug at a time: the later stages would mostly meet this one again.
            rest = [label(o) for o in todo[k + 1 :]] + ["all together"] * (len(todo) > 1)
            if rest:
                done["not run"] = " ".join(rest) + " (fix this first)"
            return [failure]
        passed.append(op)
    if len(passed) > 1:
        failure, count = search(cls, forms, tuple(passed), max_examples, seed + len(passed))
        done["all together"] = _verdict(count, failure)
        if failure is not None:
            return [failure]
    return []


def _verdict(count: int, failure: Failure | None) -> str:
    if not count:
        return "0 formulas: none fit the forms the class has (not checked)"
    return f"{count} formulas, " + ("failed" if failure else "ok")


def search(
    cls: type, forms: Forms, table: tuple[Op, ...], max_examples: int, seed: int
) -> tuple[Failure | None, int]:
    """The shrunk failure of formulas over ``table`` on ``cls`` (or None), and formulas run."""
    last: list[Expression] = []
    count = [0]

    def fails(e: Expression) -> bool:
        try:
            outcome = run(e, cls, forms.adapt)
        except Unsupported:
            reject()
        count[0] += 1
        if outcome.failed:
            last[:] = [e]
        return outcome.failed

    options = Settings(max_examples=max_examples, database=None, deadline=None)
    strategy = expressions(ops=table, max_inputs=MAX_INPUTS, max_depth=MAX_DEPTH)
    flaky = False
    try:
        found = find(strategy, fails, settings=options, random=random.Random(seed))
    except (NoSuchExample, Unsatisfiable):
        return None, count[0]
    except Flaky:
        found, flaky = last[0], True
    return explain(cls, forms, found, table[0], flaky), count[0]


def explain(cls: type, forms: Forms, e: Expression, op: Op, flaky: bool = False) -> Failure:
    """The failure of ``e``: run again to check it reproduces, then blamed."""
    outcomes = [run(e, cls, forms.adapt) for _ in range(RERUNS)]
    failing = [o for o in outcomes if o.failed]
    outcome = failing[0] if failing else outcomes[0]
    name, where, cause = _blame(outcome, op)
    runs = "; ".join(", ".join(repr(g) for g in o.got) for o in outcomes)
    if flaky or len(failing) < RERUNS:
        cause = (
            f"not reproducible: it failed in {len(failing)} of {RERUNS} runs again, which gave "
            f"{runs}: does backward() walk a set, or order nodes by id()? "
            f"The failing run: {cause}"
        )
    elif not all(_same(o, failing[0]) for o in failing):
        cause += f" (its {RERUNS} runs gave different gradients, {runs}: the order of a set)"
    return Failure(
        name, str(e), tuple(e.inputs), tuple(outcome.expected), tuple(outcome.got), where, cause
    )


def _same(a: Outcome, b: Outcome) -> bool:
    if (a.error is None) != (b.error is None):
        return False
    return all(
        (x is None and y is None) or (x is not None and y is not None and close(x, y))
        for x, y in zip(a.got, b.got, strict=False)
    )


def _blame(outcome: Outcome, op: Op) -> tuple[str | None, str, str]:
    if outcome.error is not None:
        where, cause = raised(outcome.error)
        if where == "backward()":
            return None, where, cause
        return op.name, f"the {outcome.phase} of the formula", cause
    wrong = forward_wrong(outcome.expression, outcome.links)
    if wrong is not None:
        name, node, cause = wrong
        return name, f"the value of {node}", cause
    return blame(outcome.expression, outcome.links, outcome.repeated)


__all__ = ["MAX_DEPTH", "MAX_INPUTS", "RERUNS", "explain", "label", "search", "stages"]
