"""Workload 12: the JupyterLite site (``make site``): its size, and how soon its kernel is ready.

The site is built as ``make site`` builds it (site/build.py, with its download
cache, so the time is a rebuild's), then served on 127.0.0.1 and opened in
headless Chromium, offline (tests/site/'s settings), as a learner opens it:
the time from the page's first request until JupyterLab says "Python (Pyodide)
| Idle", and what was fetched until then. The size counts the site's files
but the documentation pages (``_site/docs/``), which are reported on their own.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.report import Section, Target

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_site"
#: The issue's targets: the site without its docs pages, and the kernel's start.
MAX_MB, MAX_READY = 60.0, 15.0


def megabytes(folder: Path, *, without: Path | None = None) -> float:
    """The size of the files under ``folder`` (those under ``without`` left out), in MB."""
    files = (p for p in folder.rglob("*") if p.is_file())
    kept = (p for p in files if without is None or not p.is_relative_to(without))
    return sum(p.stat().st_size for p in kept) / 1e6


def kernel_ready(browser: Any) -> tuple[float, int, float]:
    """Seconds from opening the site to an idle kernel (tests/site/'s ``start_here``, which
    also fails on any request off 127.0.0.1); the files and MB fetched by then."""
    from tests.site.pages import start_here

    start = time.perf_counter()
    with start_here(SITE, browser) as (_, sent):
        ready = time.perf_counter() - start
        return ready, len(sent), sum(size for _, size in sent) / 1e6


def _opened(browser_type: Any, times: int) -> list[tuple[float, int, float]]:
    """:func:`kernel_ready` ``times`` times, in a Chromium resolving no host but 127.0.0.1."""
    from tests.conftest import CHROMIUM, CHROMIUM_FLAGS
    from tests.site.pages import OFFLINE

    browser = browser_type.launch(
        executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_FLAGS, OFFLINE]
    )
    try:
        return [kernel_ready(browser) for _ in range(times)]
    finally:
        browser.close()


def site(cfg: Any, chromium: Any = None) -> tuple[Section, list[Target]]:
    """Build the site, measure it, and open it ``cfg.site_rounds`` times.

    ``chromium``: a browser whose playwright starts the offline one (a test
    session's, as one process runs one playwright); None: a playwright of its own.
    """
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "site" / "build.py")], check=True)
    built = time.perf_counter() - start
    docs = SITE / "docs"
    size = megabytes(SITE, without=docs)
    if chromium is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as driver:
            rounds = _opened(driver.chromium, cfg.site_rounds)
    else:
        rounds = _opened(chromium.browser_type, cfg.site_rounds)
    ready = statistics.median(r[0] for r in rounds)
    files, fetched = rounds[0][1], rounds[0][2]
    section = Section(
        "12. The site in the browser (`make site`)",
        [
            "The site rebuilt with its download cache, its size without the docs pages "
            "(and theirs), then opened in headless Chromium from 127.0.0.1, offline: the "
            f"seconds from the page's first request to an idle kernel (median of "
            f"{cfg.site_rounds}, each round a fresh browser context), and what was fetched.",
        ],
        ["what", "measured"],
        [
            ["rebuild (cache warm)", f"{built:.1f} s"],
            ["site, without docs pages", f"{size:.1f} MB"],
            ["docs pages", f"{megabytes(docs):.1f} MB" if docs.exists() else "not built"],
            ["kernel idle after page load", " / ".join(f"{r[0]:.1f}" for r in rounds) + " s"],
            ["fetched until then", f"{files} files, {fetched:.1f} MB"],
        ],
    )
    targets = [
        Target(f"site without docs pages <= {MAX_MB:g} MB", f"{size:.1f} MB", size <= MAX_MB),
        Target(f"kernel ready <= {MAX_READY:g} s (median)", f"{ready:.1f} s", ready <= MAX_READY),
    ]
    return section, targets


__all__ = ["MAX_MB", "MAX_READY", "kernel_ready", "megabytes", "site"]
