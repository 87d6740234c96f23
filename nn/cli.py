"""The ``chainrule`` command line: ``chainrule demo`` and ``chainrule draw``.

``draw``'s exit codes (see ``chainrule draw --help``): 0 written; 2 a usage
error, a refused formula or an output that cannot be written; 1 Graphviz
missing or failing.

>>> main(["--help"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
SystemExit: 0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from autograd.viz.cli import add_draw_command, draw_argv, handle_draw


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chainrule", description="See and test backpropagation.")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="show a neuron backpropagated, then train an MLP")
    demo.add_argument("-o", "--out", default="out", help="output folder (default: out)")
    add_draw_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    A ``draw`` formula may start with "-" (``chainrule draw "-x*2" x=3``), no
    ``--`` needed: see :func:`autograd.viz.cli.draw_argv`.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["draw"]:
        argv = ["draw", *draw_argv(argv[1:])]
    args = _parser().parse_args(argv)
    if args.command == "draw":
        return handle_draw(args)
    if args.command == "demo":
        from nn import demo

        demo.run(args.out)
    return 0
