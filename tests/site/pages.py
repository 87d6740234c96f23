"""Driving the site's JupyterLab in playwright: the landing page, cells, menus, notebooks.

Everything is served from 127.0.0.1; any other request is refused, and
:func:`start_here` fails when one was made (Chromium cannot resolve any other
host anyway: see OFFLINE).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.site.serve import serve

#: Chromium resolves no host but 127.0.0.1: nothing can leave the machine.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
#: How long the kernel may take to start and run the first cell, in ms (target 15 s).
KERNEL_MS = 120_000
#: The notebook in view (JupyterLab hides the other tabs' panels).
SHOWN = ".jp-NotebookPanel:not(.lm-mod-hidden)"
#: A cell's prompt once it has run: its execution count.
RAN = re.compile(r"^\[\d+\]:$")


@contextmanager
def start_here(site: Path, browser: Any) -> Iterator[tuple[Any, list[tuple[str, int]]]]:
    """The landing notebook in a fresh page, its kernel idle; fails if a request left 127.0.0.1."""
    refused: list[str] = []

    def only_local(route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    with serve(site) as (url, sent):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", only_local)
        page = context.new_page()
        page.goto(url)  # the site's root opens JupyterLab on "Start here" (its default workspace)
        # A cell run before the kernel was idle got no output 3 times in 12: wait for idle.
        page.locator(".jp-StatusBar-TextItem", has_text="Python (Pyodide) | Idle").wait_for(
            timeout=KERNEL_MS
        )
        idle(page)
        yield page, sent
        context.close()
    assert not refused, f"requests off 127.0.0.1: {refused}"


#: The notebook in view has the Pyodide kernel, idle. Its toolbar's indicator alone says
#: "idle" before the kernel starts ("No Kernel"); the status bar may still be the last tab's.
IDLE = f"""() => {{
  const name = document.querySelector("{SHOWN} .jp-Toolbar-kernelName");
  const state = document.querySelector("{SHOWN} .jp-Notebook-ExecutionIndicator");
  return name?.textContent.trim() === "Python (Pyodide)"
    && state?.getAttribute("data-status") === "idle";
}}"""


def idle(page: Any, timeout: float = KERNEL_MS) -> None:
    """Wait until the kernel of the notebook in view has started and is idle."""
    page.wait_for_function(IDLE, timeout=timeout, polling=100)


def run_first_cell(page: Any, code: str | None = None) -> Any:
    """Run the notebook's first code cell (its text replaced by ``code``); its outputs."""
    cell = page.locator(".jp-CodeCell").first
    cell.locator(".jp-InputArea-editor").click()
    if code is not None:
        page.keyboard.press("Control+a")
        page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")
    output = cell.locator(".jp-OutputArea-output")
    output.first.wait_for(timeout=KERNEL_MS)
    return output


def add_cell(page: Any, code: str) -> Any:
    """A new code cell holding ``code``, at the end of the notebook in view, not yet run.

    Run it with ``page.keyboard.press("Shift+Enter")`` (its editor has the keys).
    """
    cells = page.locator(f"{SHOWN} .jp-Notebook .jp-Cell")
    last = cells.count() - 1
    cells.nth(last).locator(".jp-InputPrompt").click()  # selects it, links in it untouched
    page.keyboard.press("Escape")  # command mode: "b" adds a cell below
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.insert_text(code)
    return cells.nth(last + 1)


def run_cell(page: Any, code: str, timeout: float = KERNEL_MS) -> str:
    """Run ``code`` in a new cell at the end of the notebook in view; its outputs' text."""
    cell = add_cell(page, code)
    page.keyboard.press("Shift+Enter")
    wait_ran(cell, timeout)
    return "\n".join(cell.locator(".jp-OutputArea-output").all_inner_texts()).strip()


def wait_ran(cell: Any, timeout: float = KERNEL_MS) -> None:
    """Wait until ``cell`` has run: its prompt shows an execution count."""
    prompt = cell.locator(".jp-InputPrompt")
    deadline = time.perf_counter() + timeout / 1000
    while not RAN.match(prompt.text_content().strip()):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"the cell did not run in {timeout / 1000:.0f} s")
        cell.page.wait_for_timeout(20)


def menu(page: Any, top: str, item: str) -> None:
    """Choose ``item`` from JupyterLab's menu ``top`` ("Run", "Run All Cells")."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{top}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).click()
