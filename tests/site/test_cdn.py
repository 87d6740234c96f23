"""A cell importing numpy or matplotlib asks Pyodide's CDN for them; offline, it fails clearly.

Chromium is offline as in test_site.py, and every request to the CDN's host is
recorded and refused (aborted): this checks which URL the kernel asks for and
what the learner then sees, not that the CDN serves the wheel (no network here).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.site.pages import KERNEL_MS, run_first_cell
from tests.site.serve import serve
from tests.site.test_package_list import canonical, cdn, npm_lock, runtime  # noqa: F401

pytestmark = pytest.mark.browser

CDN_HOST = "cdn.jsdelivr.net"


@contextmanager
def start_here_with_cdn(site: Path, browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """The landing notebook, its kernel idle; yields the page and the CDN URLs asked for.

    Requests to CDN_HOST are recorded and aborted; a request to any other host
    but 127.0.0.1 fails the test.
    """
    asked: list[str] = []
    refused: list[str] = []

    def local_or_cdn(route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        else:
            (asked if host == CDN_HOST else refused).append(route.request.url)
            route.abort()

    with serve(site) as (url, _):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", local_or_cdn)
        page = context.new_page()
        page.goto(url)
        page.locator(".jp-StatusBar-TextItem", has_text="Python (Pyodide) | Idle").wait_for(
            timeout=KERNEL_MS
        )
        yield page, asked
        context.close()
    assert not refused, f"requests off 127.0.0.1 and the CDN: {refused}"


def cdn_urls(roots: list[str], npm_lock: dict[str, Any], cdn: str, site: Path) -> set[str]:  # noqa: F811
    """The CDN URLs of ``roots`` and their dependencies, but those the site ships."""
    shipped = json.loads((site / "static" / "pyodide" / "pyodide-lock.json").read_text())
    local = {canonical(k) for k, e in shipped["packages"].items() if "://" not in e["file_name"]}
    needed, stack = set(), [canonical(root) for root in roots]
    while stack:
        name = stack.pop()
        if name not in needed:
            needed.add(name)
            stack += [canonical(dep) for dep in npm_lock[name]["depends"]]
    return {cdn + npm_lock[name]["file_name"] for name in needed - local}


def error_after(page: Any, code: str) -> tuple[str, float]:
    """Run ``code`` in the first cell; the error it shows and the seconds it took to show."""
    start = time.perf_counter()
    text = run_first_cell(page, code).filter(has_text="Error").first
    text.wait_for(timeout=KERNEL_MS)
    return text.inner_text(), time.perf_counter() - start


def test_importing_numpy_and_matplotlib_asks_pyodides_cdn_and_fails_clearly_offline(
    site: Path,
    offline_chromium: Any,
    npm_lock: dict[str, Any],  # noqa: F811
    cdn: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    with start_here_with_cdn(site, offline_chromium) as (page, asked):
        numpy_error, seconds = error_after(page, "import numpy as np")
        page.screenshot(path=str(tmp_path / "numpy_offline.png"))
        numpy_asked = list(asked)
        charts_error, _ = error_after(page, "import matplotlib.pyplot as plt")
        charts_asked = set(asked[len(numpy_asked) :])
        idle = page.locator(".jp-StatusBar-TextItem", has_text="Python (Pyodide) | Idle")
        idle.wait_for(timeout=KERNEL_MS)
    print(f"numpy's error shown {seconds:.1f} s after Shift+Enter; screenshot in {tmp_path}")
    assert numpy_asked == [cdn + npm_lock["numpy"]["file_name"]]
    assert "ModuleNotFoundError: No module named 'numpy'" in numpy_error
    assert charts_asked == cdn_urls(["matplotlib"], npm_lock, cdn, site)
    assert "ModuleNotFoundError: No module named 'matplotlib'" in charts_error
