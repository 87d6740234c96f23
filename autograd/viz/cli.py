"""``chainrule draw``: a formula in, its backpropagated graph out.

The formula is parsed with :mod:`ast` and checked against a whitelist before
anything is computed: names given on the command line, numbers, ``+ - * / **``,
unary ``-`` and ``+``, and calls of the engine's functions. Everything else
(attribute access, subscripts, other calls, keywords, strings...) is refused
with exit code 2; nothing is ever passed to ``eval``.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     out = pathlib.Path(tmp) / "g.dot"
...     run(["tanh(x*w + b)", "x=0.5", "w=-1.0", "b=0.5", "-o", str(out)], echo=print)
...     "data 0.0" in out.read_text()
wrote ...g.dot
0
True
>>> run(["__import__('os')"], warn=print)
chainrule draw: refused: calls are only allowed for abs, cos, exp, ...
2
"""

from __future__ import annotations

import argparse
import ast
import math
import sys
from collections.abc import Callable, Collection, Sequence
from typing import Any

from autograd.value import Value

MAX_LENGTH = 500
MAX_NUMBER = 1e6
FUNCTIONS: dict[str, tuple[int, ...]] = {  # name -> accepted argument counts
    "abs": (1,),
    "cos": (1,),
    "exp": (1,),
    "leaky_relu": (1, 2),
    "log": (1,),
    "relu": (1,),
    "sigmoid": (1,),
    "sin": (1,),
    "sqrt": (1,),
    "tanh": (1,),
}
_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: lambda x, y: x + y,
    ast.Sub: lambda x, y: x - y,
    ast.Mult: lambda x, y: x * y,
    ast.Div: lambda x, y: x / y,
    ast.Pow: lambda x, y: x**y,
}
_ALLOWED: tuple[type[ast.AST], ...] = (
    *(ast.Expression, ast.BinOp, ast.UnaryOp, ast.Call, ast.Name, ast.Constant, ast.Load),
    *_BINARY,
    *(ast.USub, ast.UAdd),
)


class FormulaError(ValueError):
    """A formula or variable that ``chainrule draw`` refuses; the message says why."""


def parse_variables(pairs: Sequence[str]) -> dict[str, float]:
    """``["x=0.5", ...]`` as ``{"x": 0.5}``; FormulaError for anything malformed.

    >>> parse_variables(["x=0.5", "w_1=-2"])
    {'x': 0.5, 'w_1': -2.0}
    """
    found: dict[str, float] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier() or name in FUNCTIONS or name.startswith("_"):
            raise FormulaError(f"expected name=number with a plain name, got {pair!r}")
        try:
            value = float(text)
        except ValueError:
            raise FormulaError(f"{name}: {text!r} is not a number") from None
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise FormulaError(f"{name}: {text!r} must be finite and at most {MAX_NUMBER:g}")
        found[name] = value
    return found


