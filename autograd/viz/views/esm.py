"""One joiner for the front ends' ES modules: files that import one another, inlined as one.

The front ends are plain ES modules shipped as package data (``stage.js``,
``player.js``, ``lab.js``, ``nn/widgets/playground.js``), which import one
another by relative path (``import { mount } from "./stage.js";``), as a
browser would load them from the source tree. Nothing can be loaded at run
time, though: anywidget takes a widget's front end as one module from a string,
and a notebook output or a standalone page can carry only an inline script.
:func:`join` inlines an entry module and what it imports, each dependency in a
scope of its own whose exports become a constant, once, in import order:

- ``module`` (anywidget's ``_esm``): the entry stays a module, its own
  ``export``s kept;
- ``script`` (``<script>`` in a page): the entry is scoped as its dependencies
  are, and its exports become local names the page's code calls.

Only the forms the front ends use are understood: ``import { a, b as c } from
"<relative path>";``, ``export function f``, ``export const x`` and, in an
entry module, ``export default``.

>>> source = join("autograd.viz.web", "player.js", script=True, comments=False)
>>> "function render(" in source and "export " not in source
True
>>> "const { render } = __player;" in source and source.count("function usePalette(") == 1
True
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cache
from graphlib import TopologicalSorter
from importlib.resources import files

_IMPORT = re.compile(r'^import \{([^}]*)\} from "([^"]+)";\n', re.M)
_EXPORT = re.compile(r"^export (function|const|let) (\w+)", re.M)


@dataclass(frozen=True)
class _Module:
    path: str  # "autograd/viz/web/stage.js"
    text: str
    imports: tuple[tuple[str, str], ...]  # (names as written, path imported)
    exports: tuple[str, ...]


def _resolve(base: str, spec: str) -> str:
    if not spec.startswith("."):
        raise ValueError(f"an ES module imports only by relative path, got {spec!r}")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), spec))


@cache
def _read(path: str) -> _Module:
    package, name = posixpath.split(path)
    text = files(package.replace("/", ".")).joinpath(name).read_text(encoding="utf-8")
    imports = tuple((names, _resolve(path, spec)) for names, spec in _IMPORT.findall(text))
    return _Module(path, text, imports, tuple(m.group(2) for m in _EXPORT.finditer(text)))


def _local(path: str) -> str:
    """The constant a module's exports are held in: ``__stage`` for ``.../stage.js``."""
    return "__" + re.sub(r"\W", "_", posixpath.basename(path).removesuffix(".js"))


def _body(module: _Module, *, entry: bool) -> str:
    """The module's text with its imports bound from the constants, and (unless it is the
    entry of a module) its exports made plain declarations."""

    def bind(found: re.Match[str]) -> str:
        names = ", ".join(
            n.strip().replace(" as ", ": ") for n in found.group(1).split(",") if n.strip()
        )
        return f"const {{ {names} }} = {_local(_resolve(module.path, found.group(2)))};\n"

    text = _IMPORT.sub(bind, module.text)
    return text if entry else _EXPORT.sub(r"\1 \2", text)


def _scoped(module: _Module) -> str:
    if "export default" in module.text:
        raise ValueError(f"{module.path}: only an entry module may have a default export")
    exports = ", ".join(module.exports)
    return (
        f"const {_local(module.path)} = (() => {{\n{_body(module, entry=False)}\n"
        f"return {{ {exports} }};\n}})();"
    )


def _order(entry: str) -> list[_Module]:
    """The entry and every module it imports, each after the ones it imports."""
    graph: dict[str, set[str]] = {}
    todo = [entry]
    while todo:  # an explicit stack: no recursion over the imports
        path = todo.pop()
        if path not in graph:
            graph[path] = {p for _, p in _read(path).imports}
            todo.extend(graph[path])
    return [_read(path) for path in TopologicalSorter(graph).static_order()]


@cache
def join(package: str, entry: str, *, script: bool = False, comments: bool = True) -> str:
    """``entry`` of ``package`` (a file name) and every module it imports, as one text.

    ``script``: a plain script whose entry's exports are local names, else an
    ES module. ``comments=False`` leaves out whole-line ``//`` comments (a
    script every notebook output carries a copy of).

    Raises:
        ValueError: a module imports other than by relative path, a dependency
            has a default export, or the text would end an inline ``<script>``.
    """
    modules = _order(package.replace(".", "/") + "/" + entry)
    *needed, main = modules
    parts = [f"// ---- {m.path}\n{_scoped(m)}" for m in needed]
    if script:
        exports = ", ".join(main.exports)
        parts.append(
            f"// ---- {main.path}\n{_scoped(main)}\nconst {{ {exports} }} = {_local(main.path)};"
        )
    else:
        parts.append(f"// ---- {main.path}\n{_body(main, entry=True)}")
    text = "\n".join(parts)
    if not comments:
        text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    if "</script" in text.lower():
        raise ValueError(f"{entry} must not contain '</script'")
    return text


__all__ = ["join"]
