"""Formulas for ``chainrule draw``: parsed, checked against a whitelist, then built.

The formula is parsed with :mod:`ast` and every node checked against a
whitelist before anything is computed: names given on the command line,
numbers, ``+ - * / **``, unary ``-`` and ``+``, and calls of the engine's
functions. Nothing is ever passed to ``eval``. Every refusal is a
:class:`FormulaError` in the user's words (``use ** for powers``), never the
parser's (``BinOp``, ``<unknown>``); :mod:`autograd.cli.refusals` words them.

>>> evaluate("x ** 2", {"x": 3.0}).data
9.0
>>> evaluate("x^2", {"x": 3.0})
Traceback (most recent call last):
...
autograd.cli.formula.FormulaError: use ** for powers: x**2, not x^2
"""

from __future__ import annotations

import ast
import keyword
import math
import re
import warnings
from collections.abc import Callable, Collection, Sequence
from typing import Any

from autograd.cli import refusals
from autograd.value import Value

MAX_LENGTH = 500
#: The deepest formula read: operators and calls inside one another. A sum of
#: 200 terms, ``x + x + ... + x``, is 199 deep (Python groups it from the left).
MAX_DEPTH = 200
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
    "step": (1,),
    "tanh": (1,),
}
_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: lambda x, y: x + y,
    ast.Sub: lambda x, y: x - y,
    ast.Mult: lambda x, y: x * y,
    ast.Div: lambda x, y: x / y,
    ast.Pow: lambda x, y: x**y,
}
_PLAIN: tuple[type[ast.AST], ...] = (
    *(ast.Expression, ast.Name, ast.Load),
    *(*_BINARY, ast.USub, ast.UAdd),  # operators: their BinOp or UnaryOp is checked first
)
_LIMIT = f"{MAX_NUMBER:,.0f}"
#: A command-line token that gives a value, ``NAME=...``, as :func:`parse_variables` reads it.
VARIABLE = re.compile(r"\s*[^\W\d]\w*\s*=")


class FormulaError(ValueError):
    """A formula or variable that ``chainrule draw`` refuses; the message says why."""


def parse_variables(pairs: Sequence[str]) -> dict[str, float]:
    """``["x=0.5", ...]`` as ``{"x": 0.5}``; FormulaError for anything malformed.

    >>> parse_variables(["x=0.5", "w_1=-2"])
    {'x': 0.5, 'w_1': -2.0}
    >>> parse_variables(["tanh=1"])
    Traceback (most recent call last):
    ...
    autograd.cli.formula.FormulaError: tanh is a function: pick another name for a number
    """
    found: dict[str, float] = {}
    for pair in pairs:
        name, sep, text = pair.strip().partition("=")
        name = name.strip()
        if not sep:
            raise FormulaError(
                f"{pair.strip()!r} is not NAME=NUMBER: the formula comes first, then values"
                " such as x=0.5 (put a formula with spaces in quotes)"
            )
        value = _number(name, text)
        if name in found:
            raise FormulaError(
                f"{name} is given twice: {name}={found[name]!r} and {name}={value!r}"
            )
        found[name] = value
    return found


