"""Build the guided notebooks from their sources: ``make notebooks``.

Each notebook is written as a plain Python file in ``notebooks/src/`` in
jupytext's percent format (``# %%`` starts a code cell, ``# %% [markdown]`` a
text cell), so it is reviewed and edited as code. This script turns every
source into ``notebooks/NAME.ipynb``, executes it top to bottom in a fresh
kernel, and writes it with its outputs, so the graphs and charts show when the
notebook is viewed without running it. Nobody edits the ``.ipynb`` JSON by hand.

Regenerating does not churn the diff where it can help it: cell ids come
from the cells' text, no execution timing is recorded, the notebook metadata
holds no interpreter version, and a progress bar's carriage-return redraws
are collapsed to the line a viewer would see, and the memory address in a
default repr (the text fallback of a drawn graph) is dropped.

A live widget (the lab, the playground) is stored as its static snapshot
(``text/html``) only: its live view (:data:`WIDGET_VIEW`) needs the kernel that
made it, and a trusted notebook reopened without it would show "Loading
widget..." or "model not found" in its place; no widget state is saved either.
``jupyter trust`` (``make lab``) signs what is stored, so the snapshot shows.

    python notebooks/build.py            # every notebook
    python notebooks/build.py 01 04      # those whose name starts with 01 or 04

``tests/notebooks/test_notebooks.py`` checks that the committed notebooks are
what this script makes from the current sources.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jupytext
import nbformat
from nbclient import NotebookClient

from autograd.files import write_atomic

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "src"
#: A cell that runs longer than this fails the build: every cell should take a few seconds.
CELL_TIMEOUT = 60
#: The " at 0x7f..." of a default repr (a Digraph's text fallback): it changes every run.
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+(?=>)")
#: The MIME type of a widget's live view: never stored (see the module docstring).
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def sources() -> list[Path]:
    """Every notebook source, in name order."""
    return sorted(SOURCES.glob("*.py"))


def target(source: Path) -> Path:
    """Where the notebook built from ``source`` is written."""
    return HERE / f"{source.stem}.ipynb"


def build(source: Path) -> Any:
    """The notebook for ``source``, not yet executed, with stable ids and metadata."""
    nb = jupytext.read(source, fmt="py:percent")
    nb.metadata = nbformat.from_dict({"kernelspec": dict(KERNELSPEC)})
    seen: dict[str, int] = {}
    for cell in nb.cells:
        cell.metadata = nbformat.from_dict({})
        # The id is a hash of the cell's text, so editing one cell changes one id.
        digest = hashlib.sha1(f"{cell.cell_type}\n{cell.source}".encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        cell.id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
    return nb


def execute(nb: Any, cwd: Path) -> Any:
    """Run every cell of ``nb`` in a fresh kernel, raising at the first error; tidy outputs."""
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name=KERNELSPEC["name"],
        record_timing=False,
        store_widget_state=False,
    )
    client.execute(cwd=str(cwd))
    nb.metadata.pop("widgets", None)
    info = {k: v for k, v in nb.metadata.get("language_info", {}).items() if k != "version"}
    nb.metadata["language_info"] = info
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.metadata = nbformat.from_dict({})
            cell.outputs = tidy(cell.outputs)
    return nb


def tidy(outputs: list[Any]) -> list[Any]:
    """Join runs of one stream, collapse their redraws, drop addresses from plain text
    and widgets' live views.

    >>> import nbformat
    >>> shown = nbformat.v4.new_output(
    ...     "display_data", {WIDGET_VIEW: {"model_id": "1"}, "text/html": "<img>"}
    ... )
    >>> [sorted(o.data) for o in tidy([shown])]
    [['text/html']]
    """
    kept: list[Any] = []
    for output in outputs:
        if output.output_type == "stream":
            previous = kept[-1] if kept else None
            if previous is not None and previous.get("name") == output.name:
                previous.text += output.text
                continue
            kept.append(output)
        else:
            data = output.get("data", {})
            data.pop(WIDGET_VIEW, None)
            if "text/plain" in data:
                data["text/plain"] = ADDRESS.sub("", data["text/plain"])
            kept.append(output)
    for output in kept:
        if output.output_type == "stream":
            output.text = collapse_redraws(output.text)
    return [o for o in kept if o.output_type != "stream" or o.text.strip()]


def collapse_redraws(text: str) -> str:
    r"""What a terminal shows of ``text``: each line's last carriage-return redraw.

    >>> collapse_redraws("\rbar  0%\rbar 50%\rbar 100%\r\nnext\n")
    'bar 100%\nnext\n'
    """
    lines = re.split(r"\r?\n", text)
    return "\n".join(line.rstrip("\r").rsplit("\r", 1)[-1] for line in lines)


def write(nb: Any, path: Path) -> None:
    """Write ``nb`` to ``path`` atomically, in nbformat's layout."""
    nbformat.validate(nb)
    write_atomic(path, (nbformat.writes(nb) + "\n").encode("utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    """Build, execute and write the notebooks whose names start with any argument (all if none)."""
    prefixes = list(sys.argv[1:] if argv is None else argv)
    chosen = [s for s in sources() if not prefixes or s.stem.startswith(tuple(prefixes))]
    if not chosen:
        print(f"no notebook source in {SOURCES} matches {prefixes}", file=sys.stderr)
        return 1
    for source in chosen:
        start = time.perf_counter()
        nb = execute(build(source), HERE)
        write(nb, target(source))
        took = time.perf_counter() - start
        print(f"wrote {target(source).relative_to(HERE.parent)}  ({took:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
