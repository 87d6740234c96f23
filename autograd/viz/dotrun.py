"""Running Graphviz's ``dot`` with a time limit.

The graphviz package runs ``dot`` with no time limit, and some graphs take
``dot`` minutes or hours: ``x + x + ... + x`` with 76 terms and its chain-rule
labels (``chainrule draw ... --flow``) ran past 300 s. Every drawing here goes
through :func:`run`, which stops ``dot`` after ``TIMEOUT`` seconds (or the
``timeout=`` given) and raises :class:`GraphvizTimeout`, naming the graph's
size and what to pass.

>>> size('digraph {\\n\\tv0 [label=<x>]\\n\\top1 [label=<*>]\\n\\tv0 -> op1\\n\\tv0 -> op1\\n}\\n')
(2, 2)
"""

from __future__ import annotations

import math
import re
import subprocess
import sys

#: How long ``dot`` may run on one drawing, in seconds, unless told otherwise.
#: Every picture of the benchmarks takes under 2 s; a graph that takes a
#: minute is too large to read anyway.
TIMEOUT = 60.0
# A node statement: a name, then its attributes (not the defaults "node [...]").
_NODE = re.compile(r'\s*(?!(?:node|edge|graph)\b)("[^"]*"|\w+)\s*\[')


class GraphvizTimeout(TimeoutError):
    """``dot`` ran past its time limit and was stopped.

    Attributes:
        nodes, edges: the size of the graph it was laying out.
        seconds: the time limit.
    """

    def __init__(self, nodes: int, edges: int, seconds: float) -> None:
        self.nodes, self.edges, self.seconds = nodes, edges, seconds
        super().__init__(
            f"Graphviz's dot was stopped after {seconds:g} s laying out a graph of "
            f"{nodes} nodes and {edges} edges; pass timeout={4 * seconds:g} (seconds) "
            "to wait longer, or draw a smaller graph (a smaller max_nodes, "
            "collapse=True, or no per-edge labels)"
        )


def size(source: str) -> tuple[int, int]:
    """(nodes, edges) of a DOT text, counted from its statements (one per line)."""
    lines = source.splitlines()
    edges = sum("->" in line for line in lines)
    nodes = sum(1 for line in lines if "->" not in line and _NODE.match(line))
    return nodes, edges


def seconds(timeout: object) -> float:
    """``timeout`` checked: a positive, finite number of seconds.

    >>> seconds(0)
    Traceback (most recent call last):
    ...
    ValueError: timeout must be a positive number of seconds, got 0
    """
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError(f"timeout must be a number of seconds, got {timeout!r}")
    if not (timeout > 0 and math.isfinite(timeout)):
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    return float(timeout)


def run(
    source: str, command: list[str], *, timeout: float = TIMEOUT, quiet: bool = False
) -> bytes:
    """``dot``'s output for ``source``, run as ``command``, stopped after ``timeout`` seconds.

    Raises:
        FileNotFoundError: ``dot`` is not installed.
        GraphvizTimeout: ``dot`` ran past ``timeout`` (it is killed).
        subprocess.CalledProcessError: ``dot`` failed; its message is in ``stderr``.
    """
    limit = seconds(timeout)
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


__all__ = ["TIMEOUT", "GraphvizTimeout", "run", "seconds", "size"]
