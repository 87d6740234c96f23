"""The player's HTML: a static view that survives any sanitizer, and a script that brings it alive.

The static view is what a fresh clone shows in JupyterLab (an untrusted
notebook), a GitHub-style renderer or nbconvert without JavaScript: one line
saying how to step through, the last frame as a picture (an ``<img>`` with a
data URL) and the numbered steps as text. It uses only what JupyterLab's
sanitizer keeps: no inline SVG (its text would be left over as stray words),
no ``<style>``, no ``data-`` attributes, and only the style properties it lets
through (``max-width``, ``font-size``, ``white-space``).

The script carries the front end (``player.js``), its CSS and the frames as
JSON. Where it runs, it hides the static view and builds the live player from
the same picture, so the SVG is shipped once.

>>> from autograd.viz.views.frames import PlayerFrame
>>> from autograd.viz.layout.svg import Layout
>>> layout = Layout('<svg xmlns="http://www.w3.org/2000/svg"/>', 10.0, 10.0, 11.0)
>>> frames = [PlayerFrame(active=-1, view=-1, caption="Begin.", changes=[], counter="start")]
>>> markup = player_markup("p1", layout, frames, hint="Run it.")
>>> "<img" in markup and "Run it." in markup, markup.count("<svg")
(True, 0)
"""

from __future__ import annotations

import html
import json
import math
from functools import cache
from importlib.resources import files
from typing import Any

from autograd.viz.layout.display import image_url
from autograd.viz.layout.svg import PX_PER_PT, Layout
from autograd.viz.scene.keys import NOT_COMPUTED, NOT_COMPUTED_ROWS
from autograd.viz.views.charts import SMALLEST_PX
from autograd.viz.views.esm import join
from autograd.viz.views.frames import Picture, Player, PlayerFrame
from autograd.viz.views.palette import palette
from autograd.viz.views.walk_layout import STAGES

#: What the static view says, by where it is shown.
HINTS = {
    "notebook": (
        "A static view: run this cell to step through it. (JupyterLab runs the player "
        "only in a trusted notebook; `make lab` trusts the project's notebooks.)"
    ),
    "page": "A static view: this page steps through its graph with JavaScript turned on.",
}


@cache
def _asset(name: str) -> str:
    return files("autograd.viz.web").joinpath(name).read_text(encoding="utf-8")


def script_source() -> str:
    """``player.js`` and what it imports as a plain script, ``render`` a local name.

    Its comment lines are left out: every player in a notebook carries a copy.

    >>> source = script_source()
    >>> "function render(" in source, any(line.startswith("//") for line in source.splitlines())
    (True, False)
    """
    return join("autograd.viz.web", "player.js", script=True, comments=False)


def _json(value: Any) -> str:
    # "</" inside a script would end it early; "<\/" is the same string in JSON.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def player_markup(
    pid: str,
    layout: Layout,
    frames: list[PlayerFrame],
    *,
    hint: str,
    cell: str = "grad",
    title: str = "the graph",
    autofocus: bool = False,
    interval_ms: int = 1200,
) -> str:
    """The player as an HTML fragment with the id ``pid``.

    Args:
        frames: the frames (:class:`autograd.viz.views.frames.PlayerFrame`).
        hint: the line the static view starts with.
        cell: the word before the text of each rewritten cell ("grad", "data").
        title: what the picture shows, as its alternative text.
    """
    static, data = player_parts(
        layout,
        frames,
        hint=hint,
        cell=cell,
        title=title,
        interval_ms=interval_ms,
        autofocus=autofocus,
    )
    call = (
        "var script = document.currentScript;"
        f'var el = script ? script.parentNode : document.getElementById("{pid}");'
        f"render({{ el: el, data: {_json(data)} }});"
    )
    return (
        f'<div class="cr-player" id="{pid}" tabindex="0">{static}'
        f"<script>(function () {{\n{script_source()}\n{call}\n}})();</script></div>"
    )


