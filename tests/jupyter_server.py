"""A real JupyterLab 4 / Notebook 7 server for tests: started on 127.0.0.1, stopped after.

:func:`jupyter_server` starts the project's own ``jupyter lab`` (Notebook 7 is
served by the same server) with fresh data, config and runtime folders, so no
notebook is trusted and no user setting leaks in. The page helpers that drive
it as a user does are in :mod:`tests.jupyter`.
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
from urllib.parse import quote

if TYPE_CHECKING:
    pass

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
