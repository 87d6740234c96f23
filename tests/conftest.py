"""Shared fixtures: optional oracles and external programs.

Locally, a test whose oracle or program is missing is skipped with the command
that installs it. In CI (``CI`` set), a missing one fails the test instead, so
CI can never pass by skipping.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings

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
