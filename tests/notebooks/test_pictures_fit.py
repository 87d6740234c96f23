"""The committed notebooks' pictures where they are shown: an 828-px output column.

That is JupyterLab's output column at 1280x800 with the file browser open. Each
graph a notebook draws (``image/svg+xml``) is shown as JupyterLab shows it,
scaled down to the column when wider; each player's static view (what an
untrusted notebook shows: its ``<img>``, scripts stripped) in an 828-px column.
The smallest rendered text must be 11 px or more, and nothing may reach past
the column, in headless Chromium. Screenshots go to the test's tmp path.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.picture_view import screenshot, show_svg

pytestmark = [pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
COLUMN = 828
SMALLEST = 11.0


def outputs(name: str, mime: str) -> list[str]:
    """Every output of ``mime`` in the committed notebook ``name``, in order."""
    notebook = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    found = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get(mime)
            if data is not None:
                found.append(data if isinstance(data, str) else "".join(data))
    return found


def test_notebook_01s_pictures_read_in_the_column(chromium: Any, tmp_path: Path) -> None:
    pictures = outputs("01_value_and_backward", "image/svg+xml")
    assert len(pictures) >= 5
    for k, svg in enumerate(pictures):
        shown = show_svg(chromium, svg, COLUMN, tmp_path / f"picture{k}.png")
        print(f"picture {k}: {shown.width:.0f} px wide, smallest text {shown.smallest:.1f} px")
        assert shown.width <= COLUMN
        assert shown.smallest >= SMALLEST, (k, shown.smallest, shown.where)


# The static view's picture: its shown width against its natural width gives
# the scale its 11-pt (14.7-px) text is drawn at.
_STATIC = """
(column) => [...document.querySelectorAll("img.cr-picture")].map((img) => {
  const r = img.getBoundingClientRect();
  return [img.naturalWidth, r.width, r.right, r.width / img.naturalWidth];
})
"""


def test_notebook_02s_static_players_fit_the_column(chromium: Any, tmp_path: Path) -> None:
    players = [h for h in outputs("02_step_through_backprop", "text/html") if "cr-player" in h]
    assert len(players) == 4
    context = chromium.new_context(
        viewport={"width": COLUMN, "height": 800}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        for k, markup in enumerate(players):
            # What JupyterLab's sanitizer leaves: no script, no style element.
            static = re.sub(r"<script>.*?</script>", "", markup, flags=re.S)
            page.set_content(
                f'<html><body style="margin:0"><div style="width:{COLUMN}px">{static}</div>'
                "</body></html>"
            )
            natural, width, right, scale = page.evaluate(_STATIC, COLUMN)[0]
            smallest = 11 * 4 / 3 * scale
            screenshot(page, tmp_path / f"static{k}.png")
            print(f"player {k}: {natural} px, shown {width:.0f} px, text {smallest:.1f} px")
            assert right <= COLUMN + 0.5, (k, natural, width)
            assert smallest >= SMALLEST, (k, natural, width)
    finally:
        context.close()
