"""The playground without threads (issue 27): an asyncio task on the running loop, as in Pyodide.

Each test makes ``threading.Thread.start`` raise ``RuntimeError: can't start
new thread``, as Pyodide's does, and plays inside ``asyncio.run``, where the
loop stands for the kernel's. The behaviour is the thread's (the tests mirror
those of test_playground.py and test_door_playground.py): it plays, Pause stops
it, ``train(n)`` works, and training that diverges or fails stops and says so.
The bounds on time are generous (a loaded 2-core machine);
``benchmarks/async_play.py`` measures the real figures.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
import warnings
from collections.abc import Callable, Coroutine
from itertools import pairwise
from typing import Any

import pytest

import nn.threads
from nn import MLP, fit
from nn.losses import mse
from nn.optim import SGD
from nn.threads import threads_available

anywidget = pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")

from nn import playground  # noqa: E402

#: Starts a thread for the test itself, while the playground's start as Pyodide's do.
START = threading.Thread.start


@pytest.fixture(autouse=True)
def no_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """``Thread.start`` raises as it does in Pyodide (the override is left at None)."""

    def start(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", start)
    monkeypatch.setattr(nn.threads, "THREADS", None)
    monkeypatch.delenv(nn.threads.ENVIRONMENT, raising=False)


def elsewhere(body: Callable[[], None]) -> None:
    """Run ``body`` in a thread of its own, where no event loop runs yet.

    The main thread may already have one running (playwright's, once a browser
    test has started Chromium), and ``asyncio.run`` refuses to start inside it.
    """
    failed: list[BaseException] = []

    def call() -> None:
        try:
            body()
        except BaseException as error:  # re-raised in the test's own thread
            failed.append(error)

    thread = threading.Thread(target=call, name="test-loop")
    START(thread)
    thread.join(90)
    assert not thread.is_alive(), "the test's loop did not finish"
    if failed:
        raise failed[0]


def run(test: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """``test()`` on a fresh event loop, as the kernel's (see :func:`elsewhere`)."""
    elsewhere(lambda: asyncio.run(asyncio.wait_for(test(), 60)))


