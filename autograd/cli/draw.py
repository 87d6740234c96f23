"""``chainrule draw``: a formula in, its backpropagated graph out, in the format asked for.

The formula is checked by :mod:`autograd.cli.formula` against a whitelist and
never passed to ``eval``; a refusal says what to write instead. The format
follows ``-o``'s extension (``.svg``, ``.png``, ``.pdf``, ``.dot``) unless
``--format`` is given, and a ``--format`` that disagrees with the extension is
an error: a file's name never lies about its bytes. ``.dot`` is written from
``to_dot`` alone, needing neither the graphviz package nor Graphviz's ``dot``.

Exit codes: 0 written; 2 a usage error, a refused formula, an output that
cannot be written or a missing part; 1 Graphviz failing, out of time or giving
an empty file. Nothing is written unless the code is 0.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     out = pathlib.Path(tmp) / "g.dot"
...     run(["tanh(x*w + b)", "x=0.5", "w=-1.0", "b=0.5", "-o", str(out)], echo=print)
...     "data 0.0" in out.read_text()
wrote ...g.dot
0
True
>>> run(["__import__('os')"], warn=print)
chainrule draw: unknown function '__import__': the functions are abs, cos, exp, ...
2
>>> run(["x^2", "x=3"], warn=print)
chainrule draw: use ** for powers: x**2, not x^2
2
"""

from __future__ import annotations

import argparse
import math
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Collection, Sequence
from typing import Any

from autograd.checks import real
from autograd.cli.formula import (
    FUNCTIONS,
    VARIABLE,
    FormulaError,
    check,
    evaluate,
    parse_variables,
    unused,
)
from autograd.cli.outfile import FORMATS, OutputError, output_target
from autograd.files import write_atomic
from autograd.value import Value
from autograd.viz.layout.limits import (
    MAX_DPI,
    MAX_TIMEOUT,
    MIN_DPI,
    TIMEOUT,
    GraphvizTimeout,
    seconds,
)

__all__ = [
    "FormulaError",
    "OutputError",
    "check",
    "evaluate",
    "output_target",
    "parse_variables",
    "run",
]

DEFAULT_DPI = 192.0  # twice Graphviz's 96: sharp on a slide or a high-density screen
MAX_NODES = 5000
_NEGATIVE = r"-\d+|-\d*\.\d+"  # what argparse itself reads as a positional
EPILOG = """\
examples:
  chainrule draw "tanh(x*w + b)" x=0.5 w=-1.0 b=0.2 -o graph.svg --flow
  chainrule draw "-x**2 / 2" x=3 -o slide.pdf
  chainrule draw "sigmoid(x)" x=0.5 -o g.png --dpi 300
  chainrule draw "x*w" x=2 w=3 -o g.dot       (needs no Graphviz at all)

The format follows -o's extension (.svg .png .pdf .dot) unless --format is given;
they must agree. Without -o the file is graph.FORMAT.

Graphviz's dot is stopped after --timeout seconds (default: 60).

exit codes: 0 written; 2 usage error, refused formula, unwritable output or a
missing part (the graphviz package, Graphviz's dot); 1 Graphviz failing, out
of time or giving an empty file. Nothing is written unless the exit code is 0."""


def _option(text: str, name: str, check: Callable[[float], float]) -> float:
    """``--NAME``'s text as a number, refused in ``check``'s words (:mod:`autograd.checks`)."""
    try:
        number = float(text)
    except ValueError:
        number = math.nan  # no number at all: refused by check, and shown as typed
    try:
        return check(number)
    except ValueError as error:  # argparse names the option itself: "argument --dpi: ..."
        wanted = str(error).removeprefix(f"{name} ").rpartition(", got ")[0]
        typed = text if text and text.strip() == text else repr(text)  # '' and ' 1' quoted
        raise argparse.ArgumentTypeError(f"{wanted}, got {typed}") from None


def _dpi(text: str) -> float:
    """``--dpi``: 10 to 2400 dots per inch (at 0.01, Graphviz wrote an empty PNG)."""
    return _option(text, "dpi", lambda dpi: real(dpi, "dpi", low=MIN_DPI, high=MAX_DPI))


