"""Rendering with Graphviz: ``draw_graph``, missing-``dot`` handling, Jupyter display.

The Python ``graphviz`` package (the ``viz`` extra) is imported only when a
drawing is made, so ``to_dot`` works without it. The ``dot`` executable is
needed only to lay out and render: when it is missing, rendering raises
:class:`GraphvizNotFound` with the command that installs it, the DOT text stays
available as ``.source``, and in Jupyter the graph shows that hint and the DOT
text instead of a traceback.
"""

from __future__ import annotations

import base64
import functools
import html
import os
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from autograd.checks import real
from autograd.files import write_atomic
from autograd.value import Value
from autograd.viz import colors, dotrun
from autograd.viz.annotate import Annotations
from autograd.viz.dot import annotator, graph_lines
from autograd.viz.sizing import node_limit

INSTALL_DOT = (
    "Graphviz's 'dot' program is needed to render graphs and was not found on PATH. "
    "Install it with 'sudo apt-get install graphviz' (Debian/Ubuntu), "
    "'brew install graphviz' (macOS), 'conda install -c conda-forge graphviz', "
    "or from https://graphviz.org/download/ (Windows); then restart Python. "
    "Without it, the DOT text is still available as .source (or autograd.viz.to_dot)."
)
INSTALL_PACKAGE = "drawing needs the graphviz package: pip install 'chainrule[viz]'"


class EmptyPicture(RuntimeError):
    """Graphviz's ``dot`` gave back no bytes for a picture; nothing is written."""


class GraphvizNotFound(RuntimeError):
    """The Graphviz ``dot`` executable is not installed; the message says how to install it."""

    def __init__(self) -> None:
        super().__init__(INSTALL_DOT)


def _graphviz() -> Any:
    try:
        import graphviz  # type: ignore[import-untyped]
    except ImportError as error:
        raise ImportError(INSTALL_PACKAGE) from error
    return graphviz


