"""A real JupyterLab 4 / Notebook 7 server and playwright helpers, for tests of notebook outputs.

Outputs are checked where users meet them: :func:`jupyter_server` starts the
project's own ``jupyter lab`` on 127.0.0.1 (Notebook 7 is served by the same
server), with fresh data, config and runtime folders, so no notebook is trusted
and no user setting leaks in. The page helpers drive it as a user does::

    with jupyter_server(root) as server:
        page = browser.new_page()
        open_notebook(page, server.url("probe.ipynb"))
        run_cell(page, 2)
        assert cell_outputs(page, 2).inner_text() == "live"

Cells are numbered as in ``nbformat``'s ``nb.cells``: from 0, markdown cells included.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import parse_qs, quote, unquote, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

START_TIMEOUT = 60.0  # seconds; the server answers in about 4 s on the CI machine
STOP_GRACE = 10.0  # seconds between SIGTERM (kernels shut down cleanly) and SIGKILL
PAGE_TIMEOUT = 60.0  # seconds for a notebook to render, or a cell to run

#: User settings of the throwaway config dir, as "plugin id": {setting: value}.
_SETTINGS: dict[str, dict[str, Any]] = {
    # "Would you like to get notified about official Jupyter news?" would cover the
    # bottom right of the notebook; "false" never asks and never fetches.
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Autosave would rewrite the test's notebook behind its back.
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}

# Lab binds "Accel Enter" to run a cell: Cmd on macOS, Ctrl elsewhere.
_RUN_KEY = "Meta+Enter" if sys.platform == "darwin" else "Control+Enter"
_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # Lab keeps other tabs' panels, hidden
_CELLS = f"{_PANEL} .jp-Notebook .jp-Cell"
_STATUS = f"{_PANEL} .jp-Notebook-ExecutionIndicator"  # in both Lab's and Notebook 7's toolbar


class JupyterError(RuntimeError):
    """The Jupyter server did not come up, or a notebook did not render or run in time."""


@dataclass
class JupyterServer:
    """A running server: where it listens, its token, the folder it serves, its output."""

    base: str
    token: str
    root: Path
    process: subprocess.Popen[bytes]
    log_path: Path

    def url(self, path: str | Path, ui: Literal["lab", "notebook"] = "lab") -> str:
        """The URL that opens notebook ``path`` (relative to root, or inside it) in ``ui``.

        Lab's URL carries ``reset``: Lab would otherwise reopen the tabs that an
        earlier test left in its saved workspace, each starting a kernel.
        """
        if ui not in ("lab", "notebook"):
            raise ValueError(f"ui must be 'lab' or 'notebook', got {ui!r}")
        path = Path(path)
        if path.is_absolute():
            path = path.relative_to(self.root)  # ValueError when outside the root
        route = "lab/tree" if ui == "lab" else "notebooks"
        reset = "reset&" if ui == "lab" else ""
        return f"{self.base}/{route}/{quote(path.as_posix())}?{reset}token={self.token}"

    def log(self) -> str:
        """The server's output (stdout and stderr) so far."""
        return self.log_path.read_text(errors="replace")

    def api(self, method: str, endpoint: str) -> Any:
        """The decoded JSON answer of REST ``endpoint`` (``"sessions"``, ...), None if empty."""
        request = urllib.request.Request(
            f"{self.base}/api/{endpoint}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        # No proxy: an HTTP_PROXY in the environment must not see loopback traffic.
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
            request, timeout=10
        ) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def child_pids(self) -> list[int]:
        """The server's child processes, its kernels (Linux, read from /proc; else [])."""
        pids: list[int] = []
        for children in Path("/proc", str(self.process.pid), "task").glob("*/children"):
            with contextlib.suppress(OSError):  # the thread or process just ended
                pids += [int(pid) for pid in children.read_text().split()]
        return pids


