"""The lessons as the site serves them: a widget lesson gets its one install cell first.

The kernel starts with the project's wheel, tqdm and graphviz, but not anywidget
(its kernel side is in the site's own package index, installed by
``%pip install anywidget``). So a lesson that shows a widget, `lab` or
`playground`, gets in the site's copy only, and at its top, a short note and
that one install cell; ``notebooks/`` stays as it is, for Jupyter on your own
machine, where the ``widgets`` extra installs anywidget.

>>> lesson = {"cells": [code("from nn import MLP, playground")], "nbformat_minor": 5}
>>> [cell["source"] for cell in for_the_site(lesson)["cells"]][1:]
['%pip install anywidget', 'from nn import MLP, playground']
>>> plain = {"cells": [code("from nn import MLP")]}
>>> for_the_site(plain) is plain
True
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

#: A widget's import, as the lessons write it: ``from autograd.viz import lab``,
#: ``from nn import MLP, playground``.
WIDGET = re.compile(r"^from (autograd\.viz|nn) import [^\n]*\b(lab|playground)\b", re.M)

INSTALL = "%pip install anywidget"

NOTE = """\
**In this site:** the widgets below need anywidget's kernel side. The next cell
installs it, from this site (nothing is fetched from the internet), once per
kernel: run it first. (On your own machine, `pip install "chainrule[widgets]"`
does this instead, and the cell is not there.)"""


def code(source: str, name: str = "") -> dict[str, Any]:
    """A code cell with ``source``, not yet run (``name`` is its id, if given)."""
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": []}
    return {**cell, "source": source} | ({"id": name} if name else {})


def uses_widgets(notebook: dict[str, Any]) -> bool:
    """Whether a code cell of ``notebook`` imports a widget (``lab``, ``playground``)."""
    return any(
        cell["cell_type"] == "code" and WIDGET.search("".join(cell["source"]))
        for cell in notebook["cells"]
    )


def for_the_site(notebook: dict[str, Any]) -> dict[str, Any]:
    """``notebook`` as the site serves it: with the install note and cell first if it
    uses a widget, else unchanged. The cells get ids where the notebook's have them."""
    if not uses_widgets(notebook):
        return notebook
    ids = notebook.get("nbformat_minor", 0) >= 5
    note = {"cell_type": "markdown", "metadata": {}, "source": NOTE}
    cells = [
        note | ({"id": "site-install-note"} if ids else {}),
        code(INSTALL, "site-install" if ids else ""),
    ]
    return {**notebook, "cells": cells + notebook["cells"]}


def put_lessons(lessons: list[Path], folder: Path) -> None:
    """Copy the ``lessons`` into ``folder``, each as the site serves it (:func:`for_the_site`).

    A lesson without a widget is copied byte for byte.
    """
    for lesson in lessons:
        notebook = json.loads(lesson.read_text())
        served = for_the_site(notebook)
        if served is notebook:
            shutil.copy2(lesson, folder / lesson.name)
        else:
            (folder / lesson.name).write_text(json.dumps(served, indent=1, ensure_ascii=False))