@functools.cache
def digraph_class() -> Any:
    """``graphviz.Digraph`` with a clear missing-``dot`` error and a Jupyter fallback."""
    graphviz = _graphviz()

    class Digraph(graphviz.Digraph):  # type: ignore[misc,name-defined]
        __qualname__ = "Digraph"
        """A ``graphviz.Digraph`` of a computation graph (SVG in Jupyter).

        ``pipe`` and ``render`` run ``dot`` for at most ``timeout`` seconds
        (the attribute, ``dotrun.TIMEOUT`` by default, or their own
        ``timeout=``), then raise ``GraphvizTimeout`` naming the graph's size.
        """

        timeout: float = dotrun.TIMEOUT

        def copy(self) -> Any:
            twin = super().copy()
            twin.timeout = self.timeout
            return twin

        def pipe(
            self,
            format: str | None = None,
            renderer: str | None = None,
            formatter: str | None = None,
            neato_no_op: bool | int | None = None,
            quiet: bool = False,
            *,
            engine: str | None = None,
            encoding: str | None = None,
            timeout: float | None = None,
        ) -> Any:
            command = graphviz.backend.dot_command.command(
                engine or self.engine,
                format or self.format,
                renderer=renderer,
                formatter=formatter,
                neato_no_op=neato_no_op,
            )
            limit = self.timeout if timeout is None else timeout
            try:
                data = dotrun.run(self.source, command, timeout=limit, quiet=quiet)
            except FileNotFoundError:
                raise GraphvizNotFound() from None
            return data if encoding is None else data.decode(encoding)

        def render(
            self,
            filename: str | os.PathLike[str] | None = None,
            directory: str | os.PathLike[str] | None = None,
            view: bool = False,
            cleanup: bool = False,
            format: str | None = None,
            renderer: str | None = None,
            formatter: str | None = None,
            *,
            outfile: str | os.PathLike[str] | None = None,
            engine: str | None = None,
            quiet: bool = False,
            timeout: float | None = None,
        ) -> str:
            # graphviz's own render runs dot with no time limit: the source is
            # saved as it saves it, and the picture made through pipe.
            if outfile is not None:
                format = format or Path(outfile).suffix.lstrip(".") or None
                if filename is None:
                    filename = Path(outfile).with_suffix(".gv").name
            fmt = format or self.format
            source = self.save(filename, directory=directory)
            target = Path(f"{source}.{fmt}")
            if outfile is not None:
                target = Path(outfile) if directory is not None else Path(self.directory, outfile)
            data = self.pipe(fmt, renderer, formatter, quiet=quiet, engine=engine, timeout=timeout)
            write_atomic(target, data)
            if cleanup:
                os.remove(source)
            if view:
                graphviz.view(target)
            return os.fspath(target)

        def _repr_mimebundle_(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
            try:
                svg = self.pipe(format="svg", encoding="utf-8")
            except GraphvizNotFound:
                return fallback_bundle(self.source)
            return picture_bundle(svg)

    return Digraph


def image_url(svg: str) -> str:
    """An SVG document as a ``data:`` URL, for an ``<img>`` (which every renderer keeps).

    >>> image_url("<svg/>")
    'data:image/svg+xml;base64,PHN2Zy8+'
    """
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def picture_bundle(svg: str, alt: str = "computation graph") -> dict[str, str]:
    """What Jupyter shows for a picture: the SVG, and the same SVG as an ``<img>`` in HTML.

    JupyterLab renders ``image/svg+xml`` only in trusted notebooks (a fresh
    clone is not), but keeps an ``<img>`` with a data URL in any ``text/html``;
    and a front end that picks HTML first then shows the same picture.

    >>> sorted(picture_bundle("<svg/>"))
    ['image/svg+xml', 'text/html', 'text/plain']
    """
    return {
        "image/svg+xml": svg,
        "text/html": (
            f'<img alt="{html.escape(alt)}" src="{image_url(svg)}" style="max-width:100%">'
        ),
        "text/plain": f"<{alt}: a picture>",
    }


def fallback_bundle(source: str) -> dict[str, str]:
    """What Jupyter shows without ``dot``: the install hint and the DOT text.

    >>> bundle = fallback_bundle("digraph { a }")
    >>> sorted(bundle), "apt-get install graphviz" in bundle["text/plain"]
    (['text/html', 'text/plain'], True)
    """
    return {
        "text/plain": f"{INSTALL_DOT}\n\n{source}",
        "text/html": (
            f'<div><p style="color:{colors.ALARM}">{html.escape(INSTALL_DOT)}</p>'
            f"<details><summary>DOT source</summary><pre>{html.escape(source)}</pre>"
            "</details></div>"
        ),
    }


def digraph(
    root: Value,
    annotations: Annotations | Callable[[list[Value]], Annotations],
    *,
    rankdir: str = "LR",
    max_nodes: int = 500,
    collapse: bool | None = None,
) -> Any:
    """A Digraph of ``root``'s graph with the given per-node and per-edge annotations.

    The building block for drawings with their own annotations (the player's frames).
    """
    lines = graph_lines(root, annotations, rankdir=rankdir, max_nodes=max_nodes, collapse=collapse)
    graph = digraph_class()()
    graph.body.extend(lines)
    return graph


def draw_graph(
    root: Value,
    *,
    rankdir: str = "LR",
    show_data: bool = True,
    show_grad: bool = True,
    flow: bool = False,
    highlight: Collection[Value] = (),
    max_nodes: int = 500,
    collapse: bool | None = None,
    vanishing: float = colors.VANISHING,
    exploding: float = colors.EXPLODING,
    contributions: bool | None = None,
    scale: tuple[float, float] | None = None,
    timeout: float = dotrun.TIMEOUT,
) -> Any:
    """The computation graph of ``root`` as a ``graphviz.Digraph`` (SVG in Jupyter).

    Each Value is a box with its label, data and grad; each op a small ellipse
    between operands and result; ``x * x`` draws two edges; constants are small
    notes. Its ``.source`` is exactly ``to_dot(root, ...)`` with the same options.

    Text is 11 pt, 14.7 px at the picture's own size, and a picture should
    not be shown below three quarters of that (11 px): up to 1,064 px wide
    (798 pt) it reads in an 800-px column scaled to fit. A larger graph is
    not shrunk but turned, folded or split: ``rankdir="TB"`` for a chain,
    ``collapse=True`` for a network (one box per neuron), or a smaller part
    of the graph (the README's "Where a picture is shown, and how it fits").

    Args:
        rankdir: layout direction, "LR", "RL", "TB" or "BT".
        show_data, show_grad: show those cells in each box.
        flow: colour and size boxes and edges by |grad| on a log scale, with a
            legend; zeros grey, |grad| < ``vanishing`` or > ``exploding`` flagged.
        highlight: Values drawn with a thick orange border.
        max_nodes: the most DOT nodes drawn; past it each neuron's ``dot``/``sum``
            is collapsed, and if that is not enough, ValueError.
        collapse: True always folds a neuron's weights into its ``dot`` box,
            False never, None when over ``max_nodes``.
        contributions: label each edge into an op with local derivative ×
            upstream gradient (only with ``flow``; defaults to on there).
        scale: ``(low, high)``, with ``flow``: fix the |grad| colour scale
            (rounded out to whole decades) so that a series of pictures, and
            ``nn.draw_network`` and ``step_through`` given the same scale, share
            colours and legend; default: the decades this graph's gradients span.
        timeout: the most seconds Graphviz's ``dot`` may take to render it
            (the graph's ``timeout`` attribute; default 60).

    Raises:
        ImportError: the graphviz package is missing (``pip install 'chainrule[viz]'``).
        ValueError: the graph is larger than ``max_nodes`` even collapsed; a bad
            ``scale``, or ``scale`` without ``flow``; ``max_nodes`` not a whole number >= 1.
        GraphvizNotFound: from ``.pipe()``/``.render()`` when ``dot`` is not installed.
        GraphvizTimeout: from ``.pipe()``/``.render()`` when ``dot`` runs past ``timeout``.
    """
    limit = dotrun.seconds(timeout)  # a bad timeout is refused before any work
    max_nodes = node_limit(max_nodes, "draw_graph()")  # and so is a bad max_nodes
    annotations = annotator(
        root,
        show_data=show_data,
        show_grad=show_grad,
        flow=flow,
        highlight=highlight,
        vanishing=vanishing,
        exploding=exploding,
        contributions=contributions,
        scale=scale,
    )
    graph = digraph(root, annotations, rankdir=rankdir, max_nodes=max_nodes, collapse=collapse)
    graph.timeout = limit
    return graph


def render_bytes(graph: Any, fmt: str, *, dpi: float | None = None) -> bytes:
    """``graph`` rendered as ``fmt`` ("svg", "png", "pdf" or "dot"), as bytes.

    ``dpi`` sets a PNG's resolution (Graphviz's own is 96). It goes on a copy of
    the graph, so ``graph.source`` and every other format stay as they were.

    Raises:
        ValueError: ``dpi`` with a format other than PNG, or outside 10 to 2400.
        GraphvizNotFound: ``dot`` is not installed (DOT needs no ``dot``).
        EmptyPicture: ``dot`` gave back nothing (never written as a picture).

    >>> from autograd import Value
    >>> render_bytes(draw_graph(Value(0.5)), "dot").startswith(b"digraph {")
    True
    >>> render_bytes(draw_graph(Value(0.5)), "png", dpi=0.01)
    Traceback (most recent call last):
    ...
    ValueError: dpi must be a number in [10, 2400], got 0.01
    """
    if dpi is not None and fmt != "png":
        raise ValueError(f"dpi applies to PNG only, not {fmt}")
    if fmt == "dot":
        return graph.source.encode()  # type: ignore[no-any-return]
    if dpi is not None:
        graph = graph.copy()
        graph.attr(dpi=f"{real(dpi, 'dpi', low=dotrun.MIN_DPI, high=dotrun.MAX_DPI):g}")
    data: bytes = graph.pipe(format=fmt)
    if not data:
        raise EmptyPicture(f"Graphviz's dot gave an empty {fmt.upper()}: nothing written")
    return data


def save(graph: Any, path: str | Path, fmt: str, *, dpi: float | None = None) -> Path:
    """Write ``graph`` rendered as ``fmt`` to ``path``, atomically; see :func:`render_bytes`."""
    path = Path(path)
    write_atomic(path, render_bytes(graph, fmt, dpi=dpi))
    return path
