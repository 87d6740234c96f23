"""Running Graphviz's ``dot`` with a time limit, and with cheap settings when a graph needs them.

The graphviz package runs ``dot`` with no time limit, and some graphs take
``dot`` minutes or hours. Every drawing here goes through :func:`run`, which
stops ``dot`` after ``TIMEOUT`` seconds (or the ``timeout=`` given) and raises
:class:`GraphvizTimeout`, naming the graph's size and what to pass.

The graphs that take ``dot`` that long have long edges: in ``x + x + ... + x``
one ``x`` feeds every ``+``, and ``dot`` draws an edge spanning k ranks as a
chain of k hidden nodes (twice as many ranks when edges carry labels, as
``--flow``'s do). Placing those chains (network simplex) and routing them
(splines) grows far faster than the graph: with 76 terms and ``--flow`` it ran
past 300 s. :func:`strain` measures that from the DOT text, before ``dot``
runs; past ``STRAIN``, ``dot`` is run with :data:`CHEAP` settings, which draw
the same nodes, ranks and labels with straight edges in under a second
(``benchmarks``, workload 8). The DOT text itself is never changed.

>>> size('digraph {\\n\\tv0 [label=<x>]\\n\\top1 [label=<*>]\\n\\tv0 -> op1\\n\\tv0 -> op1\\n}\\n')
(2, 2)
"""

from __future__ import annotations

import graphlib
import re
import subprocess
import sys

from autograd.checks import real

#: How long ``dot`` may run on one drawing, in seconds, unless told otherwise.
#: Every picture of the benchmarks takes under 2 s; a graph that takes a
#: minute is too large to read anyway.
TIMEOUT = 60.0
#: The longest time limit taken: a day. Past about 24 days Python cannot wait
#: that long for a program (a bare "OverflowError: timeout is too large").
MAX_TIMEOUT = 86_400.0
#: The PNG resolutions taken, in dots per inch: a thumbnail to a poster (at 0.01,
#: Graphviz gave an empty PNG and said nothing).
MIN_DPI, MAX_DPI = 10.0, 2400.0
#: The strain past which ``dot`` gets :data:`CHEAP` settings. Measured with
#: Graphviz 2.43 (default settings -> cheap ones): ``x + ... + x`` of 40 terms
#: with labels, strain 310,349: 1.1 s -> 0.03 s; 76 terms: over 60 s -> 0.15 s;
#: ``1*x + 2*x + ... + 65*x``, 341,376: 4.1 s -> 0.16 s. Everything the demo,
#: the notebooks and the benchmarks draw stays far below (an MLP(2, [16, 16, 1])
#: loss with flow labels, 744 edges: 28,464), and keeps ``dot``'s curves.
STRAIN = 200_000
#: ``dot``'s settings for a graph past ``STRAIN``: ``nslimit=0`` keeps the first
#: feasible placement instead of optimising it (the search was the minute),
#: ``splines=line`` draws edges straight (curved routing of the long chains took
#: seconds more, and crashed Graphviz 2.43 on an unfinished placement).
CHEAP = ("-Gnslimit=0", "-Gsplines=line")
# A node statement: a name, then its attributes (not the defaults "node [...]").
_NODE = re.compile(r'\s*(?!(?:node|edge|graph)\b)("[^"]*"|\w+)\s*\[')
# An edge statement, one per line as the graphviz package writes them.
_EDGE = re.compile(r'\s*("[^"]*"|\w+)(?::\w+)*\s*->\s*("[^"]*"|\w+)(?::\w+)*(.*)')
_LABEL = re.compile(r"\blabel\s*=")  # an edge's label, not its xlabel


class GraphvizTimeout(TimeoutError):
    """``dot`` ran past its time limit and was stopped.

    Attributes:
        nodes, edges: the size of the graph it was laying out.
        seconds: the time limit.
    """

    def __init__(self, nodes: int, edges: int, seconds: float) -> None:
        self.nodes, self.edges, self.seconds = nodes, edges, seconds
        longer = min(4 * seconds, MAX_TIMEOUT)
        wait = f"pass timeout={longer:g} (seconds) to wait longer, or " if longer > seconds else ""
        super().__init__(
            f"Graphviz's dot was stopped after {seconds:g} s laying out a graph of "
            f"{nodes} nodes and {edges} edges; {wait}draw a smaller graph (a smaller "
            "max_nodes, collapse=True, or no per-edge labels)"
        )


