"""The Graphviz-in-WebAssembly backend: viz-js, in Pyodide's kernel (the JupyterLite site).

In Pyodide (``sys.platform == "emscripten"``) no program can be run, so
:mod:`autograd.viz.layout.backends` chooses :class:`VizJs`: Graphviz 16.1.0
compiled to WebAssembly (the npm package ``@viz-js/viz``, MIT), which the site
serves next to Pyodide's runtime (``static/pyodide/viz.js``, ``make site``).
It is imported into the kernel's web worker at the first layout, and called
synchronously from Python (``pyodide.ffi.run_sync``, which needs JSPI: Chromium
has it). Its SVG has the ids, classes and titles ``dot``'s has, so the SVG
tagging reads it unchanged.

``js`` and ``pyodide`` are imported here only, and only when laying out: on
CPython this module imports nothing from Pyodide.

>>> VizJs().lay_out("digraph { a }", "png", timeout=1.0)
Traceback (most recent call last):
...
autograd.viz.layout.limits.GraphvizNotFound: PNG is not drawn in the browser: ...
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from autograd.viz.layout.graphviz_program import CHEAP, STRAIN, size, strain
from autograd.viz.layout.limits import GraphvizNotFound, GraphvizTooLarge

#: viz-js's file, next to the wheels of Pyodide's lock (``lockfileBaseUrl``) in the site.
VIZ_JS = "viz.js"
#: The most nodes viz-js is given: a WebAssembly call cannot be stopped, so this
#: size limit, checked before layout, stands in for the time limit. Measured in
#: Node 20 (the same wasm; Chromium within 10 %), past ``STRAIN`` with the cheap
#: settings: the slowest graph of at most 1,000 nodes found took 3.2 s
#: (``x + ... + x``, 499 terms, ``flow=True``: 998 nodes; 3.5 s in Chromium);
#: ``1*x + ... + k*x`` with ``flow=True`` took 2.3 s at 993 nodes, 10 s at 1,503,
#: 31 s at 2,003 and 117 s at 3,003; and ``x + ... + x`` of 750 terms (1,500
#: nodes) ran out of memory after 5 s, which leaves the instance unusable.
#: The same as ``step_through``'s default ``max_nodes``.
MAX_NODES = 1000
#: What MAX_NODES was set from, as the refusal says it.
MEASURED = "a 2,003-node graph took 31 s and a 1,500-node one ran out of memory"
#: The output formats viz-js 3.31.0 writes (its ``formats``, read in the site):
#: SVG and Graphviz's text formats; no PNG, JPEG or PDF (they need cairo).
FORMATS = frozenset(
    {"canon", "cmap", "cmapx", "cmapx_np", "dot", "dot_json", "eps", "fig", "gv", "imap"}
    | {"imap_np", "ismap", "json", "json0", "pic", "plain", "plain-ext", "pov", "ps", "ps2"}
    | {"svg", "svg_inline", "tk", "xdot", "xdot1.2", "xdot1.4", "xdot_json"}
)

#: :data:`~.graphviz_program.CHEAP` as viz-js's ``graphAttributes``, for a graph
#: past ``STRAIN``. viz-js is as slow as ``dot`` there (measured in Chromium:
#: ``x + ... + x`` of 40 terms with ``flow=True``, strain 310,349: 1,572 ms, and
#: 13 ms with these; 150 terms, 300 nodes: 395 ms with these).
CHEAP_ATTRIBUTES = dict(option.removeprefix("-G").split("=") for option in CHEAP)
# Graphviz's warning for each non-ASCII byte it cannot size (the player's "·"):
# it sizes such text by a space's width, a few points off.
_NO_WIDTH = re.compile(r"no value for width of non-ASCII character")


#: Why no picture is drawn in a browser without JSPI (WebAssembly's JavaScript
#: Promise Integration), which ``run_sync`` needs: in Chrome and Edge from 137
#: (May 2025); not yet in Firefox or Safari.
NO_JSPI = (
    "pictures are laid out in the browser by Graphviz in WebAssembly, called through "
    "JavaScript Promise Integration (JSPI), which this browser lacks: open the site in "
    "Chrome or Edge 137 or later; the DOT text is still available as .source "
    "(or autograd.viz.to_dot)"
)
#: The backend, in words, in its messages.
PROGRAM = "viz-js (Graphviz in WebAssembly)"


def _beside_the_lock(base: str | None) -> str:
    """viz-js's URL: VIZ_JS in the folder Pyodide's lock resolves its wheels against.

    >>> _beside_the_lock("https://example.org/static/pyodide/pyodide-lock.json")
    'https://example.org/static/pyodide/viz.js'
    >>> _beside_the_lock("/static/pyodide/")
    '/static/pyodide/viz.js'
    """
    if not base:
        raise ImportError("Pyodide names no folder for its lock's packages (lockfileBaseUrl)")
    return base.rsplit("/", 1)[0] + "/" + VIZ_JS


def in_browser() -> bool:
    """Whether Python runs in WebAssembly (Pyodide), where no program can be run."""
    return sys.platform == "emscripten"


def lacks(fmt: str) -> str:
    """The one line when viz-js cannot write ``fmt`` (PNG, PDF).

    >>> print(lacks("png:cairo").split(":")[0])
    PNG is not drawn in the browser
    """
    kind = fmt.split(":")[0].upper()
    return (
        f"{kind} is not drawn in the browser: Graphviz in WebAssembly (viz-js) "
        f"writes SVG, not {kind}; write .svg, or {kind} with Graphviz on a computer"
    )


class VizJs:
    """Lays DOT text out with viz-js (Graphviz in WebAssembly) in Pyodide's web worker.

    A WebAssembly call cannot be interrupted, so ``timeout`` is not enforced
    here: a graph of more than ``max_nodes`` nodes is refused before layout
    (:class:`~.limits.GraphvizTooLarge`), and a graph past ``STRAIN`` gets
    :data:`CHEAP_ATTRIBUTES`, as ``dot`` gets ``CHEAP``.

    Attributes:
        url: where viz-js's ES module is; None (the default): ``viz.js`` next to
            the wheels of Pyodide's lock, where ``make site`` puts it.
        max_nodes: the most nodes laid out (:data:`MAX_NODES`, from measurements).

    >>> nodes = "".join(f"\\tn{i} [label=x]\\n" for i in range(1001))
    >>> VizJs().lay_out("digraph {\\n" + nodes + "}\\n", "svg", timeout=60.0)
    Traceback (most recent call last):
    ...
    autograd.viz.layout.limits.GraphvizTooLarge: viz-js (Graphviz in WebAssembly) lays out \
