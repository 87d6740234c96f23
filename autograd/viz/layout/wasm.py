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

from autograd.viz.layout.graphviz_program import CHEAP, STRAIN, strain
from autograd.viz.layout.limits import GraphvizNotFound

#: viz-js's file, next to Pyodide's runtime (Pyodide's indexURL) in the site.
VIZ_JS = "viz.js"
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
    here; a graph past ``STRAIN`` gets :data:`CHEAP_ATTRIBUTES` instead, as
    ``dot`` gets ``CHEAP``, and ``max_nodes`` (1000) bounds the rest.

    Attributes:
        url: where viz-js's ES module is; None (the default): ``viz.js`` next to
            Pyodide's runtime, where ``make site`` puts it.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = url
        self._viz: Any = None

    def _instance(self) -> Any:
        """viz-js's instance, imported and compiled at the first call (about 1.2 MB)."""
        if self._viz is None:
            import pyodide_js  # type: ignore[import-not-found]
            from pyodide.code import run_js  # type: ignore[import-not-found]
            from pyodide.ffi import run_sync  # type: ignore[import-not-found]

            url = self.url or pyodide_js._api.config.indexURL + VIZ_JS
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
        try:
            viz = self._instance()
        except ImportError as error:
            raise GraphvizNotFound(f"viz-js runs only in Pyodide ({error})") from None
        import js  # type: ignore[import-not-found]
        from pyodide.ffi import to_js

        options: dict[str, Any] = {"format": kind, "engine": engine}
        if strain(source) > STRAIN:  # defaults: the graph's own attributes still win
            options["graphAttributes"] = CHEAP_ATTRIBUTES
        result = viz.render(source, to_js(options, dict_converter=js.Object.fromEntries))
        said = "".join(
            e.message.rstrip() + "\n" for e in result.errors if not _NO_WIDTH.search(e.message)
        )
        if result.status != "success":
            raise ValueError(f"Graphviz (viz-js) could not lay the graph out:\n{said}")
        if said and not quiet:
            sys.stderr.write(said)
        output: str = result.output
        return output.encode()


__all__ = ["CHEAP_ATTRIBUTES", "FORMATS", "VIZ_JS", "VizJs", "in_browser", "lacks"]