@contextlib.contextmanager
def jupyter_server(root: Path) -> Iterator[JupyterServer]:
    """Run ``jupyter lab`` serving the notebooks under ``root`` until the block ends.

    Raises:
        JupyterError: the server exited, or did not answer within START_TIMEOUT;
            the message holds its log.
    """
    root = Path(root).resolve()
    if not root.is_dir():
        raise NotADirectoryError(f"jupyter_server needs an existing folder to serve, got {root}")
    home = Path(tempfile.mkdtemp(prefix="chainrule-jupyter-"))
    token = secrets.token_hex(16)
    log_path = home / "server.log"
    try:
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                _command(root, token),
                env=_environment(home),
                cwd=root,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
            )
        server = JupyterServer("", token, root, process, log_path)
        try:
            _wait_until_up(server, home / "runtime")
            yield server
        finally:
            _stop(server)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _command(root: Path, token: str) -> list[str]:
    return [
        *(sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root"),
        # Port 0: the server picks a free port and writes it to its runtime file.
        *("--ip=127.0.0.1", "--port=0", f"--IdentityProvider.token={token}"),
        f"--ServerApp.root_dir={root}",
        *(
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ),
        # No signature database on disk: every notebook opens untrusted.
        "--NotebookNotary.db_file=:memory:",
        # jupyter_lsp would look for language servers, running `npm prefix -g` (about a
        # CPU second) at start; they serve editors, never outputs.
        "--LanguageServerManager.autodetect=False",
    ]


def _environment(home: Path) -> dict[str, str]:
    """Fresh Jupyter folders, holding the settings above and this interpreter's kernel."""
    folders = {name: home / name for name in ("data", "config", "runtime", "ipython")}
    env = {**os.environ, **{f"JUPYTER_{n.upper()}_DIR": str(p) for n, p in folders.items()}}
    env["IPYTHONDIR"] = env.pop("JUPYTER_IPYTHON_DIR")  # no user profile or startup files
    for plugin, values in _SETTINGS.items():
        package, name = plugin.split(":")
        file = (
            folders["config"] / "lab" / "user-settings" / package / f"{name}.jupyterlab-settings"
        )
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(values))
    # JUPYTER_PATH comes first on Jupyter's data path, before the venv's share/jupyter
    # (which, in a venv, jupyter_core puts before the data dir): python3 is this interpreter.
    env["JUPYTER_PATH"] = os.pathsep.join(
        filter(None, [env["JUPYTER_DATA_DIR"], env.get("JUPYTER_PATH")])
    )
    kernel = folders["data"] / "kernels" / "python3"
    kernel.mkdir(parents=True)
    spec = find_spec("ipykernel")
    if spec is not None and spec.origin is not None:  # its logos, or the page fetches a 404
        shutil.copytree(Path(spec.origin).parent / "resources", kernel, dirs_exist_ok=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec_json = {"argv": argv, "display_name": "Python 3 (ipykernel)", "language": "python"}
    (kernel / "kernel.json").write_text(json.dumps(spec_json))
    return env


# Loaded here, not between fork and exec, where loading a library can deadlock.
_LIBC = ctypes.CDLL(None) if sys.platform == "linux" else None


def _die_with_parent() -> None:
    """In the server's process: get SIGTERM if the test process dies without stopping it.

    Strictly, when the thread that started it ends: start servers from the main thread.
    """
    if _LIBC is not None:
        _LIBC.prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


def _wait_until_up(server: JupyterServer, runtime: Path) -> None:
    """Set the server's base URL, once its status API answers there."""
    info = runtime / f"jpserver-{server.process.pid}.json"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise JupyterError(
                f"the Jupyter server exited with {server.process.returncode} before it "
                f"answered; its log:\n{server.log()}"
            )
        with contextlib.suppress(OSError, ValueError, KeyError):  # not written or not up yet
            server.base = f"http://127.0.0.1:{json.loads(info.read_text())['port']}"
            server.api("GET", "status")
            return
        time.sleep(0.1)
    raise JupyterError(
        f"the Jupyter server did not answer within {START_TIMEOUT:.0f} s; its log:\n{server.log()}"
    )


def _stop(server: JupyterServer) -> None:
    """SIGTERM (the server shuts its kernels down), SIGKILL after STOP_GRACE; no kernel left."""
    kernels = server.child_pids()
    server.process.terminate()
    try:
        server.process.wait(STOP_GRACE)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    # Each kernel leads its own process group (jupyter_client starts it in a new session).
    for pid in kernels:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)


@dataclass(frozen=True)
class JupyterFolder:
    """A test's own folder under a running server's root: where its notebooks go.

    A server keeps one kernel per notebook path, across pages, so a test reusing
    another's path would inherit its variables; a folder per test prevents that.
    """

    server: JupyterServer
    root: Path

    def url(self, name: str, ui: Literal["lab", "notebook"] = "lab") -> str:
        """The URL that opens notebook ``name`` of this folder in ``ui``."""
        return self.server.url(self.root / name, ui)

    def shut_down_kernels(self) -> None:
        """Shut down the kernels of this folder's notebooks (the server keeps them running)."""
        for session in self.server.api("GET", "sessions"):
            if Path(self.server.root, session["path"]).is_relative_to(self.root):
                self.server.api("DELETE", f"sessions/{session['id']}")


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
