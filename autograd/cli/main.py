"""The ``chainrule`` command line: ``chainrule demo`` and ``chainrule draw``.

``demo``'s exit codes (see ``chainrule demo --help``): 0 done; 2 a usage error,
an output folder that cannot be written (nothing is done), or an optional part
missing (everything that does without it is written, and each missing part is
named with its install line).

``draw``'s exit codes (see ``chainrule draw --help``): 0 written; 2 a usage
error, a refused formula, an output that cannot be written, or a missing part
(the graphviz package, Graphviz's dot); 1 Graphviz failing.

>>> main(["--help"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
SystemExit: 0
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from autograd.cli.draw import OutputError, add_draw_command, draw_argv, handle_draw

DEMO_EPILOG = """\
Needs nothing but Python: without tqdm it trains without a progress bar, and
without matplotlib, the graphviz package or Graphviz's dot it writes every file
that does without them and names what is missing, with the line that installs it.

exit codes: 0 done; 2 usage error or unwritable output folder (nothing is done),
or an optional part missing (all else is written)"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="chainrule", description="See and test backpropagation.")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser(
        "demo",
        help="show a neuron backpropagated, then train an MLP",
        description="Show a neuron backpropagated, train an MLP on two moons, draw both.",
        epilog=DEMO_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument(
        "-o", "--out", default="out", help="output folder, created if missing (default: out)"
    )
    add_draw_command(commands)
    return parser


def demo_folder(out: str) -> Path:
    """``out`` as the demo's output folder: created if missing, and checked writable.

    Raises:
        OutputError: ``out`` is a file, or the folder cannot be created or written.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as file:
    ...     demo_folder(file.name)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    autograd.cli.outfile.OutputError: cannot write into ...: it is a file, not a folder
    """
    path = Path(out)
    try:
        if path.exists() and not path.is_dir():
            raise OutputError(f"cannot write into {out}: it is a file, not a folder")
        path.mkdir(parents=True, exist_ok=True)
        # Permission bits do not tell (root writes anyway, a read-only mount refuses
        # everyone): only a write does.
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as error:
        raise OutputError(f"cannot write into {out}: {error.strerror or error}") from None
    return path


def _demo(out: str) -> int:
    from nn import demo

    try:
        outcome = demo.run(demo_folder(out))
    except (OutputError, OSError) as error:
        message = str(error)
        if isinstance(error, OSError) and error.strerror:  # a full disk, named by its file
            message = f"cannot write {error.filename}: {error.strerror}"
        print(f"chainrule demo: {message}", file=sys.stderr)
        return 2
    for line in outcome.messages():
        print(f"chainrule demo: {line}", file=sys.stderr)
    if outcome.complete:
        return 0
    count = len(outcome.files)
    done = f"wrote {count} file{'' if count == 1 else 's'} to {out}"
    print(f"chainrule demo: {done}, without the parts above (exit status 2)", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    A ``draw`` formula may start with "-" (``chainrule draw "-x*2" x=3``), no
    ``--`` needed: see :func:`autograd.cli.draw.draw_argv`.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["draw"]:
        argv = ["draw", *draw_argv(argv[1:])]
    args = _parser().parse_args(argv)
    if args.command == "draw":
        return handle_draw(args)
    return _demo(args.out)
