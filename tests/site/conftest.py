"""The built site, an offline Chromium and one page on it, shared by the site's test modules.

The site must be built first (``make site``); with its cache there, the
``site`` fixture rebuilds it once a session (3 to 9 s), so the tests check
this tree. Without a site they are skipped locally and fail in CI.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_FLAGS, missing
from tests.site.pages import OFFLINE, start_here

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_site"
CACHE = ROOT / ".cache" / "site"
BUILD = ROOT / "site" / "build.py"


@pytest.fixture(scope="session")
def site() -> Path:
    """The site, rebuilt from this tree when ``make site``'s cache is there; else as built.

    With the cache (.cache/site/) the build downloads nothing and takes 3 to 9 s,
    and the site then holds this tree's engine, not the one of the last build.
    """
    if (CACHE / "venv" / ".pins").exists():
        subprocess.run([sys.executable, str(BUILD)], check=True, capture_output=True)
    if not (SITE / "lab" / "index.html").exists():
        missing("the site built in _site/", "make site")
    return SITE


@pytest.fixture(scope="session")
def offline_chromium(chromium: Any) -> Iterator[Any]:
    """A second headless Chromium, from the session's playwright, resolving no host but 127.0.0.1.

    One playwright per session: a second ``sync_playwright()`` fails while the
    session's is running.
    """
    browser = chromium.browser_type.launch(
        executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_FLAGS, OFFLINE]
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def landing(site: Path, offline_chromium: Any) -> Iterator[Any]:
    """One page for the session: JupyterLab on the landing notebook, its kernel idle.

    Shared to save a kernel's start (about 10 s) per module; a test that opens
    another notebook closes it, so the landing notebook is in view again.
    """
    with start_here(site, offline_chromium) as (page, _):
        yield page