def size(source: str) -> tuple[int, int]:
    """(nodes, edges) of a DOT text, counted from its statements (one per line)."""
    lines = source.splitlines()
    edges = sum("->" in line for line in lines)
    nodes = sum(1 for line in lines if "->" not in line and _NODE.match(line))
    return nodes, edges


def strain(source: str) -> int:
    """How hard a DOT text is for ``dot`` to lay out: the sum of its edges' squared spans.

    Each node's rank is its longest path from a source (two ranks an edge when
    any edge has a label, as ``dot`` doubles them); an edge spanning k ranks
    becomes k - 1 hidden nodes in ``dot``, and a long one costs more than its
    length, so each edge counts (k - 1)². 0 for a text it cannot read (a cycle).

    >>> strain("digraph {\\n\\ta -> b\\n\\tb -> c\\n\\ta -> c\\n}\\n")  # a -> c spans 2
    1
    >>> strain("digraph {\\n\\ta -> b [label=<1>]\\n\\tb -> c\\n\\ta -> c\\n}\\n")  # 4 now
    11
    """
    edges, labelled = [], False
    for line in source.splitlines():
        found = _EDGE.match(line)
        if found:
            edges.append(found.group(1, 2))
            labelled = labelled or bool(_LABEL.search(found.group(3)))
    step = 2 if labelled else 1
    before: dict[str, list[str]] = {}
    for tail, head in edges:
        before.setdefault(head, []).append(tail)
        before.setdefault(tail, [])
    rank: dict[str, int] = {}
    try:  # graphlib walks without recursion, in an order that puts tails first
        for node in graphlib.TopologicalSorter(before).static_order():
            rank[node] = max((rank[tail] + step for tail in before[node]), default=0)
    except graphlib.CycleError:
        return 0
    return sum((rank[head] - rank[tail] - 1) ** 2 for tail, head in edges)


def seconds(timeout: object) -> float:
    """``timeout`` checked: a number of seconds above 0, at most ``MAX_TIMEOUT`` (a day).

    >>> seconds(0)
    Traceback (most recent call last):
    ...
    ValueError: timeout must be a number in (0, 86400], got 0
    """
    return real(timeout, "timeout", low=0.0, high=MAX_TIMEOUT, low_open=True)


def run(
    source: str, command: list[str], *, timeout: float = TIMEOUT, quiet: bool = False
) -> bytes:
    """``dot``'s output for ``source``, run as ``command``, stopped after ``timeout`` seconds.

    A graph past ``STRAIN`` is laid out with :data:`CHEAP` settings added to ``command``.

    Raises:
        FileNotFoundError: ``dot`` is not installed.
        GraphvizTimeout: ``dot`` ran past ``timeout`` (it is killed).
        subprocess.CalledProcessError: ``dot`` failed; its message is in ``stderr``.
    """
    limit = seconds(timeout)
    if strain(source) > STRAIN:
        command = [*command, *CHEAP]  # the graph's own attributes still win over -G
    try:
        # subprocess.run kills dot when the time is up, and waits for it.
        done = subprocess.run(command, input=source.encode(), capture_output=True, timeout=limit)
    except subprocess.TimeoutExpired:
        raise GraphvizTimeout(*size(source), limit) from None
    if done.returncode:
        raise subprocess.CalledProcessError(done.returncode, command, done.stdout, done.stderr)
    if done.stderr and not quiet:  # dot's warnings, shown as the graphviz package shows them
        sys.stderr.write(done.stderr.decode(errors="replace"))
    return done.stdout


__all__ = [
    "CHEAP",
    "MAX_DPI",
    "MIN_DPI",
    "STRAIN",
    "TIMEOUT",
    "GraphvizTimeout",
    "run",
    "seconds",
    "size",
    "strain",
]
