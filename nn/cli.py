"""The ``chainrule`` command line.

>>> main(["--help"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
SystemExit: 0
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from autograd.viz.cli import add_draw_command, handle_draw


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chainrule", description="See and test backpropagation.")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="show a neuron backpropagated, then train an MLP")
    demo.add_argument("-o", "--out", default="out", help="output folder (default: out)")
    add_draw_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "draw":
        return handle_draw(args)
    if args.command == "demo":
        from nn import demo

        demo.run(args.out)
    return 0