def _timeout(text: str) -> float:
    """``--timeout``: seconds, checked as ``draw_graph(timeout=)`` checks them."""
    return _option(text, "timeout", seconds)


def add_draw_command(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``draw`` to an argparse subparsers object (``chainrule``'s)."""
    parser = subparsers.add_parser(
        "draw",
        help="draw the backpropagated graph of a formula",
        description=textwrap.fill(
            "Build FORMULA's graph, run backward from it, and render it. Allowed: the given "
            f"names, numbers, + - * / **, and {', '.join(sorted(FUNCTIONS))}.",
            width=79,
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("formula", help='e.g. "tanh(x*w + b)"; may start with "-"')
    parser.add_argument("variables", nargs="*", metavar="name=value", help="e.g. x=0.5")
    parser.add_argument("-o", "--out", metavar="FILE", help="output file (default: graph.FORMAT)")
    parser.add_argument("--format", choices=FORMATS, help="default: from -o's extension, or svg")
    parser.add_argument(
        "--dpi",
        type=_dpi,
        help=(
            f"PNG resolution, {MIN_DPI:g} to {MAX_DPI:g} dots per inch "
            f"(default: {DEFAULT_DPI:g}, twice Graphviz's 96)"
        ),
    )
    parser.add_argument("--flow", action="store_true", help="colour by |grad| (gradient flow)")
    parser.add_argument(
        "--rankdir", choices=["LR", "RL", "TB", "BT"], default="LR", help="direction (default: LR)"
    )
    parser.add_argument(
        "--timeout",
        type=_timeout,
        default=TIMEOUT,
        metavar="SECONDS",
        help=f"stop Graphviz's dot after this long, up to {MAX_TIMEOUT:g} (default: {TIMEOUT:g})",
    )
    parser.set_defaults(handler=handle_draw)
    return parser  # type: ignore[no-any-return]


def draw_argv(argv: Sequence[str]) -> list[str]:
    """The arguments after ``draw``, options first, a formula that starts with "-" marked.

    argparse takes ``-x*2`` for an unknown option: a token that starts with a
    single "-" but is none of ``draw``'s options (exactly, or as ``-o=value``),
    no negative number and no option's value gets a leading space, so argparse
    reads it as a positional; the formula parser ignores the space. So does one
    that starts with "--" but is no option's name (``--x*2``, or ``--x`` when
    ``x=`` is given); any other ``--name`` is argparse's to report. Options
    (with their values) go first: argparse cannot take variables after an
    option once it has read the formula (``"x*2" --flow x=1``); an option
    missing its value stays last, where argparse says so (rather than take the
    formula for it). Everything after ``--`` is left alone.

    >>> draw_argv(["-x*2", "x=3", "-o", "g.svg", "--flow", "-1", "--fo=png"])
    ['-o', 'g.svg', '--flow', '--fo=png', ' -x*2', 'x=3', '-1']
    >>> draw_argv(["--x", "x=3", "-o"])
    [' --x', 'x=3', '-o']
    """
    parser = argparse.ArgumentParser()
    # argparse keeps no public list of a parser's options; every version has this one.
    known = add_draw_command(parser.add_subparsers())._option_string_actions
    given = {token.partition("=")[0].strip() for token in argv if VARIABLE.match(token)}
    options: list[str] = []
    positionals: list[str] = []
    tokens = iter(argv)
    for token in tokens:
        if token == "--":
            return [*options, *positionals, token, *tokens]
        name = token.partition("=")[0]
        option = [o for o in known if o == name or _abbreviates(name, o)]
        if option and "=" not in token and known[option[0]].nargs != 0:
            value = next(tokens, None)  # the option's value, left as it is
            if value is None:  # the last token: argparse says it needs a value
                return [*options, *positionals, token]
            options += [token, value]
        elif option or _unknown_option(name, given):
            options.append(token)
        elif token.startswith("-") and len(token) > 1 and not re.fullmatch(_NEGATIVE, token):
            positionals.append(" " + token)
        else:
            positionals.append(token)
    return [*options, *positionals]


def _unknown_option(name: str, given: Collection[str]) -> bool:
    """``--name`` that may be an option mistyped, not a formula (``--flwo``; not ``--x*2``)."""
    return re.fullmatch(r"--([^\W\d][\w-]*)", name) is not None and name[2:] not in given


def _abbreviates(name: str, option: str) -> bool:
    # argparse accepts "--fo" for "--format"; a single "-" never abbreviates.
    return name.startswith("--") and len(name) > 2 and option.startswith(name)


def picture_bytes(root: Value, fmt: str, args: argparse.Namespace) -> bytes:
    """``root``'s drawing as ``fmt`` bytes; DOT without importing the graphviz package."""
    if fmt == "dot":
        from autograd.viz.scene.dot import to_dot

        dot = to_dot(root, flow=args.flow, rankdir=args.rankdir, max_nodes=MAX_NODES)
        return dot.encode()
    from autograd.viz.layout.draw import draw_graph, render_bytes

    graph = draw_graph(root, flow=args.flow, rankdir=args.rankdir, max_nodes=MAX_NODES)
    graph.timeout = args.timeout
    return render_bytes(graph, fmt, dpi=(args.dpi or DEFAULT_DPI) if fmt == "png" else None)


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


def handle_draw(
    args: argparse.Namespace,
    *,
    echo: Callable[[str], None] = print,
    warn: Callable[[str], None] = _stderr,
) -> int:
    """Run ``chainrule draw``: 0 written; 2 refused or a part missing, 1 Graphviz failed.

    Nothing is written unless it returns 0.
    """
    from autograd.viz.layout.draw import EmptyPicture
    from autograd.viz.layout.limits import GraphvizNotFound

    try:
        path, fmt = output_target(args.out, args.format, args.dpi)
        variables = parse_variables(args.variables)
        root = evaluate(args.formula, variables)
        root.backward()
        data = picture_bytes(root, fmt, args)
    except (ValueError, ZeroDivisionError, OverflowError) as error:  # FormulaError, OutputError
        return _fail(warn, str(error), 2)
    except EmptyPicture as error:  # never "wrote g.png" for a file with nothing in it
        return _fail(warn, str(error), 1)
    except (GraphvizNotFound, ImportError) as error:  # a missing part, as chainrule demo
        return _fail(warn, _graphviz_trouble(error), 2)
    except (OSError, subprocess.CalledProcessError) as error:
        return _fail(warn, _graphviz_trouble(error), 1)
    try:
        write_atomic(path, data)
    except ValueError as error:  # it became a folder or a device since output_target looked
        return _fail(warn, str(error), 2)
    except OSError as error:  # a read-only folder, a full disk: named by the file, not its .tmp
        return _fail(warn, f"cannot write {path}: {error.strerror or error}", 2)
    for name in unused(args.formula, variables):
        given = f"{name}={variables[name]!r}"
        warn(f"chainrule draw: warning: {given} is given but not used in the formula")
    echo(f"wrote {path}")
    return 0


def _graphviz_trouble(error: BaseException) -> str:
    if isinstance(error, GraphvizTimeout) and error.seconds:  # not GraphvizTooLarge's 0: str()
        longer = min(4 * error.seconds, MAX_TIMEOUT)
        wait = f"pass --timeout {longer:g} to wait longer, or " if longer > error.seconds else ""
        return (
            f"{error.program} was stopped after {error.seconds:g} s laying out a graph of "
            f"{error.nodes} nodes and {error.edges} edges; {wait}draw a shorter formula"
        )
    if isinstance(error, subprocess.CalledProcessError):
        said = (error.stderr or b"").decode(errors="replace").strip()
        return f"Graphviz's dot failed (exit {error.returncode}): {said or 'no message'}"
    if isinstance(error, ImportError):
        return f"{error}; an -o FILE.dot needs neither it nor Graphviz"
    return str(error)


def _fail(warn: Callable[[str], None], message: str, code: int) -> int:
    warn(f"chainrule draw: {message}")
    return code


def run(
    argv: Sequence[str],
    *,
    echo: Callable[[str], None] = print,
    warn: Callable[[str], None] = _stderr,
) -> int:
    """``chainrule draw ARGV...`` as a function returning the exit code."""
    parser = argparse.ArgumentParser(prog="chainrule")
    add_draw_command(parser.add_subparsers(dest="command", required=True))
    return handle_draw(parser.parse_args(["draw", *draw_argv(argv)]), echo=echo, warn=warn)
