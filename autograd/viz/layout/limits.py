"""What laying a picture out may take, and how it fails, whichever backend does it.

Every backend (:mod:`autograd.viz.layout.backends`) is given a time limit, checked by
:func:`seconds`, and raises :class:`GraphvizTimeout` past it, or
:class:`GraphvizNotFound` when it cannot run at all (the message says how to
install Graphviz; the DOT text stays available without it).

>>> seconds(2)
2.0
"""

from __future__ import annotations

from autograd.checks import real

#: How long one layout may take, in seconds, unless told otherwise. Every
#: picture of the benchmarks takes under 2 s; a graph that takes a minute is
#: too large to read anyway.
TIMEOUT = 60.0
#: The longest time limit taken: a day. Past about 24 days Python cannot wait
#: that long for a program (a bare "OverflowError: timeout is too large").
MAX_TIMEOUT = 86_400.0
#: The PNG resolutions taken, in dots per inch: a thumbnail to a poster (at 0.01,
#: Graphviz gave an empty PNG and said nothing).
MIN_DPI, MAX_DPI = 10.0, 2400.0

#: How to get a program that lays pictures out, and what works without one.
_INSTALL = (
    "Install chainrule's viz extra (pip install 'chainrule[viz]', which brings "
    "graphviz-pure) or Graphviz: 'sudo apt-get install graphviz' (Debian/Ubuntu), "
    "'brew install graphviz' (macOS), 'conda install -c conda-forge graphviz', "
    "or from https://graphviz.org/download/ (Windows); then restart Python. "
    "Without it, the DOT text is still available as .source (or autograd.viz.to_dot)."
)
INSTALL_DOT = (
    "Graphviz's 'dot' program is needed to render graphs and was not found on PATH, "
    f"nor was the bundled graphviz-pure. {_INSTALL}"
)


def cannot_run(program: str, error: OSError) -> str:
    """The hint when ``program`` is there but no program can be run (a sandbox, a browser).

    >>> cannot_run("dot", OSError(38, "Function not implemented")).split(". ")[0]
    "Graphviz's 'dot' cannot be run here (Function not implemented)"
    """
    return f"Graphviz's {program!r} cannot be run here ({error.strerror or error}). {_INSTALL}"


def needs_dot(fmt: str, program: str) -> str:
    """The one line when ``program`` (graphviz-pure) cannot write ``fmt`` (PDF, PostScript).

    >>> print(needs_dot("pdf", "graphviz-pure").split(":")[0])
    PDF needs Graphviz's dot program
    """
    kind = fmt.split(":")[0].upper()
    return (
        f"{kind} needs Graphviz's dot program: {program}, which lays pictures out here, "
        f"writes SVG and PNG but not {kind}; install Graphviz ('sudo apt-get install "
        "graphviz' on Debian/Ubuntu, 'brew install graphviz' on macOS) or write .svg or .png"
    )


class GraphvizNotFound(RuntimeError):
    """No program can lay pictures out here (or not in this format); the message says why."""

    def __init__(self, message: str = INSTALL_DOT) -> None:
        super().__init__(message)


class GraphvizTimeout(TimeoutError):
    """Laying a graph out ran past its time limit and was stopped.

    Attributes:
        nodes, edges: the size of the graph it was laying out.
        seconds: the time limit.
        program: what was stopped, in words ("Graphviz's dot", "graphviz-pure").

    >>> str(GraphvizTimeout(8, 9, 0.5)).split(";")[0]
    "Graphviz's dot was stopped after 0.5 s laying out a graph of 8 nodes and 9 edges"
    """

    def __init__(
        self, nodes: int, edges: int, seconds: float, program: str = "Graphviz's dot"
    ) -> None:
        self.nodes, self.edges, self.seconds, self.program = nodes, edges, seconds, program
        longer = min(4 * seconds, MAX_TIMEOUT)
        wait = f"pass timeout={longer:g} (seconds) to wait longer, or " if longer > seconds else ""
        super().__init__(
            f"{program} was stopped after {seconds:g} s laying out a graph of "
            f"{nodes} nodes and {edges} edges; {wait}draw a smaller graph (a smaller "
            "max_nodes, collapse=True, or no per-edge labels)"
        )


class GraphvizTooLarge(GraphvizTimeout):
    """A graph refused before layout by a backend that cannot be stopped once started.

    Where a layout cannot be interrupted (Graphviz in WebAssembly, in the
    browser), a size limit decided beforehand stands in for the time limit;
    it is a :class:`GraphvizTimeout`, so whatever handles one handles both.

    Attributes:
        nodes, edges: the size of the graph refused.
        limit: the most nodes the backend lays out.
        program: the backend, in words.
        measured: what the limit was set from, in words.
        seconds: 0.0, as nothing was started (a timeout's are above 0).

    >>> str(GraphvizTooLarge(1200, 1800, 1000, "viz-js", "2,003 nodes took 31 s")).split(";")[0]
    'viz-js lays out graphs of at most 1000 nodes, and this one has 1200 nodes and 1800 edges'
    """

    def __init__(self, nodes: int, edges: int, limit: int, program: str, measured: str) -> None:
        TimeoutError.__init__(
            self,
            f"{program} lays out graphs of at most {limit} nodes, and this one has {nodes} "
            f"nodes and {edges} edges; it cannot be stopped once started ({measured}), so it "
            "is not started: draw a smaller graph (a smaller max_nodes, collapse=True, or no "
            "per-edge labels), or draw it with Graphviz on a computer",
        )
        self.nodes, self.edges, self.limit, self.program = nodes, edges, limit, program
        self.seconds = 0.0


def seconds(timeout: object) -> float:
    """``timeout`` checked: a number of seconds above 0, at most ``MAX_TIMEOUT`` (a day).

    >>> seconds(0)
    Traceback (most recent call last):
    ...
    ValueError: timeout must be a number in (0, 86400], got 0
    """
    return real(timeout, "timeout", low=0.0, high=MAX_TIMEOUT, low_open=True)


__all__ = [
    "INSTALL_DOT",
    "MAX_DPI",
    "MAX_TIMEOUT",
    "MIN_DPI",
    "TIMEOUT",
    "GraphvizNotFound",
    "GraphvizTimeout",
    "GraphvizTooLarge",
    "cannot_run",
    "needs_dot",
    "seconds",
]
