"""Whether this Python can start a thread: not in Pyodide (JupyterLite in a browser).

There ``threading.Thread.start()`` raises ``RuntimeError: can't start new
thread``. Where threads are unavailable, the playground trains in an asyncio
task instead of a thread (:mod:`nn.widgets.runner`) and ``fit``'s tqdm bar runs
without its monitor thread (:func:`quiet_tqdm`). One answer for both, and one
override for tests and benchmarks: :data:`THREADS`, or the environment variable
``CHAINRULE_THREADS`` ("0" or "1").

>>> import nn.threads
>>> nn.threads.THREADS = False  # as in Pyodide
>>> threads_available()
False
>>> nn.threads.THREADS = None  # the default: decide by trying
>>> threads_available()
True
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

#: None (the default): decide (Pyodide: no; elsewhere: start a thread and see);
#: True or False: this answer, whatever the platform (tests, benchmarks).
THREADS: bool | None = None
#: The environment variable read when :data:`THREADS` is None: "0" (no threads) or "1".
ENVIRONMENT = "CHAINRULE_THREADS"


def threads_available() -> bool:
    """Whether a thread can be started here.

    :data:`THREADS` if set, else ``CHAINRULE_THREADS`` if set (and not empty),
    else False under Pyodide (``sys.platform == "emscripten"``), else whether a
    thread that does nothing starts: asked afresh each time (about 0.1 ms), so
    a test that makes ``Thread.start`` raise, as Pyodide's does, is answered truly.

    Raises:
        ValueError: ``CHAINRULE_THREADS`` is set to something but "0" or "1".
    """
    if THREADS is not None:
        return THREADS
    setting = os.environ.get(ENVIRONMENT, "").strip()
    if setting in ("0", "1"):
        return setting == "1"
    if setting:  # a typo must not silently pick the other path
        raise ValueError(
            f'the environment variable {ENVIRONMENT} must be "0" (no threads) or "1", '
            f"got {setting!r}"
        )
    if sys.platform == "emscripten":
        return False
    probe = threading.Thread(target=int, name="chainrule-probe", daemon=True)
    try:
        probe.start()
    except RuntimeError:  # "can't start new thread"
        return False
    probe.join()
    return True


def quiet_tqdm(bar: Any) -> Any:
    """``bar`` (tqdm's class), without its monitor thread where threads are unavailable.

    tqdm starts a monitor thread with its first bar; where that fails it warns
    (``TqdmMonitorWarning``) and goes on without one. ``monitor_interval = 0``
    asks for none, so nothing fails and nothing warns.
    """
    if not threads_available():
        bar.monitor_interval = 0
    return bar


__all__ = ["ENVIRONMENT", "THREADS", "quiet_tqdm", "threads_available"]
