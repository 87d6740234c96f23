"""Where the playground trains while playing: a thread, or an asyncio task where there are none.

A :class:`Runner` runs one generator function, the playground's turn (one
step and, now and then, an update, with a ``yield`` between the two), again
and again while playing. Where a thread can start
(:func:`nn.threads.threads_available`), it runs in a thread, and the kernel
hears Pause while a step runs (see :mod:`nn.widgets.playground_widget`). Where
none can (Pyodide: JupyterLite in a browser), it runs as an asyncio task on the
running event loop, the kernel's, sleeping :data:`PAUSE` between two turns so
the loop handles the messages that arrived meanwhile, and at each ``yield``
too: Pause is heard after the step (or the update) under way, never during
it. Where there is neither (a plain script under Pyodide),
:meth:`Runner.start` raises ``RuntimeError``: nothing could press Pause
there, and ``pg.train(n)`` takes steps.

>>> turns = []
>>> def turn():
...     turns.append(len(turns))
...     yield  # a task lets the loop run other things here
>>> runner = Runner("demo")
>>> runner.start(turn, lambda: len(turns) < 3)   # here threads start
'thread'
>>> runner.wait(10)
>>> turns
[0, 1, 2]

``tests/nn/test_playground_async.py`` runs the task, on a loop of its own.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Callable, Iterator

from nn.threads import threads_available

#: Seconds the task sleeps between two turns. ``sleep(0)`` is not enough: the
#: loop then runs the task again before it reads the kernel's sockets, and a
#: scouting run in JupyterLite heard Pause 7 to 27 s late. With 4 ms the loop
#: reads them at every turn (``benchmarks/async_play.py`` measures the cost:
#: steps per second, and how late Pause and a concurrent sleep are).
PAUSE = 0.004


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop running here, if any: the kernel's in Jupyter (ipykernel, or
    Pyodide's, which always runs); None in a plain script."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        pass
    if sys.platform == "emscripten":  # Pyodide's WebLoop runs from the start, between calls too
        return asyncio.get_event_loop()
    return None


#: A turn: a generator function; each ``yield`` is a point where a task lets the loop run.
Turn = Callable[[], Iterator[None]]


def _repeat(turn: Turn, going: Callable[[], bool]) -> None:
    while going():
        for _ in turn():
            pass


async def _repeat_async(turn: Turn, going: Callable[[], bool]) -> None:
    while going():
        for _ in turn():
            await asyncio.sleep(PAUSE)  # PAUSE is read each time, so a benchmark may vary it
        await asyncio.sleep(PAUSE)


class Runner:
    """Calls a turn while playing, in a thread or an asyncio task (see the module docstring).

    Args:
        name: the thread's or task's name ("playground").
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.thread: threading.Thread | None = None
        self.task: asyncio.Task[None] | None = None

    def running(self) -> bool:
        """Whether the last one started is still going."""
        if self.thread is not None and self.thread.is_alive():
            return True
        return self.task is not None and not self.task.done()

    def start(self, turn: Turn, going: Callable[[], bool]) -> str:
        """Run ``turn()`` while ``going()``, in the background; "thread" or "task", which.

        Raises:
            RuntimeError: no thread can start and no event loop is running.
        """
        if threads_available():
            thread = threading.Thread(target=_repeat, args=(turn, going), name=self.name)
            thread.daemon = True
            try:
                thread.start()
            except RuntimeError:  # "can't start new thread": a task, then
                pass
            else:
                self.thread = thread
                return "thread"
        loop = running_loop()
        if loop is None:
            raise RuntimeError(
                "this Python starts no threads and no asyncio event loop is running, "
                "so nothing could pause training: take steps with train(n)"
            )
        self.task = loop.create_task(_repeat_async(turn, going), name=self.name)
        return "task"

    def wait(self, timeout: float | None = None) -> None:
        """Block until the thread has stopped (once ``going()`` is False).

        A task needs no waiting: it steps only while the loop runs it, so once
        code on the loop has stopped it, it takes no further step (it ends at its
        next wake); and blocking would stop the loop it runs on.
        """
        if self.thread is not None:
            self.thread.join(timeout)


__all__ = ["PAUSE", "Runner", "Turn", "running_loop"]