def player_parts(
    layout: Layout,
    frames: list[PlayerFrame],
    *,
    hint: str,
    cell: str = "grad",
    title: str = "the graph",
    interval_ms: int = 1200,
    autofocus: bool = False,
) -> tuple[str, dict[str, Any]]:
    """The player's static view (``<div class="cr-static">``) and the data ``render`` reads.

    What :func:`player_markup` puts in a page, and what a widget (the lab)
    hands to ``player.js``'s ``render`` itself. See there for the arguments.
    """
    # Backward, a cell no frame has written yet is a gradient not computed
    # yet: "—", as in a still drawing; forward, a value not evaluated yet.
    blank = NOT_COMPUTED if cell == "grad" else ""
    data = Player(
        cell=cell,
        blank=blank,
        blank_key=" ".join(NOT_COMPUTED_ROWS) if blank else "",
        frames=frames,
        picture=Picture(layout.width, layout.height, layout.smallest),
        folded=_size(layout.folded),
        palette=palette(),
        interval=int(interval_ms),
        autofocus=autofocus,
        css=_asset("player.css"),
    ).json()
    many = len(frames) > 12
    key = (
        f'<br><img class="cr-key" alt="colour legend" src="{image_url(layout.legend)}">'
        if layout.legend
        else ""
    )
    shown = still(layout, title)
    if layout.folded is not None:  # the whole graph stays one click away
        shown = (
            f'<p style="font-size:13px">{html.escape(FOLDED_HERE)}</p>'
            + still(layout.folded, f"{title}, each neuron one box", "cr-folded")
            + f"<details><summary>{html.escape(EVERY_VALUE)}</summary>{shown}</details>"
        )
    static = f'<p style="font-size:13px">{html.escape(hint)}</p>{shown}{key}' + steps_text(
        [f.caption for f in frames], f"The {len(frames)} frames as text", not many
    )
    return f'<div class="cr-static">{static}</div>', data


#: The static view's heading of the whole graph, under a folded summary.
EVERY_VALUE = "The whole graph, every Value"
#: What the static view says above a folded summary.
FOLDED_HERE = (
    "The last frame, each neuron folded into one box (its output's data and grad, its "
    "weights' largest |grad|); the whole graph, every Value, is under it."
)


def _size(layout: Layout | None) -> Picture | None:
    return None if layout is None else Picture(layout.width, layout.height, layout.smallest)


def still(layout: Layout, title: str, kind: str = "cr-picture") -> str:
    """The last frame as an ``<img>`` that fits the column, its text at 11 px or more.

    A picture that reads at 11 px in the narrowest column (:data:`STAGES`) is
    scaled down to the column's width when wider (``max-width:100%``); a
    larger one is shown at 11 px in a box that scrolls sideways, and a line
    above it says so (the page scrolls down; nothing else does). ``kind``:
    the image's class, by which the live player finds it.

    >>> from autograd.viz.layout.svg import Layout
    >>> "max-width:100%" in still(Layout("<svg/>", 600.0, 400.0, 11.0), "g")
    True
    >>> "scroll" in still(Layout("<svg/>", 2000.0, 400.0, 11.0), "g")
    True
    """
    natural = layout.width * PX_PER_PT
    least = SMALLEST_PX / (layout.smallest * PX_PER_PT)  # the least zoom: smallest text at 11 px
    img = (
        f'<img class="{kind}" alt="{html.escape(title)}" src="{image_url(layout.svg)}" '
        'width="{w:.0f}" style="max-width:{m}">'
    )
    if natural * least <= STAGES[0][0]:
        return img.format(w=natural, m="100%")
    width = math.ceil(natural * least)  # rounded up: 11 px, never 10.99
    return (
        f'<p style="font-size:13px">The whole graph is {width:.0f} px wide at 11-px text: '
        "scroll it sideways.</p>"
        f'<div style="overflow-x:auto">{img.format(w=width, m="none")}</div>'
    )


def steps_text(captions: list[str], summary: str, is_open: bool) -> str:
    """The captions as a ``<details>`` block of text, line breaks kept.

    Lines wrap between words: JupyterLab's outputs break a ``<pre>`` anywhere,
    mid-word, unless told otherwise (its sanitizer keeps these properties).

    >>> block = steps_text(["a < b", "c"], "Two steps", True)
    >>> block.startswith("<details open><summary>Two steps</summary><pre style=")
    True
    >>> "word-break:normal" in block, "a &lt; b" + chr(10) * 2 + "c</pre>" in block
    (True, True)
    """
    text = html.escape("\n\n".join(captions))
    return (
        f"<details{' open' if is_open else ''}><summary>{html.escape(summary)}</summary>"
        f'<pre style="{_TEXT}">{text}</pre></details>'
    )


_TEXT = "white-space:pre-wrap;word-break:normal;overflow-wrap:break-word;font-size:13px"


def page(title: str, body: str) -> str:
    """A standalone HTML page around ``body`` (``title`` already escaped)."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<style>body { margin: 16px 24px; background: #fff; }</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