graphs of at most 1000 nodes, and this one has 1001 nodes and 0 edges; ...
    """

    def __init__(self, url: str | None = None, max_nodes: int = MAX_NODES) -> None:
        self.url = url
        self.max_nodes = max_nodes
        self._viz: Any = None

    def _instance(self) -> Any:
        """viz-js's instance, imported and compiled at the first call (about 1.2 MB)."""
        if self._viz is None:
            import pyodide_js  # type: ignore[import-not-found]
            from pyodide.code import run_js  # type: ignore[import-not-found]
            from pyodide.ffi import can_run_sync, run_sync  # type: ignore[import-not-found]

            if not can_run_sync():
                raise GraphvizNotFound(NO_JSPI)
            url = self.url or _beside_the_lock(pyodide_js.lockfileBaseUrl)
            module = run_sync(run_js(f"import({json.dumps(url)})"))
            self._viz = run_sync(module.instance())
        return self._viz

    def lay_out(
        self, source: str, fmt: str, *, engine: str = "dot", timeout: float, quiet: bool = False
    ) -> bytes:
        """viz-js's output for ``source`` as ``fmt`` (its renderer and formatter ignored).

        Raises:
            GraphvizNotFound: viz-js does not write ``fmt`` (PNG, PDF), or it
                cannot be loaded (not in Pyodide).
            ValueError: Graphviz failed on ``source``; its messages.
        """
        kind = fmt.split(":")[0]
        if kind not in FORMATS:
            raise GraphvizNotFound(lacks(fmt))
        nodes, edges = size(source)
        if nodes > self.max_nodes:
            raise GraphvizTooLarge(nodes, edges, self.max_nodes, PROGRAM, MEASURED)
        try:
            viz = self._instance()
        except ImportError as error:
            raise GraphvizNotFound(f"viz-js runs only in Pyodide ({error})") from None
        import js  # type: ignore[import-not-found]
        from pyodide.ffi import to_js

        options: dict[str, Any] = {"format": kind, "engine": engine}
        if strain(source) > STRAIN:  # defaults: the graph's own attributes still win
            options["graphAttributes"] = CHEAP_ATTRIBUTES
        from pyodide.ffi import JsException

        try:
            result = viz.render(source, to_js(options, dict_converter=js.Object.fromEntries))
        except JsException as error:  # out of memory: the instance is left unusable
            self._viz = None
            raise ValueError(
                f"{PROGRAM} failed on a graph of {nodes} nodes and {edges} edges ({error}); "
                "draw a smaller graph"
            ) from None
        said = "".join(
            e.message.rstrip() + "\n" for e in result.errors if not _NO_WIDTH.search(e.message)
        )
        if result.status != "success":
            raise ValueError(f"Graphviz (viz-js) could not lay the graph out:\n{said}")
        if said and not quiet:
            sys.stderr.write(said)
        output: str = result.output
        return output.encode()


__all__ = [
    "CHEAP_ATTRIBUTES",
    "FORMATS",
    "MAX_NODES",
    "NO_JSPI",
    "VIZ_JS",
    "VizJs",
    "in_browser",
    "lacks",
]
