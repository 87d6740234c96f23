"""The playground's training loop: steps in a thread (or a task), stopping where it must.

Training runs in a background thread, one step at a time, each under
``self.lock``. A thread, not chunks scheduled on the kernel's event loop: a
step is pure Python that holds the GIL for its whole 40-80 ms, and the
interpreter hands the GIL to the kernel's own thread every 5 ms
(``sys.getswitchinterval()``), so a pause (or any control) the front end sends
is handled at once, whatever ipykernel's event loop is; chunks on that loop
would depend on how ipykernel 6 or 7 schedules its messages, and could only
hear the pause between steps anyway. Where threads are unavailable (Pyodide),
the same turns run as an asyncio task on the kernel's loop instead
(:mod:`nn.widgets.runner`). Controls that change the model take the lock,
so they land between two steps, and so may the user (``with pg.lock: ...``).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any, TypeVar

import traitlets

from autograd.checks import count
from nn.widgets.runner import Runner
from nn.widgets.trainer import Trainer

P = TypeVar("P", bound="Playing")
#: The least time between two updates sent, in seconds: 25 a second at most.
INTERVAL = 0.04


class Playing(traitlets.HasTraits):
    """The playground's part that trains: ``playing``, :meth:`train`, :meth:`wait`,
    :meth:`reset`; whatever stops training is said in ``error`` (see :func:`nn.playground`)."""

    playing = traitlets.Bool(False).tag(sync=True)
    trainer: Trainer
    lock: threading.RLock
    error: str
    lr: float

    def __init__(self, **kwargs: Any) -> None:
        self._runner = Runner("playground")
        self._last = 0.0  # when the last update was sent while playing
        super().__init__(**kwargs)

    def publish(self) -> None:
        """Send the current state to the front end (the widget's own)."""
        raise NotImplementedError

    def _rebuild(self) -> None:
        """A fresh model from the settings (the widget's own)."""
        raise NotImplementedError

    def train(self: P, steps: int = 1) -> P:
        """Take ``steps`` steps now (in this thread), then show the result; returns self.

        Raises:
            TypeError, ValueError: ``steps`` is not a whole number >= 0.
            FloatingPointError: training diverged (see :meth:`nn.widgets.trainer.Trainer.step`);
                the model is kept as it was after the last good step.
        Whatever stops it is shown in ``error`` too, as when playing.
        """
        steps = count(steps, "train() steps", least=0)
        try:
            for _ in range(steps):
                with self.lock:
                    self.trainer.step()
        except Exception as error:
            self._stopped(error)
            raise
        self.publish()
        return self

    @traitlets.observe("playing")
    def _playing_changed(self, change: Any) -> None:
        if change["new"] and not self._runner.running():
            self.error = ""
            try:
                self._runner.start(self._turn, lambda: self.playing)
            except RuntimeError as error:  # no thread, no event loop: a plain script
                self.error = f"playground can't play here: {error}"
                self.playing = False
        elif not change["new"]:
            # An update goes out at most every INTERVAL, so the last steps may be unshown:
            # show where Pause stopped. A step under way in a thread sends its own after.
            self.publish()

    def _turn(self) -> Iterator[None]:
        """One step while playing and, at most every INTERVAL, an update (thread or task alike);
        between the two, a task lets the loop run (a step and an update each take ~10 ms)."""
        try:
            with self.lock:
                self.trainer.step()
            if time.perf_counter() - self._last >= INTERVAL or not self.playing:
                yield
                self.publish()
                self._last = time.perf_counter()
        except Exception as error:  # a thread's or task's error would reach only the kernel's log
            self._stopped(error)

    def _stopped(self, error: Exception) -> None:
        """Training stopped by ``error``: say so in ``error``, stop playing, show the last good
        state (the trainer kept it)."""
        if isinstance(error, FloatingPointError):
            self.error = str(error)
        else:
            at = self.trainer.steps + 1
            self.error = (
                f"training stopped at step {at} by an error: {type(error).__name__}: {error}"
            )
        self.playing = False
        with contextlib.suppress(Exception):  # the error above is the one to read
            self.publish()

    def wait(self, timeout: float | None = None) -> None:
        """Block until training has stopped (after ``playing = False``); see
        :meth:`nn.widgets.runner.Runner.wait` (a task needs no waiting)."""
        self._runner.wait(timeout)

    def reset(self: P, lr: float | None = None) -> P:
        """Stop and start again from a fresh model (a fresh one's start: the same seed); self.

        ``lr``: the learning rate from now on, checked first as the control checks it
        (refused: ``traitlets.TraitError``, nothing changed); ``pg.reset(lr=pg.lr / 10)``
        is the button a diverged playground shows."""
        if lr is not None:
            self.lr = lr
        self.playing = False
        self.wait()
        self.error = ""
        self._rebuild()
        return self


__all__ = ["INTERVAL", "Playing"]
