"""Why ``chainrule draw`` refuses a formula, in the user's words.

Python's parser speaks of ``BinOp``, ``invalid decimal literal`` and
``(<unknown>, line 1)``; someone who typed ``x^2`` or ``2x`` needs to read what
to type instead. Each function here returns that sentence, quoting the user's
own text (``ast.get_source_segment``); :mod:`autograd.cli.formula` raises it.

>>> import ast
>>> source = "x < 1"
>>> construct(ast.parse(source, mode="eval").body, source)
"comparisons (<, ==, ...) are not allowed: 'x < 1'"
"""

from __future__ import annotations

import ast
import difflib
import keyword
import math
import re
from collections.abc import Collection

_COMPREHENSIONS = "comprehensions (for ... in ...) are"
_BITWISE = "bitwise operators (& | << >> ~) are"
# Each refused piece of Python, as a learner would call it ("... not allowed").
_CONSTRUCTS: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access (a.b) is",
    ast.Subscript: "indexing (a[i]) is",
    ast.Slice: "slices (a:b) are",
    ast.Compare: "comparisons (<, ==, ...) are",
    ast.BoolOp: "'and' and 'or' are",
    ast.IfExp: "'if ... else' is",
    ast.Lambda: "lambda is",
    ast.NamedExpr: "assignments (:=) are",
    ast.List: "lists [...] are",
    ast.Tuple: "several values separated by commas are",
    ast.Set: "sets {...} are",
    ast.Dict: "dictionaries {...} are",
    ast.ListComp: _COMPREHENSIONS,
    ast.SetComp: _COMPREHENSIONS,
    ast.DictComp: _COMPREHENSIONS,
    ast.GeneratorExp: _COMPREHENSIONS,
    ast.Starred: "unpacking (*) is",
    ast.JoinedStr: "text (strings) is",
    ast.Await: "await is",
    ast.Yield: "yield is",
    ast.YieldFrom: "yield is",
    ast.FloorDiv: "floor division (//) is",  # the operators: keyed by the BinOp's op
    ast.Mod: "the remainder (%) is",
    ast.MatMult: "matrix multiplication (@) is",
    ast.BitAnd: _BITWISE,
    ast.BitOr: _BITWISE,
    ast.LShift: _BITWISE,
    ast.RShift: _BITWISE,
    ast.Invert: _BITWISE,
    ast.Not: "'not' is",
}
_ALIASES = {"ln": "log", "logistic": "sigmoid", "fabs": "abs"}  # other names, same function
# A number as Python reads it, taken whole: "2.5e-3" and "1e5" are one number each.
_NUMBER = re.compile(r"(?<![\w.])(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?")
_NAME_AFTER = re.compile(r"\s*([^\W\d]\w*)")
_CONSTANTS = {"pi": math.pi, "e": math.e, "tau": math.tau}
# The parser's messages that have plainer words; "{0}" is the pattern's first group.
_SYNTAX = (
    (r"'(.)' was never closed", "this {0!r} is never closed"),
    (r"unmatched '(.)'", "this {0!r} closes nothing"),
    (
        r"closing parenthesis '(.)' does not match opening parenthesis '(.)'",
        "this {0!r} does not match the {1!r} it closes",
    ),
    (r"invalid character '(.)' \((U\+\w+)\)", "the character {0!r} ({1}) has no meaning here"),
    (r"invalid non-printable character (U\+\w+)", "an invisible character ({0}) is there"),
    (
        r"unterminated string|EOL while scanning",
        "a quote is never closed (and text is not allowed)",
    ),
    (r"too many nested", "too many brackets inside one another"),
    (r".*null byte", "it contains a null character"),
)


def text(node: ast.AST, source: str) -> str:
    """The user's own text for ``node`` (rebuilt from the tree if it has no position)."""
    found = ast.get_source_segment(source, node)
    return found if found is not None else ast.unparse(node)


