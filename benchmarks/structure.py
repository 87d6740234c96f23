"""The code's shape: long modules, long functions, what a player's display runs through.

The style guide keeps modules under ~300 lines and functions near 25 (none
over 60 in Python or 80 in JavaScript), and layers that call only downward:
showing a player in Jupyter should pass through each module once, never back
and forth. This workload reports those figures for ``autograd/`` and ``nn/``.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

from benchmarks.report import Section, Target

ROOT = Path(__file__).parent.parent
PACKAGES = ("autograd", "nn")
LONG_MODULE = 300
LONG_PY, LONG_JS = 60, 80

# Runs in a fresh interpreter: every call between our modules while a player is
# built and shown as Jupyter shows it (the mime bundle), as caller -> callee pairs.
_CALLS = """
import json, sys
from autograd import Value
from autograd.viz import step_through
x, w, b = Value(0.5, label="x"), Value(-1.0, label="w"), Value(0.25, label="b")
L = (x * w + b).tanh()
calls, seen = set(), set()
def ours(frame):
    name = frame.f_globals.get("__name__", "")
    return name if name.split(".")[0] in ("autograd", "nn") else None
def profile(frame, event, arg):
    if event != "call" or not (callee := ours(frame)):
        return
    seen.add(callee)
    caller = frame.f_back and ours(frame.f_back)
    if caller and caller != callee:
        calls.add((caller, callee))
sys.setprofile(profile)
player = step_through(L)
player._repr_mimebundle_()
sys.setprofile(None)
print(json.dumps({"modules": sorted(seen), "calls": sorted(calls)}))
"""


def _files(suffix: str) -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob(f"*{suffix}"))


def _lines(path: Path) -> int:
    return len(path.read_text().splitlines())


def python_functions() -> list[tuple[int, str]]:
    """(lines, 'module.py:function') for every def, longest first; docstrings not counted."""
    found = []
    for path in _files(".py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                first = node.body[0]
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                    length -= (first.end_lineno or first.lineno) - first.lineno + 1  # docstring
                found.append((length, f"{path.relative_to(ROOT)}:{node.name}"))
    return sorted(found, reverse=True)


_JS_START = re.compile(
    r"(?:function\s*\*?\s*(\w*)\s*\([^)]*\)\s*\{)"  # function name(...) {
    r"|(?:(\w+)\s*[:=]\s*(?:async\s*)?\([^)]*\)\s*=>\s*\{)"  # name = (...) => {
    r"|(?:(\w+)\s*[:=]\s*(?:async\s*)?\w+\s*=>\s*\{)"  # name = x => {
)


def _closing(text: str, start: int) -> int:
    """The index of the brace closing the one at ``start``, skipping strings and comments."""
    depth, i, quote = 0, start, ""
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif text.startswith("//", i):
            i = text.find("\n", i)
            if i < 0:
                return len(text)
        elif text.startswith("/*", i):
            i = text.find("*/", i) + 1
        elif c in "'\"`":
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(text)


def js_lengths(text: str) -> list[tuple[int, str]]:
    r"""(lines, name) of every function in JavaScript ``text``, arrow or named, in order.

    >>> js_lengths("function f(a) {\n  const g = (b) => {\n    return '}';\n  };\n}\n")
    [(5, 'f'), (3, 'g')]
    """
    found = []
    for match in _JS_START.finditer(text):
        name = next((g for g in match.groups() if g), "(anonymous)")
        end = _closing(text, match.end() - 1)
        found.append((text.count("\n", match.start(), end) + 1, name))
    return found


def js_functions() -> list[tuple[int, str]]:
    """(lines, 'file.js:function') for every function, longest first."""
    found = [
        (n, f"{path.relative_to(ROOT)}:{name}")
        for path in _files(".js")
        for n, name in js_lengths(path.read_text())
    ]
    return sorted(found, reverse=True)


def display_calls() -> tuple[list[str], list[str]]:
    """The modules a player's display calls into, and each call that turns back up.

    A call turns back when the callee imports the caller (directly or through
    others): the lower module calls up into one above it, through a callback
    or an object handed down, so the flow goes down, up and down again.
    """
    from tests.imports import import_graph

    out = subprocess.run(
        [sys.executable, "-c", _CALLS], cwd=ROOT, capture_output=True, text=True, check=True
    )
    found = json.loads(out.stdout)
    imports = import_graph(ROOT, PACKAGES)

    def below(module: str) -> set[str]:  # every module ``module`` imports, transitively
        seen, stack = set(), [module]
        while stack:
            for nxt, edge in imports.get(stack.pop(), {}).items():
                if nxt not in seen and not edge.late:  # Value.draw's late import is not a layer
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    back = [f"{a} -> {b}" for a, b in found["calls"] if a in below(b)]
    return found["modules"], back


def structure(cfg: object = None) -> tuple[Section, list[Target]]:
    """The workload: long modules, the longest functions, a player display's module calls."""
    modules = [
        (n, str(p.relative_to(ROOT)))
        for p in _files(".py") + _files(".js")
        if (n := _lines(p)) > LONG_MODULE
    ]
    py, js = python_functions(), js_functions()
    visited, back = display_calls()
    section = Section(
        "Code shape",
        [
            f"Modules over {LONG_MODULE} lines, the five longest functions in Python and in "
            "JavaScript, and the modules that `step_through(L)` passes through when Jupyter "
            "shows it (`_repr_mimebundle_`), with every call that turns back up: a module "
            "calling one that imports it (a callback or an object handed down), so the flow "
            "visits a module twice."
        ],
        ["what", "figure", "where"],
    )
    for n, where in sorted(modules, reverse=True):
        section.rows.append([f"module over {LONG_MODULE} lines", f"{n} lines", where])
    for label, found in (("Python", py), ("JavaScript", js)):
        for n, where in found[:5]:
            section.rows.append([f"long {label} function", f"{n} lines", where])
    section.rows.append(["modules a player's display runs", str(len(visited)), ", ".join(visited)])
    for path in back:
        section.rows.append(["a call turning back up", "", path])
    targets = [
        Target(f"no module over {LONG_MODULE} lines", f"{len(modules)} over", not modules),
        Target(
            f"no Python function over {LONG_PY} lines", f"longest {py[0][0]}", py[0][0] <= LONG_PY
        ),
        Target(f"no JS function over {LONG_JS} lines", f"longest {js[0][0]}", js[0][0] <= LONG_JS),
        Target(
            "a player's display visits no module twice",
            f"{len(back)} calls turning back up",
            not back,
        ),
    ]
    return section, targets


if __name__ == "__main__":
    result, found_targets = structure()
    print(result.markdown())
    for t in found_targets:
        print(" | ".join(t.row()))