def _number(name: str, text: str) -> float:
    if name in FUNCTIONS:
        raise FormulaError(f"{name} is a function: pick another name for a number")
    if not name.isidentifier() or name.startswith("_") or keyword.iskeyword(name):
        raise FormulaError(
            f"{name!r} cannot name a number: use letters, digits and _, starting with a letter"
        )
    try:
        value = float(text)
    except ValueError:
        raise FormulaError(f"{name}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise FormulaError(f"{name}: {text!r} is not a finite number")
    if abs(value) > MAX_NUMBER:
        raise FormulaError(f"{name}: {text!r} is too large: numbers can be at most {_LIMIT}")
    return value


def check(formula: str, names: Collection[str]) -> ast.Expression:
    """The parsed formula, once every node in it is on the whitelist.

    Raises:
        FormulaError: the formula cannot be read, uses something other than
            numbers, the given names, ``+ - * / **`` and FUNCTIONS, or a name
            that is not given; the message says what to write instead.

    >>> check("tahn(x)", ["x"])
    Traceback (most recent call last):
    ...
    autograd.cli.formula.FormulaError: unknown function 'tahn' (did you mean tanh?)
    """
    source = formula.strip()  # "draw" marks a leading "-" with a space; see cli.py
    if len(source) > MAX_LENGTH:
        raise FormulaError(f"formula is {len(source)} characters long, the limit is {MAX_LENGTH}")
    tree = _parse(source)
    depth = _depth(tree.body)
    if depth > MAX_DEPTH:
        raise FormulaError(
            f"formula is nested {depth} deep (operators and calls inside one another), "
            f"the limit is {MAX_DEPTH}: write it shorter"
        )
    nodes = list(ast.walk(tree))  # iterative, parents first: any depth the parser accepted
    for node in nodes:
        refusal = _refusal(node, source, names)
        if refusal is not None:
            raise FormulaError(refusal)
    callees = {id(n.func) for n in nodes if isinstance(n, ast.Call)}
    used = [n for n in nodes if isinstance(n, ast.Name) and id(n) not in callees]
    used.sort(key=lambda n: (n.lineno, n.col_offset))
    for name in used:
        if name.id in FUNCTIONS:
            raise FormulaError(f"{name.id} is a function: write {name.id}(x)")
        if name.id.startswith("_"):
            raise FormulaError(f"names cannot start with _: {name.id!r}")
    unknown = list(dict.fromkeys(n.id for n in used if n.id not in names))
    if unknown:
        raise FormulaError(refusals.unknown_names(unknown, names))
    return tree


def _parse(source: str) -> ast.Expression:
    try:
        with warnings.catch_warnings():  # "invalid escape sequence" and the like
            warnings.simplefilter("ignore")
            return ast.parse(source, mode="eval")
    except SyntaxError as error:
        raise FormulaError(refusals.unreadable(error, source, FUNCTIONS)) from None
    except ValueError:  # a null character, on Pythons before 3.12
        raise FormulaError("cannot read the formula: it contains a null character") from None
    except (RecursionError, MemoryError):
        raise FormulaError("cannot read the formula: it is nested too deeply") from None


def _depth(root: ast.AST) -> int:
    """How many levels ``root``'s tree has, counted without recursion.

    >>> _depth(ast.parse("-(x + 1)", mode="eval").body)
    3
    """
    deepest = 0
    stack = [(root, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in _operands(node))
    return deepest


def _operands(node: ast.AST) -> list[ast.AST]:
    """What a formula's node is built from (operators and contexts are not counted)."""
    return [c for c in ast.iter_child_nodes(node) if isinstance(c, (ast.expr, ast.keyword))]


def _refusal(node: ast.AST, source: str, names: Collection[str]) -> str | None:
    """Why ``node`` is refused, or None when it is on the whitelist."""
    if isinstance(node, _PLAIN):
        return None
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return None
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id in FUNCTIONS:
            return refusals.arguments(node, source, func.id, FUNCTIONS[func.id])
        return refusals.call(node, source, names, FUNCTIONS)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        if isinstance(node.value, bool):  # True is an int to Python, not to a formula
            return refusals.construct(node, source)
        if abs(node.value) <= MAX_NUMBER:
            return None
        return f"{refusals.text(node, source)} is too large: numbers can be at most {_LIMIT}"
    return refusals.construct(node, source, FUNCTIONS)


def unused(formula: str, variables: Collection[str]) -> list[str]:
    """The given names that ``formula`` never uses (it still draws; ``draw`` warns).

    >>> unused("x * 2", ["x", "z"])
    ['z']
    """
    tree = check(formula, variables)
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return [name for name in variables if name not in used]


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


def _build(root: ast.expr, leaves: dict[str, Value]) -> Value | float:
    """``root``'s value, each node after its operands: an explicit stack, no recursion."""
    built: dict[ast.AST, Value | float] = {}
    depth: dict[ast.AST, int] = {}  # of each subtree, to skip labels too long to keep
    stack: list[tuple[ast.expr, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if not ready:
            stack.append((node, True))
            stack.extend((part, False) for part in _parts(node))
            continue
        parts = _parts(node)
        depth[node] = 1 + max((depth[part] for part in parts), default=0)
        out = built[node] = _node(node, [built[part] for part in parts], leaves)
        # A subtree n deep is at least n characters long: deeper than 24, its
        # text is not kept anyway, and ast.unparse (which recurses) is not called.
        if isinstance(out, Value) and out._args and not out.label and depth[node] <= 24:
            text = ast.unparse(node)
            out.label = text if len(text) <= 24 else ""
    return built[root]


def _parts(node: ast.expr) -> list[ast.expr]:
    """The operands of a node that check() let through, in order."""
    if isinstance(node, ast.UnaryOp):
        return [node.operand]
    if isinstance(node, ast.BinOp):
        return [node.left, node.right]
    if isinstance(node, ast.Call):
        return list(node.args)
    return []


def _node(node: ast.expr, args: list[Value | float], leaves: dict[str, Value]) -> Value | float:
    """One node of the formula, given its operands' values."""
    if isinstance(node, ast.Constant):
        return float(node.value)  # type: ignore[arg-type]  # a number, by check()
    if isinstance(node, ast.Name):
        return leaves[node.id]
    if isinstance(node, ast.UnaryOp):
        return -args[0] if isinstance(node.op, ast.USub) else args[0]
    if isinstance(node, ast.BinOp):
        x, y = args
        if isinstance(x, float) and isinstance(y, float):
            # Through the engine, so its guards refuse (-8.0) ** 0.5 and 1 / 0.
            return float(_BINARY[type(node.op)](Value(x), y).data)
        return _BINARY[type(node.op)](x, y)  # type: ignore[no-any-return]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        head = args[0] if isinstance(args[0], Value) else Value(args[0])
        return abs(head) if node.func.id == "abs" else getattr(head, node.func.id)(*args[1:])
    raise FormulaError(refusals.construct(node, ast.unparse(node)))  # check() lets none through
