"""The playground's part that edits its data: ``pg.add_point``, ``pg.remove_point``, the clicks.

In the boundary's panel, with "a click adds" set to a class (or a value, for a
regression), a click adds a point there; a shift-click removes the point
nearest it (:mod:`nn.widgets.own_points` checks and records each edit).
The front end sends ``{"add": [x1, x2], "target": t}`` and ``{"remove": k}``
(``k`` in its own order: training points, then validation points); a refused
edit is shown in ``error``. ``points`` is what the front end draws.
"""

from __future__ import annotations

import threading
from typing import Any, TypeVar

import traitlets

from autograd.checks import count
from nn.data import train_test_split
from nn.widgets.fit_order import held_out
from nn.widgets.own_points import Edits
from nn.widgets.trainer import Trainer

P = TypeVar("P", bound="Editing")


class Editing(traitlets.HasTraits):
    """``points`` (synced), :meth:`add_point`, :meth:`remove_point`, and their messages."""

    points = traitlets.Dict().tag(sync=True)
    trainer: Trainer
    lock: threading.RLock
    error: str
    _given: tuple[list[Any], list[Any]]
    _before: tuple[list[Any], list[Any]]  # the data before the edits (_remember)

    def __init__(self, **kwargs: Any) -> None:
        self.edits = Edits()
        super().__init__(**kwargs)
        self.on_msg(self._edit_message)  # type: ignore[attr-defined]

    def publish(self) -> None:
        """Send the current state to the front end (the widget's own)."""
        raise NotImplementedError

    def add_point(self: P, point: Any, target: Any) -> P:
        """Add ``point`` (x1, x2) of class (or target) ``target`` to the training set; it is
        point ``len(X)`` of the data as given for ``explain``. Returns self.

        Raises:
            TypeError, ValueError: a point that is not 2 finite numbers; a class the
                data lacks (or, for a regression, a target that is not a finite number).
        """
        with self.lock:
            self.edits.add(self._sets(), self._given, point, target, self._task())
        self._changed()
        return self

    def remove_point(self: P, i: int) -> P:
        """Remove point ``i`` of the data as given (``X``, ``y`` order). Returns self.

        Raises:
            TypeError, ValueError: ``i`` is not a point's index; its set would keep too
                few (three training points, one validation point).
        """
        X, y = self._given
        k = count(i, "remove_point() i", least=0, most=len(X) - 1)
        return self._remove([*X[k], y[k]])

    def _remove(self: P, row: list[Any]) -> P:
        """Remove the point ``[x1, x2, target]`` from its set and the data as given."""
        with self.lock:
            self.edits.remove(self._sets(), self._given, row)
        self._changed()
        return self

    def replay(self: P, edits: Edits) -> P:
        """Make ``edits`` (another playground's, from its settings) on this one's data, which
        must be the same data they were made on; returns self."""
        with self.lock:
            try:
                edits.replay(self._sets(), self._given, self._task())
            except ValueError as error:  # said as the door that read them
                raise ValueError(f"playground() settings added and removed: {error}") from None
            self.edits = edits
        self._changed()
        return self

    def _remember(self) -> None:
        """Keep the data as it is before any edit (a copy), for :meth:`_split_again`."""
        X, y = self.trainer.data
        self._before = ([list(p) for p in X], list(y))

    def _split_again(self) -> None:
        """Restart the trainer (a new split, a fresh model) on the data before the edits, then
        make the edits again: a control that rebuilds splits the points as
        ``playground(settings=pg.settings)`` does, an added point still one to train on."""
        t = self.trainer
        X, y = self._before
        with self.lock:
            t.data = ([list(p) for p in X], list(y))
            t.restart()
            self._given = t.data
            self.edits.replay(self._sets(), self._given, self._task())
            t.featurise()
            t.gradients()  # the network view's gradients, of the data it now trains on

    def _check_fraction(self, fraction: float) -> None:
        """Refuse a held-out share (checked as a number) whose split leaves a part empty, or
        too few points once the learner's edits are made again (a ValueError saying so)."""
        X, y = self._before
        held = held_out(fraction, len(X))
        X_train, X_val, y_train, y_val = train_test_split(
            X, y, held, seed=self.trainer.settings.seed
        )
        trial = Edits([list(r) for r in self.edits.added], [list(r) for r in self.edits.removed])
        split = {"X": X_train, "y": y_train, "X_val": X_val, "y_val": y_val}
        try:  # on copies: the lists are the split's own, the points are never changed
            trial.replay(split, (list(X), list(y)), self._task())
        except ValueError as error:
            raise ValueError(f"playground test_fraction={fraction:g} {error}") from None

    def _task(self) -> tuple[str, int]:
        return self.trainer.task.kind, self.trainer.task.k

    def _sets(self) -> dict[str, list[Any]]:
        t = self.trainer
        return {"X": t.X, "y": t.y, "X_val": t.X_val, "y_val": t.y_val}

    def _changed(self) -> None:
        with self.lock:
            self.trainer.featurise()
        self.error = ""
        self.send_points()
        self.publish()

    def send_points(self) -> None:
        """``points``: the bounds, every point ``[x1, x2, target, 1 training / 0 validation]``
        (training first) and the task (its kind and classes), as the front end draws them."""
        t = self.trainer
        with self.lock:
            task, k = t.task.kind, t.task.k
            self.points = {
                "bounds": list(t.bounds()),
                "xy": [[*p, label, 1] for p, label in zip(t.X, t.y, strict=True)]
                + [[*p, label, 0] for p, label in zip(t.X_val, t.y_val, strict=True)],
                "task": task,
                "classes": k,
            }

    def _edit_message(self, _: Any, content: Any, buffers: Any) -> None:
        if not isinstance(content, dict) or not ({"add", "remove"} & set(content)):
            return
        try:
            if "add" in content:
                self.add_point(content["add"], content.get("target"))
                return
            t = self.trainer
            points = [*zip(t.X, t.y, strict=True), *zip(t.X_val, t.y_val, strict=True)]
            k = count(content["remove"], "the point clicked", least=0, most=len(points) - 1)
            self._remove([*points[k][0], points[k][1]])
        except Exception as error:  # shown where the user looks, not in the kernel's log
            self.error = f"{'add' if 'add' in content else 'remove'} a point: {error}"


__all__ = ["Editing"]