def check(formula: str, names: Collection[str]) -> ast.Expression:
    """The parsed formula, once every node in it is on the whitelist."""
    if len(formula) > MAX_LENGTH:
        raise FormulaError(f"formula is {len(formula)} characters long, the limit is {MAX_LENGTH}")
    try:
        tree = ast.parse(formula, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        raise FormulaError(f"not a formula: {error}") from None
    nodes = list(ast.walk(tree))  # iterative: any depth the parser accepted
    callees = {id(n.func) for n in nodes if isinstance(n, ast.Call)}
    for node in nodes:
        if not isinstance(node, _ALLOWED):
            raise FormulaError(f"refused: {type(node).__name__} is not allowed in a formula")
        if isinstance(node, ast.Constant):
            if not isinstance(node.value, (int, float)) or isinstance(node.value, bool):
                raise FormulaError(f"refused: only numbers may appear, got {node.value!r}")
            if not abs(node.value) <= MAX_NUMBER:
                raise FormulaError(f"refused: {node.value!r} is larger than {MAX_NUMBER:g}")
        elif isinstance(node, ast.Call):
            _check_call(node)
        elif isinstance(node, ast.Name) and node.id not in names and id(node) not in callees:
            given = ", ".join(sorted(names)) or "none"
            raise FormulaError(
                f"unknown name {node.id!r}: give it as {node.id}=NUMBER (given: {given})"
            )
    return tree


def _check_call(node: ast.Call) -> None:
    allowed = ", ".join(sorted(FUNCTIONS))
    if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
        raise FormulaError(f"refused: calls are only allowed for {allowed}")
    if node.keywords or len(node.args) not in FUNCTIONS[node.func.id]:
        counts = " or ".join(map(str, FUNCTIONS[node.func.id]))
        raise FormulaError(f"refused: {node.func.id}() takes {counts} plain argument(s)")


def evaluate(formula: str, variables: dict[str, float]) -> Value:
    """Build the graph of ``formula``; leaves are labelled by name, nodes by their text.

    >>> y = evaluate("x * x + 1", {"x": 3.0})
    >>> y.data, y.label, [p.label for p in y.parents]
    (10.0, 'x * x + 1', ['x * x'])
    """
    tree = check(formula, variables)
    leaves = {name: Value(value, label=name) for name, value in variables.items()}
    result = _build(tree.body, leaves)
    return result if isinstance(result, Value) else Value(result, label=formula.strip())


def _build(node: ast.expr, leaves: dict[str, Value]) -> Value | float:
    # Recursion depth is bounded by the parser's nesting limit and MAX_LENGTH.
    if isinstance(node, ast.Constant):
        return float(node.value)  # type: ignore[arg-type]  # a number, by check()
    if isinstance(node, ast.Name):
        return leaves[node.id]
    if isinstance(node, ast.UnaryOp):
        x = _build(node.operand, leaves)
        out: Any = -x if isinstance(node.op, ast.USub) else x
    elif isinstance(node, ast.BinOp):
        x, y = _build(node.left, leaves), _build(node.right, leaves)
        if isinstance(x, float) and isinstance(y, float):
            # Through the engine, so its guards refuse (-8.0) ** 0.5 and 1 / 0.
            return float(_BINARY[type(node.op)](Value(x), y).data)
        out = _BINARY[type(node.op)](x, y)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [_build(a, leaves) for a in node.args]
        head = args[0] if isinstance(args[0], Value) else Value(args[0])
        out = abs(head) if node.func.id == "abs" else getattr(head, node.func.id)(*args[1:])
    else:  # check() lets nothing else through
        raise FormulaError(f"refused: {type(node).__name__}")
    if isinstance(out, Value) and out._args and not out.label:
        text = ast.unparse(node)
        out.label = text if len(text) <= 24 else ""
    return out  # type: ignore[no-any-return]


def add_draw_command(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``draw`` to an argparse subparsers object (``chainrule``'s)."""
    parser = subparsers.add_parser(
        "draw",
        help="draw the backpropagated graph of a formula",
        description="Build FORMULA's graph, run backward from it, and render it. "
        f"Allowed: the given names, numbers, + - * / **, and {', '.join(sorted(FUNCTIONS))}.",
        epilog='example: chainrule draw "tanh(x*w + b)" x=0.5 w=-1.0 b=0.2 -o graph.svg',
    )
    parser.add_argument("formula", help='e.g. "tanh(x*w + b)"')
    parser.add_argument("variables", nargs="*", metavar="name=value", help="e.g. x=0.5")
    parser.add_argument("-o", "--out", help="output file (default: graph.FORMAT)")
    parser.add_argument("--flow", action="store_true", help="colour by |grad| (gradient flow)")
    parser.add_argument("--format", choices=["svg", "png", "dot"], help="default: from -o, or svg")
    parser.add_argument("--rankdir", choices=["LR", "RL", "TB", "BT"], default="LR")
    parser.set_defaults(handler=handle_draw)
    return parser  # type: ignore[no-any-return]


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


def handle_draw(
    args: argparse.Namespace,
    *,
    echo: Callable[[str], None] = print,
    warn: Callable[[str], None] = _stderr,
) -> int:
    """Run ``chainrule draw``: 0 when written, 2 for a refused formula, 1 without Graphviz."""
    from autograd.viz.render import GraphvizNotFound, draw_graph, save

    suffix = str(args.out or "").rpartition(".")[2].lower()
    fmt = args.format or (suffix if suffix in ("svg", "png", "dot") else "svg")
    out = args.out or f"graph.{fmt}"
    try:
        root = evaluate(args.formula, parse_variables(args.variables))
        root.backward()
    except (ValueError, ZeroDivisionError, OverflowError) as error:
        warn(f"chainrule draw: {error}")
        return 2
    try:
        save(draw_graph(root, flow=args.flow, rankdir=args.rankdir, max_nodes=5000), out, fmt)
    except ValueError as error:  # too large a graph, or an output that is no file
        warn(f"chainrule draw: {error}")
        return 2
    except (GraphvizNotFound, ImportError, OSError) as error:
        warn(f"chainrule draw: {error}")
        return 1
    echo(f"wrote {out}")
    return 0


def run(
    argv: Sequence[str],
    *,
    echo: Callable[[str], None] = print,
    warn: Callable[[str], None] = _stderr,
) -> int:
    """``chainrule draw ARGV...`` as a function returning the exit code."""
    parser = argparse.ArgumentParser(prog="chainrule")
    add_draw_command(parser.add_subparsers(dest="command", required=True))
    return handle_draw(parser.parse_args(["draw", *argv]), echo=echo, warn=warn)
