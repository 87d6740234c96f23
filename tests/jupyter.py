"""Playwright helpers that drive a real JupyterLab 4 / Notebook 7 as a user does.

Outputs are checked where users meet them: :func:`jupyter_server` (from
:mod:`tests.jupyter_server`) starts a real server on 127.0.0.1, and these
helpers drive it as a user does::

    with jupyter_server(root) as server:
        page = browser.new_page()
        open_notebook(page, server.url("probe.ipynb"))
        run_cell(page, 2)
        assert cell_outputs(page, 2).inner_text() == "live"

Cells are numbered as in ``nbformat``'s ``nb.cells``: from 0, markdown cells included.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

from tests.jupyter_server import (
    PAGE_TIMEOUT,
    JupyterError,
    JupyterFolder,
    JupyterServer,
    jupyter_server,
)

__all__ = [
    "JupyterError",
    "JupyterFolder",
    "JupyterServer",
    "cell_outputs",
    "is_trusted",
    "jupyter_server",
    "open_notebook",
    "run_cell",
]

# Lab binds "Accel Enter" to run a cell: Cmd on macOS, Ctrl elsewhere.
_RUN_KEY = "Meta+Enter" if sys.platform == "darwin" else "Control+Enter"
_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # Lab keeps other tabs' panels, hidden
_CELLS = f"{_PANEL} .jp-Notebook .jp-Cell"
_STATUS = f"{_PANEL} .jp-Notebook-ExecutionIndicator"  # in both Lab's and Notebook 7's toolbar


# True once the panel shows every cell, every stored output and rendered markdown,
# and its kernel is idle: Lab attaches cells and outputs some time after the first.
_READY_JS = """([cellsSelector, statusSelector, count, outputs, markdown]) => {
  const cells = document.querySelectorAll(cellsSelector);
  const status = document.querySelector(statusSelector);
  return cells.length === count
    && outputs.every(i => cells[i].querySelector('.jp-OutputArea-output'))
    && markdown.every(i => cells[i].classList.contains('jp-mod-rendered'))
    && status !== null && status.dataset.status === 'idle';
}"""

# Closes notification toasts and answers dialogs: the kernel chooser by taking the
# kernel it proposes, any other by its cancel button. Returns the dialogs' texts.
_DISMISS_JS = """() => {
  document.querySelectorAll('.jp-Notification-Toast-Close').forEach(b => b.click());
  return [...document.querySelectorAll('.jp-Dialog')].map(dialog => {
    const chooser = dialog.querySelector('.jp-Dialog-body select') !== null;
    const button = dialog.querySelector(chooser ? '.jp-mod-accept' : '.jp-mod-reject');
    (button || dialog.querySelector('.jp-Dialog-button'))?.click();
    return dialog.innerText;
  });
}"""

# Resolves once `node` has gone `quiet` ms without a change, or after `most` ms:
# renderers (HTML, Markdown, images) finish asynchronously after they are attached.
_SETTLE_JS = """(node, [quiet, most]) => new Promise(resolve => {
  const start = performance.now();
  const done = () => { observer.disconnect(); resolve(); };
  let timer = setTimeout(done, quiet);
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(done, performance.now() - start > most ? 0 : quiet);
  });
  observer.observe(node, {childList: true, subtree: true, characterData: true});
})"""

# Watches a cell's prompt: "[*]:" while it runs, then "[n]:". Seeing "[*]:" first
# matters, as a fresh kernel may give the cell the very count it had stored.
_ARM_JS = """cell => {
  const prompt = cell.querySelector('.jp-InputPrompt');
  cell.chainruleRun = 'armed';
  const observer = new MutationObserver(() => {
    const text = prompt.textContent.trim();
    if (text === '[*]:') cell.chainruleRun = 'running';
    else if (cell.chainruleRun === 'running' && /^\\[\\d+\\]:$/.test(text)) {
      cell.chainruleRun = 'done';
      observer.disconnect();
    }
  });
  observer.observe(prompt, {childList: true, subtree: true, characterData: true});
}"""


def nbconvert_html(notebook: Path, folder: Path) -> Path:
    """The HTML page ``jupyter nbconvert --to html`` makes of ``notebook`` in ``folder``."""
    jupyter = Path(sys.executable).with_name("jupyter")
    subprocess.run(
        [str(jupyter), "nbconvert", "--to", "html", str(notebook), "--output-dir", str(folder)],
        check=True,
        capture_output=True,
    )
    return folder / notebook.with_suffix(".html").name


@contextmanager
def notebook_page(
    chromium: Any, session: JupyterServer, name: str, sources: Sequence[str]
) -> Iterator[Page]:
    """A 1280x800 page (the file browser open) on a new notebook ``name`` of ``sources``, in
    a folder of its own under ``session``'s root, its first cell run; afterwards the page
    closes and its kernels shut down."""
    import nbformat

    folder = JupyterFolder(session, Path(tempfile.mkdtemp(dir=session.root)))
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nbformat.write(notebook, folder.root / name)
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    try:
        open_notebook(page, folder.url(name))
        run_cell(page, 0, timeout=180)
        yield page
    finally:
        page.close()
        folder.shut_down_kernels()


def open_notebook(page: Page, url: str, timeout: float = PAGE_TIMEOUT) -> None:
    """Open ``url`` and wait until the notebook shows all its cells and its kernel is idle.

    Dialogs and toasts are answered or closed as they come, so nothing covers the notebook.

    Raises:
        JupyterError: not rendered within ``timeout`` seconds; says what was missing.
    """
    notebook = _Notebook.at(url)
    count, outputs, markdown = notebook.cells(page)
    page.goto(url)
    dialogs: list[str] = []
    deadline = time.monotonic() + timeout
    while not (
        page.evaluate(_READY_JS, [_CELLS, _STATUS, count, outputs, markdown])
        and notebook.kernel_connected(page)
    ):
        dialogs += [text for text in page.evaluate(_DISMISS_JS) if text not in dialogs]
        if time.monotonic() > deadline:
            raise JupyterError(
                f"{url} did not show its {count} cells, outputs and an idle kernel "
                f"within {timeout:.0f} s: {_state(page)}, dialogs {dialogs}"
            )
        page.wait_for_timeout(100)
    page.evaluate(_DISMISS_JS)
    _settle(page.locator(f"{_PANEL} .jp-Notebook"))


def run_cell(page: Page, index: int, timeout: float = PAGE_TIMEOUT) -> None:
    """Run cell ``index`` (counting all cells from 0) as a user does, and wait for its outputs.

    Clicks into the cell and presses Ctrl+Enter (Cmd+Enter on macOS), which runs it
    in place (Shift+Enter on the last cell would add a new one), then waits until
    its prompt shows an execution count, the kernel is idle and the outputs have
    rendered.

    Raises:
        ValueError: cell ``index`` is not a code cell.
        JupyterError: it did not finish within ``timeout`` seconds, or a dialog opened.
    """
    cell = _cell(page, index)
    if "jp-CodeCell" not in (cell.get_attribute("class") or "").split():
        raise ValueError(f"cell {index} is not a code cell: {cell.get_attribute('class')}")
    cell.evaluate(_ARM_JS)
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press(_RUN_KEY)
    deadline = time.monotonic() + timeout
    while cell.evaluate("cell => cell.chainruleRun") != "done" or _kernel_status(page) != "idle":
        dialog = page.locator(".jp-Dialog")
        if dialog.count() or time.monotonic() > deadline:
            raise JupyterError(
                f"cell {index} did not finish within {timeout:.0f} s: {_state(page)}, "
                f"dialog {dialog.all_inner_texts()}"
            )
        page.wait_for_timeout(50)
    _settle(cell)


def cell_outputs(page: Page, index: int) -> Locator:
    """The rendered outputs of cell ``index`` (counting all cells from 0), one per output."""
    return _cell(page, index).locator(".jp-OutputArea-output")


def is_trusted(page: Page) -> bool:
    """Whether the open notebook is trusted: every code cell's outputs may run scripts.

    Lab says so in its status bar ("Notebook trusted: 2 of 2 code cells trusted."),
    Notebook 7 on the button beside the kernel ("Trusted" or "Not Trusted").
    """
    lab = page.locator(".jp-StatusItem-trust")
    if lab.count():
        return (lab.get_attribute("title") or "").startswith("Notebook trusted")
    return page.locator(".jp-NotebookTrustedStatus").inner_text().strip() == "Trusted"


@dataclass(frozen=True)
class _Notebook:
    """A notebook as the server's REST API knows it: its path and where to ask."""

    origin: str
    path: str
    token: str

    @classmethod
    def at(cls, url: str) -> _Notebook:
        parts = urlsplit(url)
        for route in ("/tree/", "/notebooks/"):
            if route in parts.path:
                path = unquote(parts.path.split(route, 1)[1])
                token = parse_qs(parts.query).get("token", [""])[0]
                return cls(f"{parts.scheme}://{parts.netloc}", path, token)
        raise ValueError(f"not the URL of a notebook in Lab or Notebook 7: {url}")

    def api(self, page: Page, endpoint: str) -> Any:
        return page.request.get(f"{self.origin}/api/{endpoint}?token={self.token}").json()

    def cells(self, page: Page) -> tuple[int, list[int], list[int]]:
        """How many cells it has, which have outputs, which are markdown."""
        cells = self.api(page, f"contents/{quote(self.path)}")["content"]["cells"]
        outputs = [i for i, cell in enumerate(cells) if cell.get("outputs")]
        markdown = [i for i, cell in enumerate(cells) if cell["cell_type"] == "markdown"]
        return len(cells), outputs, markdown

    def kernel_connected(self, page: Page) -> bool:
        """Whether its kernel is idle with a page connected: until then the toolbar
        shows "idle" by default, before Lab has even asked for a kernel."""
        return any(
            session["path"] == self.path
            and session["kernel"]["execution_state"] == "idle"
            and session["kernel"]["connections"] > 0
            for session in self.api(page, "sessions")
        )


def _cell(page: Page, index: int) -> Locator:
    count = page.locator(_CELLS).count()
    if not 0 <= index < count:
        raise IndexError(f"no cell {index}: the notebook shows {count} cells")
    return page.locator(_CELLS).nth(index)


def _state(page: Page) -> str:
    """What the page shows, for error messages: prompts, kernel status, focus."""
    prompts = page.locator(f"{_CELLS} .jp-InputPrompt").all_inner_texts()
    focus = page.evaluate("document.activeElement?.className")
    return f"prompts {prompts}, kernel {_kernel_status(page)!r}, focus on {focus!r}"


def _kernel_status(page: Page) -> str | None:
    status = page.locator(_STATUS)
    return status.get_attribute("data-status") if status.count() else None


def _settle(node: Locator, quiet: float = 0.2, most: float = 3.0) -> None:
    node.evaluate(_SETTLE_JS, [quiet * 1000, most * 1000])
