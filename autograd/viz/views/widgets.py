"""What the live widgets (the lab, the playground) share: anywidget, their front ends, snapshots.

The widgets are anywidget widgets: Python holds the state in traitlets and the
front end is plain ES modules shipped beside the code (``lab.js``,
``player.js``, ``stage.js``, ``nn/widgets/playground.js``), joined into the one
module anywidget loads by :func:`autograd.viz.views.esm.join`; nothing is built and
nothing is fetched at run time. anywidget is an
optional dependency, imported only when a widget is made (:func:`need_anywidget`).

Every widget's display carries, beside the live view, a static snapshot as
``text/html`` (:func:`with_snapshot`): what an untrusted notebook, nbconvert or
a notebook without its kernel shows; :func:`save_page` writes it as a
standalone page (``save_html`` on the lab and the playground).
"""

from __future__ import annotations

import html
import importlib
import os
from importlib.resources import files
from pathlib import Path
from types import ModuleType
from typing import Any

from autograd.files import write_atomic
from autograd.kinds import class_name

#: The MIME type of a widget's live view, which only a running kernel can fill.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def need_anywidget(what: str) -> ModuleType:
    """The anywidget module, or an ImportError that says how to install it.

    >>> need_anywidget("lab()").__name__
    'anywidget'
    """
    try:
        return importlib.import_module("anywidget")
    except ImportError:
        raise ImportError(
            f"{what} is a Jupyter widget and needs anywidget: pip install 'chainrule[widgets]'"
        ) from None


def asset(package: str, name: str) -> str:
    """The text of ``name``, shipped beside the modules of ``package``."""
    return files(package).joinpath(name).read_text(encoding="utf-8")


class RollsBack:
    """A widget mixin: a value the browser sets that validation refuses is rolled back and shown.

    Each widget validates its settings with ``@traitlets.validate``, so a value
    set from Python that is refused raises ``traitlets.TraitError`` naming the
    setting, and the trait keeps its old value. A value set from the browser
    arrives through ``set_state``; there the same refusal would only reach the
    kernel's log while the control kept showing the refused value. Instead
    the widget's ``error`` trait says why, and the kept values are sent back,
    so the control shows what the widget really uses. List it before
    ``anywidget.AnyWidget`` among the bases; the widget needs an ``error`` trait.
    """

    def set_state(self, sync_data: dict[str, Any]) -> None:
        """Apply the browser's changes; a refused one rolls back (traitlets does) and is shown."""
        import traitlets

        try:
            super().set_state(sync_data)  # type: ignore[misc]
        except traitlets.TraitError as error:
            self.error = str(error)
            self.send_state(list(sync_data))  # type: ignore[attr-defined]


def with_snapshot(bundle: Any, html: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A widget's display bundle (``data`` or ``(data, metadata)``) with ``html`` added.

    >>> data, meta = with_snapshot(({"text/plain": "w"}, {}), "<p>still</p>")
    >>> sorted(data)
    ['text/html', 'text/plain']
    """
    data, metadata = bundle if isinstance(bundle, tuple) else (bundle or {}, {})
    return {**data, "text/html": html}, dict(metadata)


def save_page(path: object, title: str, body: str, where: str) -> Path:
    """Write ``body`` (HTML, no script needed) as a standalone page titled ``title`` to
    ``path``, atomically (:func:`autograd.files.write_atomic`); returns the path.

    Raises:
        TypeError: ``path`` is neither a str nor a path, named as ``where`` says.

    >>> save_page(3, "t", "<p>x</p>", "save_html()")
    Traceback (most recent call last):
    ...
    TypeError: save_html() path must be a file name (a str or a pathlib.Path), got int
    """
    from autograd.viz.views.player_page import page

    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"{where} path must be a file name (a str or a pathlib.Path), got {class_name(path)}"
        )
    target = Path(path)
    write_atomic(target, page(html.escape(title), body).encode())
    return target


__all__ = ["WIDGET_VIEW", "RollsBack", "asset", "need_anywidget", "save_page", "with_snapshot"]
