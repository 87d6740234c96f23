"""Workload 9b: the playground without threads (Pyodide's case), as an asyncio task.

``nn.threads.THREADS = False`` makes the playground train as it does where no
thread can start: an asyncio task on the running loop (:mod:`nn.widgets.runner`),
sleeping ``PAUSE`` between two steps. Inside ``asyncio.run`` (the loop stands
for the kernel's), it plays ``MLP(2, [8, 8, 1])`` on 200 moons, as workload 9
does, while a ping coroutine asks for 10 ms sleeps and notes how late each
wakes; Pause is a coroutine due at a set time, as a kernel message is handled
when the loop gets to it. Pause's latency is from that time until training has
stopped (the task takes no step once paused; a thread is joined). The same is
measured for the thread, and for the task with other sleeps between steps.
"""

from __future__ import annotations

import asyncio
import statistics
import threading
import time
from collections.abc import Callable
from typing import Any

import nn.threads
from benchmarks.report import Section, Target
from nn.widgets import runner

#: Seconds of play between two pauses, and pauses per configuration (FULL).
PLAY, PAUSES = 1.0, 4
#: The sleeps between two steps compared (seconds); the first is the one shipped.
SLEEPS = (runner.PAUSE, 0.0, 0.01)


async def _session(pauses: int) -> dict[str, Any]:
    """Play and pause ``pauses`` times: steps/s, Pause's latencies, the pings' lateness."""
    from nn import playground

    pg = playground([8, 8], "moons", lr=0.3, points=200)
    late: list[float] = []
    heard: list[float] = []

    async def ping() -> None:
        while pg.playing:
            asked = time.perf_counter()
            await asyncio.sleep(0.01)
            late.append(time.perf_counter() - asked - 0.01)

    played = 0.0
    for _ in range(pauses):
        pg.playing = True
        pinging = asyncio.create_task(ping())
        start = time.perf_counter()
        await asyncio.sleep(PLAY)  # Pause is due at start + PLAY
        pg.playing = False
        pg.wait()
        heard.append(time.perf_counter() - start - PLAY)
        played += time.perf_counter() - start
        await pinging
    return {"steps": pg.step / played, "heard": heard, "late": late}


def _measure(threads: bool, sleep: float, pauses: int) -> dict[str, Any]:
    saved = nn.threads.THREADS, runner.PAUSE
    nn.threads.THREADS, runner.PAUSE = threads, sleep
    try:
        return _on_own_loop(lambda: asyncio.run(_session(pauses)))
    finally:
        nn.threads.THREADS, runner.PAUSE = saved


def _on_own_loop(body: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """``body()`` in a thread of its own, the one it plays in, as the kernel's loop.

    The caller's thread may have a loop running already (playwright's, once a
    browser has been started in this process), where ``asyncio.run`` refuses.
    The thread is started here, before ``THREADS`` says anything to the
    playground: only the playground's own runner asks it.
    """
    found: list[dict[str, Any]] = []
    failed: list[BaseException] = []

    def call() -> None:
        try:
            found.append(body())
        except BaseException as error:  # re-raised in the caller's thread
            failed.append(error)

    thread = threading.Thread(target=call, name="async-play")
    thread.start()
    thread.join()
    if failed:
        raise failed[0]
    return found[0]


def _ms(seconds_: float) -> str:
    return f"{seconds_ * 1e3:.0f} ms" if seconds_ >= 0.01 else f"{seconds_ * 1e3:.1f} ms"


def _row(name: str, m: dict[str, Any]) -> list[str]:
    heard, late = m["heard"], m["late"]
    return [
        name,
        f"{m['steps']:.1f} steps/s",
        f"{_ms(statistics.median(heard))} (max {_ms(max(heard))})",
        f"{_ms(statistics.median(late))} (max {_ms(max(late))}, {len(late)} pings)",
    ]


def async_play(cfg: Any) -> tuple[Section, list[Target]]:
    """The asyncio path's steps/s, Pause latency and the loop's responsiveness."""
    pauses = max(1, min(PAUSES, cfg.player_rounds - 1))
    shipped = _measure(False, runner.PAUSE, pauses)
    rows = [_row(f"task, sleep {_ms(runner.PAUSE)} between steps (shipped)", shipped)]
    for sleep in SLEEPS[1:]:
        rows.append(_row(f"task, sleep {_ms(sleep)}", _measure(False, sleep, pauses)))
    rows.append(_row("thread (where threads start)", _measure(True, runner.PAUSE, pauses)))
    section = Section(
        "9b. The playground without threads: an asyncio task (Pyodide's case)",
        [
            f"MLP(2, [8, 8, 1]) on 200 moons, played {pauses} times for {PLAY:.0f} s inside "
            "asyncio.run, no browser; Pause is due at the end of each, and its latency is "
            "until training has stopped. A ping coroutine asks for 10 ms sleeps all along: "
            "how late each wakes is how long the loop, the kernel's, is kept from its "
            "messages. Medians, maxima in brackets. Sleeping 0 s looks well here, but only "
            "here: in JupyterLite a scouting run heard Pause 7 to 27 s late with it, the "
            "kernel's messages waiting behind the steps."
        ],
        ["runs as", "rate", "Pause's latency", "a 10 ms sleep wakes late by"],
        rows,
    )
    heard, late = max(shipped["heard"]), max(shipped["late"])
    return section, [
        Target(
            "playground without threads (asyncio task): Pause heard within 0.1 s",
            f"{_ms(heard)} at most ({shipped['steps']:.1f} steps/s)",
            heard <= 0.1,
        ),
        Target(
            "playground without threads: the loop answers within 0.1 s while it plays",
            f"a 10 ms sleep {_ms(late)} late at most",
            late <= 0.1,
        ),
    ]