def construct(node: ast.AST, source: str, functions: Collection[str] = ()) -> str:
    """Why ``node`` (a piece of Python formulas do not allow) is refused."""
    quoted = repr(text(node, source))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitXor):
        # ^ binds looser than + in Python: fix the user's whole text, not this node's.
        if len(source) > 60:
            return "use ** for powers: x**2, not x^2"
        return f"use ** for powers: {source.replace('^', '**')}, not {source}"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.FloorDiv):
        return f"floor division (//) is not allowed, use /: {quoted}"
    if isinstance(node, ast.Constant):
        return _constant(node.value, quoted)
    kind = type(node.op) if isinstance(node, (ast.BinOp, ast.UnaryOp)) else type(node)
    what = _CONSTRUCTS.get(kind, "this part is")
    hint = ""
    if isinstance(node, ast.Attribute) and node.attr in functions:
        hint = f" (write {node.attr}(...))"
    return f"{what} not allowed: {quoted}{hint}"


def _constant(value: object, quoted: str) -> str:
    if isinstance(value, (str, bytes)):
        return f"text (strings) is not allowed, only numbers: {quoted}"
    if isinstance(value, complex):
        return f"imaginary numbers are not allowed: {quoted}"
    if isinstance(value, bool):
        return f"{value} is not a number here: write {int(value)}"
    return f"{quoted} is not a number"


def arguments(node: ast.Call, source: str, name: str, counts: tuple[int, ...]) -> str | None:
    """Why a call of the allowed function ``name`` is refused, or None if it is fine."""
    if node.keywords:
        return f"{name}() takes its arguments in order, not by name: {text(node, source)!r}"
    if len(node.args) not in counts:
        wanted = " or ".join(map(str, counts))
        plural = "" if counts == (1,) else "s"
        quoted = repr(text(node, source))
        return f"{name}() takes {wanted} argument{plural}, got {len(node.args)}: {quoted}"
    return None


def call(node: ast.Call, source: str, names: Collection[str], functions: Collection[str]) -> str:
    """Why a call of something other than an allowed function is refused."""
    func = node.func
    inside = ", ".join(text(a, source) for a in node.args)
    if isinstance(func, ast.Name) and func.id in names:
        return f"{func.id} is a number, not a function: to multiply, write {func.id}*({inside})"
    if isinstance(func, ast.Name) and func.id == "pow" and len(node.args) == 2:
        base, power = (_operand(a, source) for a in node.args)
        return f"use ** for powers: {base}**{power}, not pow({inside})"
    if isinstance(func, ast.Name):
        return unknown_function(func.id, functions)
    if isinstance(func, (ast.Constant, ast.BinOp, ast.UnaryOp, ast.Call)) and not node.keywords:
        # "2(x+1)" and "(x+1)(x-1)" parse as calls; they mean products.
        return f"to multiply, write {_operand(func, source)}*({inside})"
    return construct(func, source, functions)


def _operand(node: ast.AST, source: str) -> str:
    """``node``'s text, bracketed unless it is a name, a number or a call."""
    plain = isinstance(node, (ast.Name, ast.Constant, ast.Call))
    return text(node, source) if plain else f"({text(node, source)})"


def unknown_function(name: str, functions: Collection[str]) -> str:
    """``unknown function 'tahn' (did you mean tanh?)``, or the list of functions.

    >>> unknown_function("tahn", ["tanh", "exp"])
    "unknown function 'tahn' (did you mean tanh?)"
    >>> unknown_function("open", ["tanh", "exp"])
    "unknown function 'open': the functions are exp, tanh"
    """
    close = difflib.get_close_matches(name, list(functions), n=1)
    guess = _ALIASES.get(name) or (close[0] if close else None)
    if guess in functions:
        return f"unknown function {name!r} (did you mean {guess}?)"
    return f"unknown function {name!r}: the functions are {', '.join(sorted(functions))}"


def unknown_names(unknown: list[str], given: Collection[str]) -> str:
    """Every name the formula uses but the command line does not give, in one sentence.

    >>> unknown_names(["a", "b"], ["x"])
    'unknown names a, b: give each as NAME=NUMBER, e.g. a=1.0 (given: x)'
    >>> unknown_names(["pi"], [])
    'unknown name pi: give it as pi=NUMBER, e.g. pi=3.141592653589793 (no values given)'
    """
    example = f"{unknown[0]}={_CONSTANTS.get(unknown[0], 1.0)!r}"
    told = f"(given: {', '.join(given)})" if given else "(no values given)"
    if len(unknown) == 1:
        return f"unknown name {unknown[0]}: give it as {unknown[0]}=NUMBER, e.g. {example} {told}"
    return f"unknown names {', '.join(unknown)}: give each as NAME=NUMBER, e.g. {example} {told}"


