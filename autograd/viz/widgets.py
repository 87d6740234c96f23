"""What the live widgets (the lab, the playground) share: anywidget, their front ends, snapshots.

The widgets are anywidget widgets: Python holds the state in traitlets and the
front end is plain ES modules shipped beside the code (``lab.js``,
``player.js``, ``nn/widgets/playground.js``), joined here into the one module anywidget
loads; nothing is built and nothing is fetched at run time. anywidget is an
optional dependency, imported only when a widget is made (:func:`need_anywidget`).

Every widget's display carries, beside the live view, a static snapshot as
``text/html`` (:func:`with_snapshot`): what an untrusted notebook, nbconvert or
a notebook without its kernel shows.

>>> joined = module("autograd.viz", ("player.js", "render", "renderPlayer"), ("lab.js", "", ""))
>>> "const renderPlayer = " in joined and "export function render(" not in joined
True
"""

from __future__ import annotations

import importlib
from importlib.resources import files
from types import ModuleType
from typing import Any

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


def module(package: str, *parts: tuple[str, str, str]) -> str:
    """One ES module from several files of ``package``: ``(name, export, local)`` each.

    anywidget loads a widget's front end as one module from a string, so a file
    cannot import another; instead each part with an ``export`` runs in a scope
    of its own and its ``export function <export>`` becomes the constant
    ``<local>`` of the joined module. A part without one ("") is kept as it is.
    """
    texts = []
    for name, export, local in parts:
        text = asset(package, name)
        if export:
            text = text.replace(f"export function {export}(", f"function {export}(", 1)
            text = f"const {local} = (() => {{\n{text}\nreturn {export};\n}})();"
        texts.append(f"// ---- {name}\n{text}")
    return "\n".join(texts)


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


__all__ = ["WIDGET_VIEW", "RollsBack", "asset", "module", "need_anywidget", "with_snapshot"]
