"""The learner's own points: a click adds one, a shift-click removes one, training goes on.

An edit changes the data between two steps (under the playground's lock):
an added point joins the training set (drawn filled) and the data as given
(``pg.explain`` numbers it after the others); a removed one leaves whichever
set holds it. A class label must be one the data has (0 .. k-1, or 0 and 1),
a regression's target any finite number. At least three training points and
one validation point stay, as at the start. :class:`Edits` records them, as
plain values (added ``[x1, x2, target]``, removed ``[x1, x2, target]``), so
``pg.settings`` carries them and :meth:`Edits.replay` makes the same data again.

>>> given = ([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0], [2.0, 2.0]], [0, 0, 1, 1, 0])
>>> edits = Edits()
>>> sets = {"X": given[0][:4], "y": given[1][:4], "X_val": given[0][4:], "y_val": given[1][4:]}
>>> edits.add(sets, given, [0.5, 0.5], 1, ("binary", 2)).added
[[0.5, 0.5, 1]]
>>> edits.remove(sets, given, [0.0, 0.0, 0]).removed, len(sets["X"]), len(given[0])
([[0.0, 0.0, 0]], 4, 5)
>>> edits.add(sets, given, [0.5, 0.5], 2, ("binary", 2))
Traceback (most recent call last):
...
ValueError: the point's class must be one of 0, 1 (the data's classes), got 2
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from autograd.arrays import to_python
from autograd.checks import real, shown

#: The fewest points each set keeps: three to train on and one to validate with.
LEAST_TRAINING, LEAST_VALIDATION = 3, 1

Sets = dict[str, list[Any]]  # "X", "y", "X_val", "y_val": the trainer's lists
Given = tuple[list[Any], list[Any]]  # the data as given, (X, y): pg.explain's numbering


def check_point(point: object, target: object, task: tuple[str, int]) -> tuple[list[float], Any]:
    """``point`` (2 finite numbers) and ``target`` as the data's ``task`` (``(kind, k)``, as
    :func:`~nn.widgets.playground_data.task_of` reads the data) takes them: one of its
    classes, or a real for a regression. NumPy arrays and scalars are read as their lists."""
    point, target = to_python(point, "the point"), to_python(target, "the point's target")
    if isinstance(point, (str, bytes)) or not isinstance(point, Sequence) or len(point) != 2:
        raise ValueError(f"the point must be 2 numbers (x1, x2), got {shown(point)}")
    x = [real(v, f"the point's x{i + 1}") for i, v in enumerate(point)]
    kind, k = task
    if kind == "regression":
        return x, real(target, "the point's target")
    classes = list(range(k))
    if isinstance(target, bool) or target not in classes:
        raise ValueError(
            f"the point's class must be one of {', '.join(map(str, classes))} (the data's "
            f"classes), got {shown(target)}"
        )
    return x, int(target)


@dataclass
class Edits:
    """The points added and removed so far, in order (see the module docstring)."""

    added: list[list[Any]] = field(default_factory=list)
    removed: list[list[Any]] = field(default_factory=list)

    def add(
        self, sets: Sets, given: Given, point: object, target: object, task: tuple[str, int]
    ) -> Edits:
        """Add ``point`` of ``target`` to the training set and to ``given``; returns self."""
        x, t = check_point(point, target, task)
        sets["X"].append(x)
        sets["y"].append(t)
        given[0].append(x)
        given[1].append(t)
        self.added.append([*x, t])
        return self

    def remove(self, sets: Sets, given: Given, row: list[Any], *, keep: bool = True) -> Edits:
        """Remove the point ``[x1, x2, target]`` from its set and from ``given``; returns self.
        ``keep=False``: whatever its set keeps (a replay checks the sets at its end).

        Raises:
            ValueError: no such point, or its set would keep too few.
        """
        places = (("X", "y", LEAST_TRAINING, "training"),
                  ("X_val", "y_val", LEAST_VALIDATION, "validation"))  # fmt: skip
        for xs, ys, least, name in places:
            k = _find(sets[xs], sets[ys], row)
            if k is None:
                continue
            if keep and len(sets[xs]) <= least:
                raise ValueError(
                    f"the playground keeps at least {least} {name} point"
                    f"{'s' if least > 1 else ''}: add one before removing this one"
                )
            del sets[xs][k], sets[ys][k]
            g = _find(*given, row)
            if g is not None:
                del given[0][g], given[1][g]
            # A point added, then removed, is simply not added: removals are of the
            # data's own points, so replay's order (removals, then additions) holds.
            if list(row) in self.added:
                self.added.remove(list(row))
            else:
                self.removed.append(list(row))
            return self
        raise ValueError(f"no point at {shown(row[:2])} of target {shown(row[2])} to remove")

    def replay(self, sets: Sets, given: Given, task: tuple[str, int]) -> None:
        """Make the same edits again on a fresh copy of the same data (a rebuilt playground):
        the removals first, then the additions, as their order does not change the data.
        The sets are checked at the end, not after each removal: a removal that an addition
        made possible (a fourth training point, then one of them removed) is replayed too.

        Raises:
            ValueError: a removed point is not in the data; the removals leave a set fewer
                points than it keeps (3 training, 1 validation) and than the split gave it
                (removals made on another split, another held-out share, may not fit this one).
        """
        removed, added = self.removed, self.added
        self.removed, self.added = [], []
        places = (("X", LEAST_TRAINING, "training"), ("X_val", LEAST_VALIDATION, "validation"))
        split = {xs: len(sets[xs]) for xs, _, _ in places}
        for row in removed:
            self.remove(sets, given, row, keep=False)
        for *x, t in added:
            self.add(sets, given, x, t, task)
        for xs, least, name in places:  # fewer than the split gave only by the removals
            if len(sets[xs]) < min(least, split[xs]):
                raise ValueError(
                    f"would leave {len(sets[xs])} {name} points once the points removed are "
                    f"gone; the playground keeps at least {least}"
                )


def _find(X: list[Any], y: list[Any], row: list[Any]) -> int | None:
    """The first place of point ``row[:2]`` with target ``row[2]`` in (X, y), else None."""
    for k, (x, t) in enumerate(zip(X, y, strict=True)):
        if list(x) == list(row[:2]) and t == row[2]:
            return k
    return None


__all__ = ["LEAST_TRAINING", "LEAST_VALIDATION", "Edits", "check_point"]
