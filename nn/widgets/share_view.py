"""The playground's part that shares a lesson: ``pg.settings``, hidden controls, ``pg.save_html``.

:class:`Sharing` keeps what :func:`nn.widgets.playground_share.settings_of`
needs beyond the trainer: how the data was chosen (``source``) and, for a
model the user passed, the weights it started from (``start``, until a
control rebuilds the model from the settings). ``hide`` is the list of
controls the front end leaves out.
"""

from __future__ import annotations

import html
import json
import os
import threading
from pathlib import Path
from typing import Any

import traitlets

from autograd.viz.views.widgets import save_page
from nn.widgets.playground_share import settings_of


class Sharing(traitlets.HasTraits):
    """``settings`` (a plain dict), ``hide`` (the controls left out), :meth:`save_html`."""

    hide = traitlets.List(traitlets.Unicode()).tag(sync=True)
    source: dict[str, Any]
    start: dict[str, float] | None
    lock: threading.RLock

    @property
    def settings(self) -> dict[str, Any]:
        """Everything that makes this playground, as plain values (``json.dumps`` takes it):
        ``nn.playground(settings=pg.settings)`` rebuilds it, the same weights after the same
        steps (:mod:`nn.widgets.playground_share`)."""
        return settings_of(self)  # type: ignore[arg-type]

    def save_html(self, path: str | os.PathLike[str]) -> Path:
        """Write a standalone page of the playground as it stands (its picture and readouts,
        no script) and the settings that rebuild it, to ``path``, atomically; returns the path.

        Raises:
            TypeError: ``path`` is not a file name.
            ValueError, OSError: as :func:`autograd.files.write_atomic` refuses.
        """
        from nn.widgets.playground_still import still

        settings = json.dumps(self.settings)
        step = self.trainer.steps  # type: ignore[attr-defined]
        hint = (
            f"The playground at step {step}, saved with save_html. To train it live, run "
            "nn.playground(settings=...) with the settings under the picture."
        )
        rebuild = (
            '<details><summary style="font-size:13px">The settings</summary>'
            f'<pre style="white-space:pre-wrap;font-size:13px">{html.escape(settings)}</pre>'
            "</details>"
        )
        body = still(self, hint) + rebuild  # type: ignore[arg-type]
        return save_page(path, "chainrule playground", body, "save_html()")


__all__ = ["Sharing"]
