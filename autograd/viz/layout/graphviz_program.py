"""The Graphviz program backend: ``dot`` run as a subprocess, with a time limit and cheap settings.

The one place a program is run to lay a picture out (:mod:`autograd.viz.layout.backends`
chooses it, or another backend). The graphviz package runs ``dot`` with no time
limit, and some graphs take ``dot`` minutes or hours: :class:`GraphvizProgram`
stops it after the time limit given and raises :class:`GraphvizTimeout`,
naming the graph's size and what to pass.

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
from dataclasses import dataclass
from pathlib import Path

from autograd.viz.layout.limits import GraphvizNotFound, GraphvizTimeout, cannot_run, needs_dot
from autograd.viz.layout.programs import bundled_can, is_bundled, layout_program

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
_NO_WIDTH = re.compile(r"no value for width of non-ASCII character")


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


def _warnings(said: str, *, bundled: bool) -> str:
    """A program's warnings worth showing: graphviz-pure's for every non-ASCII byte are not
    (it sizes such text by a space's width, a few points off; ``·`` in every player caption)."""
    if not bundled:
        return said
    return "".join(line for line in said.splitlines(True) if not _NO_WIDTH.search(line))


@dataclass(frozen=True)
class GraphvizProgram:
    """Lays DOT text out with Graphviz's ``dot`` program, or the bundled graphviz-pure.

    Attributes:
        program: the executable run (every engine is ``<program> -K<engine>``);
            None (the default): the one :func:`~.programs.layout_program` names
            at each layout, ``dot`` where installed, else graphviz-pure (see
            :meth:`runs`).

    >>> GraphvizProgram("no-such-program").lay_out("digraph {}", "svg", timeout=1.0)
    Traceback (most recent call last):
    ...
    autograd.viz.layout.limits.GraphvizNotFound: Graphviz's 'dot' program is needed ...
    """

    program: str | None = None

    def runs(self) -> str:
        """The program that lays out now: ``program``, or the one found (a path or a bare name)."""
        return self.program or layout_program()

    def lay_out(
        self, source: str, fmt: str, *, engine: str = "dot", timeout: float, quiet: bool = False
    ) -> bytes:
        """``dot``'s output for ``source`` as ``fmt``, stopped after ``timeout`` seconds.

        A graph past ``STRAIN`` is laid out with :data:`CHEAP` settings.

        Raises:
            GraphvizNotFound: no program is installed, none can be run here
                (an ``OSError``: no processes in a browser's Python, no permission),
                or graphviz-pure was asked for a format only ``dot`` writes (PDF).
            GraphvizTimeout: ``dot`` ran past ``timeout`` (it is killed).
            subprocess.CalledProcessError: ``dot`` failed; its message is in ``stderr``.
        """
        program = self.runs()
        if is_bundled(program) and not bundled_can(fmt):
            raise GraphvizNotFound(needs_dot(fmt, Path(program).name))
        command = [program, f"-K{engine}", f"-T{fmt}"]
        if strain(source) > STRAIN:
            command += CHEAP  # the graph's own attributes still win over -G
        try:
            # subprocess.run kills dot when the time is up, and waits for it.
            done = subprocess.run(
                command, input=source.encode(), capture_output=True, timeout=timeout
            )
        except FileNotFoundError:
            raise GraphvizNotFound() from None
        except OSError as error:  # there, but nothing can be run (emscripten, no permission)
            raise GraphvizNotFound(cannot_run(Path(program).name, error)) from None
        except subprocess.TimeoutExpired:
            name = "graphviz-pure" if is_bundled(program) else "Graphviz's dot"
            raise GraphvizTimeout(*size(source), timeout, name) from None
        if done.returncode:
            raise subprocess.CalledProcessError(done.returncode, command, done.stdout, done.stderr)
        said = _warnings(done.stderr.decode(errors="replace"), bundled=is_bundled(program))
        if said and not quiet:  # dot's warnings, shown as the graphviz package shows them
            sys.stderr.write(said)
        return done.stdout


__all__ = ["CHEAP", "STRAIN", "GraphvizProgram", "size", "strain"]
