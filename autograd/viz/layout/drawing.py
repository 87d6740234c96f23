"""A drawing: DOT text kept by a ``graphviz.Digraph``, laid out by the chosen backend.

:class:`Drawing` has a plain ``graphviz.Digraph`` (its ``.digraph``), which
builds the DOT text, and lays it out only through :mod:`autograd.viz.layout.backends`
(the ``dot`` program today, with a time limit): ``pipe``, ``render``, ``view``
and the Jupyter display. Every other attribute is the Digraph's, read and set
through (``node``, ``edge``, ``attr``, ``body``, ``format``, ``engine``,
``graph_attr``...), so code written for a ``graphviz.Digraph`` keeps working.

>>> graph = Drawing(engine="neato")
>>> graph.node("a")
>>> graph.format = "png"
>>> graph.digraph.format, graph.engine, graph.source
('png', 'neato', 'digraph {\\n\\ta\\n}\\n')
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from autograd.files import write_atomic
from autograd.viz.layout import backends
from autograd.viz.layout.display import fallback_bundle, picture_bundle
from autograd.viz.layout.limits import TIMEOUT, GraphvizNotFound, seconds

INSTALL_PACKAGE = "drawing needs the graphviz package: pip install 'chainrule[viz]'"
#: Attributes of the Drawing itself; every other one is its Digraph's.
_OWN = frozenset({"digraph", "timeout", "_timeout"})


def graphviz_package() -> Any:
    """The graphviz package (``import graphviz``), or an ImportError saying how to install it."""
    try:
        import graphviz  # type: ignore[import-untyped]
    except ImportError as error:
        raise ImportError(INSTALL_PACKAGE) from error
    return graphviz


class Drawing:
    """A ``graphviz.Digraph`` (``.digraph``) and its pictures, laid out by the chosen backend.

    Args:
        digraph: the Digraph to draw; default a new one, made with ``options``.
        timeout: the most seconds one layout may take (``pipe``'s and
            ``render``'s own ``timeout=`` wins); past it, ``GraphvizTimeout``.
        options: ``graphviz.Digraph``'s (``engine="neato"``, ``format="png"``...).

    Raises:
        ImportError: the graphviz package is missing (``pip install 'chainrule[viz]'``).
        ValueError: ``timeout`` is not a number of seconds in (0, 86400].
    """

    __slots__ = ("_timeout", "digraph")
    digraph: Any
    _timeout: float

    def __init__(
        self, digraph: Any = None, /, *, timeout: float = TIMEOUT, **options: Any
    ) -> None:
        made = graphviz_package().Digraph(**options) if digraph is None else digraph
        object.__setattr__(self, "digraph", made)
        self.timeout = timeout

    @property
    def timeout(self) -> float:
        """The most seconds one layout may take (a number in (0, 86400], checked when set)."""
        return self._timeout

    @timeout.setter
    def timeout(self, value: float) -> None:
        object.__setattr__(self, "_timeout", seconds(value))

    def __getattr__(self, name: str) -> Any:
        # Only what the Drawing lacks; no display form but its own (graphviz's
        # _repr_image_* would run dot themselves, with no time limit).
        if name in _OWN or name.startswith("_repr_"):
            raise AttributeError(name)
        return getattr(self.digraph, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _OWN:
            object.__setattr__(self, name, value)
        else:
            setattr(self.digraph, name, value)

    def __dir__(self) -> list[str]:
        # What a notebook completes after "graph.": the Digraph's names too.
        names = {*super().__dir__(), *dir(self.digraph)}
        return sorted(n for n in names if not n.startswith("_repr_") or n in type(self).__dict__)

    def __repr__(self) -> str:
        return f"<Drawing of {len(self.digraph.body)} DOT statements, by {self.digraph.engine}>"

    def __str__(self) -> str:
        return self.source

    def __iter__(self) -> Iterator[str]:
        return iter(self.digraph)

    @property
    def source(self) -> str:
        """The DOT text."""
        return str(self.digraph.source)

    def copy(self) -> Drawing:
        """A copy, with a copy of the Digraph and the same time limit."""
        return Drawing(self.digraph.copy(), timeout=self.timeout)

    def pipe(
        self,
        format: str | None = None,
        renderer: str | None = None,
        formatter: str | None = None,
        quiet: bool = False,
        *,
        engine: str | None = None,
        encoding: str | None = None,
        timeout: float | None = None,
    ) -> Any:
        """The picture as ``format`` (default ``.format``): bytes, or text with ``encoding``.

        As ``graphviz.Digraph.pipe``, laid out by the chosen backend in at most
        ``timeout`` seconds (default ``.timeout``).

        Raises:
            GraphvizNotFound: Graphviz is not installed.
            GraphvizTimeout: the layout ran past the time limit.
            ValueError: an unknown format, renderer, formatter or engine.
        """
        data = backends.lay_out(
            self.source,
            self._output(format, renderer, formatter),
            engine=self._engine(engine),
            timeout=self.timeout if timeout is None else timeout,
            quiet=quiet,
        )
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
        """Save the DOT text and write the picture beside it, atomically; returns its path.

        As ``graphviz.Digraph.render`` (``outfile``, ``format``, ``directory``,
        ``cleanup`` and ``view`` as it takes them), laid out as :meth:`pipe` lays out.
        """
        if outfile is not None:  # as graphviz does: the DOT text saved beside it, as .gv
            format = format or Path(outfile).suffix.lstrip(".") or None
            if directory is None:
                outfile = Path(self.digraph.directory, outfile)
            if filename is None:
                filename = Path(outfile).with_suffix(".gv")
        fmt = format or self.digraph.format
        source = self.digraph.save(filename, directory=directory)
        target = Path(f"{source}.{fmt}") if outfile is None else Path(outfile)
        data = self.pipe(fmt, renderer, formatter, quiet=quiet, engine=engine, timeout=timeout)
        write_atomic(target, data)
        if cleanup:
            os.remove(source)
        if view:
            graphviz_package().view(target)
        return os.fspath(target)

    def view(
        self,
        filename: str | os.PathLike[str] | None = None,
        directory: str | os.PathLike[str] | None = None,
        cleanup: bool = False,
        quiet: bool = False,
    ) -> str:
        """:meth:`render` the picture and open it in the system's viewer."""
        return self.render(filename, directory, view=True, cleanup=cleanup, quiet=quiet)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        try:
            svg = self.pipe(format="svg", encoding="utf-8")
        except GraphvizNotFound as error:  # missing, unable to run here: its own message
            return fallback_bundle(self.source, str(error))
        return picture_bundle(svg)

    def _output(self, format: str | None, renderer: str | None, formatter: str | None) -> str:
        """Graphviz's ``-T`` value, ``format[:renderer[:formatter]]``, each part checked."""
        parameters = graphviz_package().parameters
        format = format or self.digraph.format
        renderer = renderer or self.digraph.renderer
        formatter = formatter or self.digraph.formatter
        parameters.verify_format(format)
        if renderer is not None:
            parameters.verify_renderer(renderer)
        if formatter is not None:
            if renderer is None:
                raise ValueError(f"formatter {formatter!r} needs a renderer")
            parameters.verify_formatter(formatter)
        return ":".join(part for part in (format, renderer, formatter) if part)

    def _engine(self, engine: str | None) -> str:
        if engine is None:
            return str(self.digraph.engine)
        graphviz_package().parameters.verify_engine(engine)
        return engine


__all__ = ["INSTALL_PACKAGE", "Drawing", "graphviz_package"]