def unreadable(error: SyntaxError, source: str, functions: Collection[str]) -> str:
    """A syntax error as where it is and what to type, never the parser's own words.

    >>> try:
    ...     compile("tanh((x)", "<formula>", "eval")
    ... except SyntaxError as error:
    ...     print(unreadable(error, "tanh((x)", ["tanh"]))
    cannot read the formula at column 5: this '(' is never closed
        tanh((x)
            ^
    """
    hint = _product(source) or _bare_call(source, functions)
    if hint is not None:
        return hint
    where = _index(error, source)
    if not source:
        return "the formula is empty"
    if where is None or where >= len(source):
        why = _plain(error.msg, source, None)
        ending = re.search(r"(\w+|[^\w\s]+)\s*$", source)
        after = f", after {ending.group(1)!r}" if ending else ""
        return f"cannot read the formula: {why or 'it ends too soon' + after}"
    why = _plain(error.msg, source, where) or f"unexpected {_token(source, where)!r}"
    message = f"cannot read the formula at column {where + 1}: {why}"
    if source.isprintable():  # one line, so a caret can point at the place
        message += f"\n    {source}\n    {' ' * where}^"
    return message


def _product(source: str) -> str | None:
    """``write 2*x`` for a number written against a name ("2x", "3 w") or after a ")"."""
    for number in _NUMBER.finditer(source):
        name = _NAME_AFTER.match(source, number.end())
        if name is None or keyword.iskeyword(name.group(1)):
            continue
        if number.group() == "0" and name.group(1)[0] in "xXoObB":
            continue  # 0x1F, 0o7, 0b1: Python's own way of writing a number
        return f"write {number.group()}*{name.group(1)}, not {source[number.start() : name.end()]}"
    closing = re.search(r"\)\s*([^\W\d]\w*|\d[\w.]*)", source)
    if closing is None or keyword.iskeyword(closing.group(1)):
        return None
    depth = 0
    for start in range(closing.start(), -1, -1):  # back to the "(" this ")" closes
        depth += {")": 1, "(": -1}.get(source[start], 0)
        if depth == 0:
            left = source[start : closing.start() + 1]
            return f"write {left}*{closing.group(1)}, not {source[start : closing.end()]}"
    return None


def _bare_call(source: str, functions: Collection[str]) -> str | None:
    """``tanh is a function: write tanh(x)`` for "tanh x"."""
    found = re.search(rf"\b({'|'.join(map(re.escape, functions))})\s+[\w.]", source)
    return f"{found.group(1)} is a function: write {found.group(1)}(x)" if found else None


def _index(error: SyntaxError, source: str) -> int | None:
    """The 0-based character index the error points at, counted over every line."""
    if not error.lineno or not error.offset:
        return None
    lines = re.split(r"(?<=\n)|(?<=\r)(?!\n)", source)  # Python's own line ends
    if error.lineno > len(lines):
        return None
    return sum(map(len, lines[: error.lineno - 1])) + error.offset - 1


def _token(source: str, where: int) -> str:
    word = re.match(r"\w+", source[where:])
    return word.group(0) if word else source[where]


def _plain(message: str, source: str, where: int | None) -> str | None:
    """The parser's message in plain words, or None to describe the place instead."""
    for pattern, words in _SYNTAX:
        found = re.match(pattern, message)
        if found:
            return words.format(*found.groups())
    if where is None:
        return None
    if "leading zeros" in message:
        digits = re.match(r"\d+", source[where:])
        number = digits.group(0) if digits else "012"
        return f"a number cannot start with 0: write {int(number)}, not {number}"
    if source[where] == "=":
        return "'=' is not part of a formula: values come after it, e.g. \"x*2\" x=1"
    if "literal" in message:  # "invalid decimal literal" and kin, once "2x" is ruled out
        return f"{_token(source, where)!r} is not a number Python can read"
    return None
