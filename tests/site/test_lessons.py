"""The lessons that can run in the site run there to their end, with no error.

Notebooks 00, 03, 04, 06 and 07 need matplotlib or NumPy, which the site lacks
(docs/site.md). The others are opened in the session's page, run with
JupyterLab's "Run All Cells" (from the Run menu, after "Clear Outputs of All
Cells", so every execution count is this run's), and closed with their kernel.
A widget lesson's first cell is the site's install cell (site/lessons.py).
"""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path
from typing import Any

import pytest

from tests.site.pages import RAN, SHOWN, idle, menu

ROOT = Path(__file__).resolve().parents[2]
RUNNABLE = [
    "01_value_and_backward.ipynb",
    "02_step_through_backprop.ipynb",
    "05_higher_order.ipynb",
    "08_live_lab.ipynb",
    "09_build_your_own_engine.ipynb",
    "10_inside_training.ipynb",
    "11_lessons_with_the_playground.ipynb",
]
#: How long a lesson may take to run all its cells, in ms (1.4 to 13 s, the kernel started).
RUN_MS = 120_000
#: An error's output: JupyterLab shows a traceback (and stderr) with this MIME type.
STDERR = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
#: Every code cell of the notebook in view has this run's execution count (given as
#: it starts), or one failed (Run All then skips the rest, which keep no count); and
#: the kernel is idle, as the status bar says (after a failure the toolbar's indicator
#: stays busy, counting the skipped cells).
DONE = f"""() => {{
  const prompts = [...document.querySelectorAll("{SHOWN} .jp-CodeCell .jp-InputPrompt")];
  const ran = (p) => /^\\[\\d+\\]:$/.test(p.textContent.trim());
  const all = prompts.length > 0 && prompts.every(ran);
  const failed = [...document.querySelectorAll('{SHOWN} {STDERR}')]
    .some((e) => /Error|Traceback/.test(e.textContent));
  const idle = [...document.querySelectorAll(".jp-StatusBar-TextItem")]
    .some((e) => e.textContent.includes("Python (Pyodide) | Idle"));
  return (all || failed) && idle;
}}"""


#: A picture in an output: a drawing's <img> or inline SVG, a widget's SVG or canvas.
PICTURE = ".jp-OutputArea-output :is(img, svg, canvas)"


def stored(name: str) -> int:
    """How many outputs of the lesson, as stored (run in CPython), are pictures."""
    notebook = json.loads((ROOT / "notebooks" / name).read_text())
    outputs = [o for c in notebook["cells"] for o in c.get("outputs", [])]
    kinds = ("image/svg+xml", "image/png")
    return sum(
        any(k in o.get("data", {}) for k in kinds)
        or "<img" in "".join(o.get("data", {}).get("text/html", ""))
        for o in outputs
    )


def site_lessons() -> Any:
    """site/lessons.py, imported from its folder (site/ is not a package)."""
    spec = importlib.util.spec_from_file_location("lessons", ROOT / "site" / "lessons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_only_widget_lessons_get_the_install_cell() -> None:
    lessons = site_lessons()
    with_cell = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = json.loads(path.read_text())
        served = lessons.for_the_site(notebook)
        if served is not notebook:
            with_cell.append(path.name)
            assert served["cells"][2:] == notebook["cells"]
            assert served["cells"][1]["source"] == "%pip install anywidget"
            assert served["cells"][0]["cell_type"] == "markdown"
    assert with_cell == [
        "08_live_lab.ipynb",
        "10_inside_training.ipynb",
        "11_lessons_with_the_playground.ipynb",
    ]


@pytest.mark.browser
@pytest.mark.parametrize("name", RUNNABLE)
def test_lesson_runs_to_its_end_in_the_site(landing: Any, name: str, tmp_path: Path) -> None:
    page = landing
    start = time.perf_counter()
    menu(page, "File", "Open from Path…")
    page.locator(".jp-Dialog input").fill(name)
    page.keyboard.press("Enter")
    page.locator(".lm-TabBar-tab.lm-mod-current", has_text=name).wait_for()
    idle(page)
    opened = time.perf_counter()
    menu(page, "Edit", "Clear Outputs of All Cells")
    menu(page, "Run", "Run All Cells")
    page.wait_for_function(DONE, timeout=RUN_MS, polling=200)
    ran = time.perf_counter()
    shown = page.locator(SHOWN)
    stderr = shown.locator(STDERR)
    prompts = [
        p.strip() for p in shown.locator(".jp-CodeCell .jp-InputPrompt").all_text_contents()
    ]
    errors = [t for t in stderr.all_text_contents() if "Error" in t or "Traceback" in t]
    cells = shown.locator(".jp-CodeCell").count()
    outputs = shown.locator(".jp-OutputArea-output").count()
    pictures = shown.locator(PICTURE)
    drawn = [pictures.nth(i).is_visible() for i in range(pictures.count())]
    if any(drawn):
        pictures.nth(drawn.index(True)).scroll_into_view_if_needed()
        page.wait_for_timeout(500)  # JupyterLab draws the cells scrolled into view
        page.screenshot(path=str(tmp_path / f"{name}-picture.png"))
    shown.locator(".jp-Cell").last.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(tmp_path / f"{name}.png"))
    close(page, name)
    print(
        f"{name}: kernel idle {opened - start:.1f} s after opening, ran {cells} code cells "
        f"in {ran - opened:.1f} s, {outputs} outputs, {sum(drawn)} pictures in view "
        f"({stored(name)} stored)"
    )
    assert not errors, errors
    assert all(RAN.match(p) for p in prompts), prompts
    assert outputs > 0
    assert sum(drawn) >= stored(name)  # a drawing shows as it does in CPython, or more live


def close(page: Any, name: str) -> None:
    """Close the notebook ``name`` and shut its kernel down, its changes discarded."""
    menu(page, "File", "Close and Shut Down Notebook…")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    tab = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=name)
    discard = page.locator(".jp-Dialog button", has_text="Discard")  # "Save your work?"
    deadline = time.perf_counter() + 30
    while tab.count():
        if discard.count():
            discard.click()
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{name} did not close in 30 s")
        page.wait_for_timeout(50)