async def until(done: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        await asyncio.sleep(0.005)
    assert done(), "timed out"


def test_threads_are_found_unavailable_and_the_override_decides() -> None:
    assert not threads_available()
    nn.threads.THREADS = True
    assert threads_available()


def test_the_environment_variable_decides_when_the_override_is_unset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(nn.threads.ENVIRONMENT, "1")
    assert threads_available()
    monkeypatch.setenv(nn.threads.ENVIRONMENT, "0")
    assert not threads_available()


@pytest.mark.parametrize("setting", ["yes", "true", "2", "no threads"])
def test_a_bad_environment_variable_is_named_not_ignored(
    monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    monkeypatch.setenv(nn.threads.ENVIRONMENT, setting)
    with pytest.raises(ValueError, match=f'CHAINRULE_THREADS must be "0".*got {setting!r}'):
        threads_available()


def test_play_trains_in_a_task_and_pause_stops_it() -> None:
    async def test() -> None:
        pg = playground([4], "moons", lr=0.3, points=40)
        first = pg.trainer.validation_loss()
        pg.playing = True
        assert pg._runner.task is not None and pg._runner.thread is None
        await until(lambda: pg.step >= 20)
        pg.playing = False
        pg.wait(10)  # returns at once: a task takes no step once paused
        stopped = pg.step
        await asyncio.sleep(0.05)  # the task wakes, sees the pause and ends
        assert not pg._runner.running() and pg.step == stopped >= 20
        assert pg.trainer.steps == stopped and pg.frame["steps"] == stopped
        assert pg.trainer.val_loss[-1] < first and pg.error == ""

    run(test)


def test_pause_shows_the_step_it_stopped_at(monkeypatch: pytest.MonkeyPatch) -> None:
    # An update goes out at most every INTERVAL, so steps taken since the last one were
    # not shown; Pause then showed a step behind the model (the site's test found 65 for 67).
    monkeypatch.setattr("nn.widgets.playground_widget.INTERVAL", 60.0)

    async def test() -> None:
        pg = playground([4], "moons", lr=0.3, points=40)
        pg.playing = True
        await until(lambda: pg.trainer.steps >= 5)
        assert pg.step < pg.trainer.steps  # the first step's update only
        pg.playing = False
        await asyncio.sleep(0.05)
        assert not pg._runner.running()
        assert pg.step == pg.trainer.steps == pg.frame["steps"] >= 5

    run(test)


def test_the_task_yields_after_every_step_and_pause_stops_it_before_the_next() -> None:
    # How soon, in seconds, is make bench's (async-play); here, the order of events.
    async def test() -> None:
        pg = playground([4], "moons", lr=0.3, points=40)
        events: list[str] = []
        step = pg.trainer.step

        def counted() -> Any:
            events.append("step")
            return step()

        pg.trainer.step = counted  # type: ignore[method-assign]

        async def watch() -> None:  # another coroutine on the loop, as the kernel's replies
            while pg.playing:
                events.append("other")
                await asyncio.sleep(0)

        pg.playing = True
        watching = asyncio.create_task(watch())
        while events.count("step") < 20:
            await asyncio.sleep(0.001)
        pg.playing = False  # Pause, as a message the loop handles between steps
        taken = events.count("step")
        await watching
        await asyncio.sleep(0.05)
        assert events.count("step") == taken and not pg._runner.running()  # none after Pause
        # Between every two steps the other coroutine ran: the task yields after each.
        steps = [i for i, event in enumerate(events) if event == "step"]
        assert all(b - a > 1 for a, b in pairwise(steps)), events

    run(test)


def test_train_takes_steps_without_threads_in_and_out_of_a_loop() -> None:
    pg = playground([4], "circles", lr=0.3, points=60)
    assert pg.train(3).step == 3

    async def test() -> None:
        assert pg.train(2).step == 5 and len(pg.trainer.loss) == 5

    run(test)


def test_play_that_diverges_stops_and_says_at_which_step_and_learning_rate() -> None:
    async def test() -> None:
        pg = playground([8, 8], lr=1e200, activation="relu")
        start, grid = pg.model.state_dict(), pg.frame["surface"]["grid"]
        pg.playing = True
        await until(lambda: not pg.playing)
        assert pg.error.startswith("training diverged at step 1: ")
        assert "with learning rate 1e+200" in pg.error and "lower the learning rate" in pg.error
        assert pg.step == 0 and pg.frame["steps"] == 0 and pg.frame["surface"]["grid"] == grid
        assert pg.model.state_dict() == start
        with pytest.raises(FloatingPointError, match="training diverged at step 1"):
            pg.train(1)
        pg.lr = 0.1  # the next Play trains again
        pg.playing = True
        await until(lambda: pg.step >= 5)
        pg.playing = False
        assert pg.error == "" and math.isfinite(pg.trainer.loss[-1])

    run(test)


def test_any_error_in_the_task_stops_it_and_is_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    async def test() -> None:
        pg = playground([4], points=40).train(2)
        start = pg.model.state_dict()
        params = pg.trainer.optimizer.params

        def half_a_step() -> None:  # moves some weights, then fails
            for p in params[: len(params) // 2]:
                p.data += 1.0
            raise RuntimeError("the optimizer broke")

        monkeypatch.setattr(pg.trainer.optimizer, "step", half_a_step)
        pg.playing = True
        await until(lambda: not pg.playing)
        assert "training stopped at step 3" in pg.error and "the optimizer broke" in pg.error
        assert pg.step == 2 and pg.model.state_dict() == start

    run(test)


def test_reset_while_playing_stops_the_task_and_starts_again() -> None:
    async def test() -> None:
        pg = playground([4], points=40)
        start = pg.model.state_dict()
        pg.playing = True
        await until(lambda: pg.step >= 3)
        pg._message(None, {"do": "reset"}, [])  # the Reset button's message
        await asyncio.sleep(0.05)
        assert not pg.playing and pg.step == 0 and pg.model.state_dict() == start

    run(test)


def test_without_threads_or_a_running_loop_play_says_why_and_train_still_works() -> None:
    def body() -> None:  # a plain script: no loop runs, nothing could press Pause
        pg = playground([4], points=40)
        pg.playing = True
        assert not pg.playing and pg.step == 0
        assert pg.error.startswith("playground can't play here: ") and "train(n)" in pg.error
        assert pg.train(2).step == 2

    elsewhere(body)


def test_fits_progress_bar_starts_no_monitor_thread_and_warns_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tqdm = pytest.importorskip("tqdm").tqdm
    monkeypatch.setattr(tqdm, "monitor_interval", tqdm.monitor_interval)  # restored after
    monkeypatch.setattr(tqdm, "monitor", None)  # as in a fresh Python: the first bar
    model = MLP(1, [1], activation="linear", seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # tqdm's TqdmMonitorWarning would fail here
        fit(model, [[1.0]], [2.0], loss=mse, optimizer=SGD(model.parameters(), 0.1), epochs=2)
    assert tqdm.monitor_interval == 0 and tqdm.monitor is None
