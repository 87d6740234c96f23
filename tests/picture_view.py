"""A still picture (SVG) in a real browser, measured the way a slide shows it.

The SVG is put inline in a page of the given width and, like an
``<img style="max-width:100%">``, scaled down to that width when wider. Every
text's rendered size is its font size times the scale it is drawn at (its box
on screen against its box in the SVG), in CSS pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

_MEASURE = """
() => {
  const svg = document.querySelector("svg");
  let smallest = Infinity, where = "";
  for (const t of svg.querySelectorAll("text")) {
    if (!t.textContent.trim()) continue;
    const r = t.getBoundingClientRect(), b = t.getBBox();
    if (!r.height || !b.height) continue;
    const size = parseFloat(getComputedStyle(t).fontSize) * (r.height / b.height);
    if (size < smallest) { smallest = size; where = t.textContent; }
  }
  const r = svg.getBoundingClientRect();
  return {smallest, where, width: r.width, height: r.height,
          texts: [...svg.querySelectorAll("text")].map((t) => t.textContent)};
}
"""


@dataclass(frozen=True)
class Shown:
    """A picture as shown: its size on screen (px), its smallest text (px) and its texts."""

    width: float
    height: float
    smallest: float
    where: str
    texts: list[str]


def show_svg(
    browser: Any, svg: str, width: int = 1280, png: Path | None = None, height: int | None = None
) -> Shown:
    """``svg`` in a ``width``-px-wide page, scaled to fit it; a screenshot to ``png`` if given.

    ``height``: fit it into ``width`` x ``height`` px instead, as a slide shows it.
    """
    page = browser.new_page(viewport={"width": width, "height": height or 800})
    try:
        page.set_content(
            '<html><body style="margin:0"><div id="slide" style="width:100%">'
            f"{svg}</div></body></html>"
        )
        # What max-width:100% does to an <img>: shrink to the width, keep the aspect.
        page.evaluate(
            """(width) => { const s = document.querySelector("svg");
                 if (s.getBoundingClientRect().width > width) {
                   s.setAttribute("width", width + "px"); s.removeAttribute("height"); } }""",
            width,
        )
        if height is not None:  # and what a slide does: shrink to its height too
            page.evaluate(
                """(height) => { const s = document.querySelector("svg");
                     const r = s.getBoundingClientRect();
                     if (r.height > height) {
                       s.setAttribute("width", (r.width * height) / r.height + "px");
                       s.removeAttribute("height"); } }""",
                height,
            )
        found = page.evaluate(_MEASURE)
        if png is not None:
            screenshot(page, png)
    finally:
        page.close()
    return Shown(
        found["width"], found["height"], found["smallest"], found["where"], found["texts"]
    )


def screenshot(page: Any, png: Path) -> None:
    """A screenshot to look at, not a measurement: Chromium under load sometimes refuses
    one ("Unable to capture screenshot"); it is tried twice, then left out."""
    from playwright.sync_api import Error

    for _ in range(2):
        try:
            page.screenshot(path=str(png), full_page=True)
            return
        except Error:
            page.wait_for_timeout(500)
