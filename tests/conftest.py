"""Shared fixtures: optional oracles and external programs.

Locally, a test whose oracle or program is missing is skipped with the command
that installs it. In CI (``CI`` set), a missing one fails the test instead, so
CI can never pass by skipping.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from tests.jupyter import JupyterFolder, JupyterServer

IN_CI = bool(os.environ.get("CI"))

settings.register_profile("ci", max_examples=300, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if IN_CI else "dev")


def missing(what: str, install: str) -> None:
    """Skip (locally) or fail (in CI) because ``what`` is not installed."""
    message = f"needs {what}; install it with: {install}"
    if IN_CI:
        pytest.fail(f"{message} (CI must run this test, not skip it)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def torch() -> Any:
    """PyTorch in float64, the test oracle (the ``oracle`` extra)."""
    try:
        import torch
    except ImportError:
        missing("PyTorch", "make test ORACLE=1  (or: .venv/bin/pip install -e '.[oracle]')")
    torch.set_default_dtype(torch.float64)
    return torch


@pytest.fixture(scope="session")
def dot_program() -> str:
    """The path of Graphviz's ``dot`` executable (tests using it are ``needs_dot``)."""
    import shutil

    path = shutil.which("dot")
    if path is None:
        missing("Graphviz's dot", "make test  (or: sudo apt-get install graphviz)")
    return str(path)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium driven by playwright (tests using it are ``browser``)."""
    if not os.path.exists(CHROMIUM):
        missing(
            "Debian's Chromium at /usr/bin/chromium", "make test  (or: apt-get install chromium)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package", "make test  (or: .venv/bin/pip install playwright)")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def jupyter_installed() -> None:
    """JupyterLab 4, Notebook 7 and ipykernel, in this interpreter (which runs the server)."""
    import importlib.util

    for module in ("jupyterlab", "notebook", "ipykernel"):
        if importlib.util.find_spec(module) is None:
            missing(f"the {module} package", "make test  (or: .venv/bin/pip install -e '.[lab]')")


@pytest.fixture(scope="session")
def jupyter_session(
    jupyter_installed: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[JupyterServer]:
    """One real JupyterLab server, Notebook 7 included, shared by the session's tests."""
    from tests.jupyter import jupyter_server

    with jupyter_server(tmp_path_factory.mktemp("jupyter")) as server:
        yield server


@pytest.fixture
def jupyter(
    jupyter_session: JupyterServer, request: pytest.FixtureRequest
) -> Iterator[JupyterFolder]:
    """This test's own folder under the session's Jupyter server (tests using it are ``browser``).

    Write notebooks into ``jupyter.root`` and open ``jupyter.url(name)``; the
    kernels they started are shut down when the test ends.
    """
    from tests.jupyter import JupyterFolder

    name = "".join(c if c.isalnum() else "-" for c in request.node.name)[:40]
    folder = JupyterFolder(
        jupyter_session, Path(tempfile.mkdtemp(prefix=name, dir=jupyter_session.root))
    )
    yield folder
    folder.shut_down_kernels()
