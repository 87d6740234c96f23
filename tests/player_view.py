"""What a player shows in a real browser, read the way a learner sees it.

Shared by the browser tests of the standalone page, of nbconvert's HTML and of
JupyterLab: each takes a playwright Locator of one ``.cr-player`` and returns
plain numbers and strings, measured in CSS pixels on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The state of one player, measured in the page. Text sizes are rendered sizes:
# an SVG text's font size times the scale it is drawn at (from its box on screen
# against its box in the SVG), an HTML text's computed font size. Only text that
# is visible and inside the stage or the live controls counts.
_MEASURE = """
(root) => {
  const rect = (el) => { const r = el.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom,
            width: r.width, height: r.height}; };
  const live = root.querySelector(".cr-live");
  const stage = root.querySelector(".cr-stage");
  const caption = root.querySelector(".cr-caption");
  const seen = stage ? stage.getBoundingClientRect() : null;
  const inside = (r) => seen && r.right > seen.left && r.left < seen.right &&
    r.bottom > seen.top && r.top < seen.bottom;
  let smallest = Infinity, where = "";
  if (live) {
    for (const t of root.querySelectorAll(".cr-canvas svg text")) {
      const style = getComputedStyle(t);
      const shown = style.visibility !== "hidden" && style.display !== "none";
      if (!shown || !t.textContent.trim()) continue;
      const r = t.getBoundingClientRect(), b = t.getBBox();
      if (!r.height || !b.height || !inside(r)) continue;
      const size = parseFloat(style.fontSize) * (r.height / b.height);
      if (size < smallest) { smallest = size; where = t.textContent; }
    }
    const walker = document.createTreeWalker(live, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || el.closest("svg") || !el.getClientRects().length) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < smallest) { smallest = size; where = n.textContent; }
    }
  }
  const active = root.querySelector(".cr-canvas g.cr-on[data-n]");
  const shown = [...root.querySelectorAll(".cr-canvas g[data-n]")].map((g) => {
    const r = g.getBoundingClientRect();
    return [g.getAttribute("data-n"), Math.round(r.left), Math.round(r.top),
            [...g.querySelectorAll("text")].map((t) => t.textContent.replace(/\\u00a0/g, " "))];
  });
  const on = (el) => el && !el.hidden && getComputedStyle(el).display !== "none" &&
    getComputedStyle(el).visibility !== "hidden" && el.getClientRects().length > 0;
  const overview = root.querySelector(".cr-overview");
  const solid = [...root.querySelectorAll(".cr-canvas g.node")]; // boxes, ops, constants
  const cs = caption ? getComputedStyle(caption) : null;
  return {
    overview: on(overview) ? rect(overview) : null,
    solid: solid.map(rect),
    labelBoxes: [...root.querySelectorAll(".cr-canvas .cr-x")]
      .filter((t) => getComputedStyle(t).visibility === "visible").map(rect),
    fresh: [...root.querySelectorAll(".cr-canvas g.cr-fresh[data-n]")].map((g) => {
      const r = g.getBoundingClientRect();
      const a = active ? active.getBoundingClientRect() : r;
      const zoom = Number(root.getAttribute("data-zoom")) || 1;
      const inView = !!seen && r.left >= seen.left - 1 && r.right <= seen.right + 1 &&
        r.top >= seen.top - 1 && r.bottom <= seen.bottom + 1;
      return [inView, (Math.max(a.right, r.right) - Math.min(a.left, r.left)) / zoom,
              (Math.max(a.bottom, r.bottom) - Math.min(a.top, r.top)) / zoom];
    }),
    blanks: [...root.querySelectorAll(".cr-canvas .cr-x[filter]")]
      .filter((t) => getComputedStyle(t).visibility !== "visible").length,
    captionCut: caption && caption.scrollHeight > caption.clientHeight + 1
      ? [parseFloat(cs.lineHeight), parseFloat(cs.paddingTop)] : null,
    step: Number(root.getAttribute("data-step")),
    live: !!live && !live.hidden,
    caption: caption ? caption.innerText : "",
    captionHeight: caption ? caption.getBoundingClientRect().height : 0,
    stage: stage ? rect(stage) : null,
    player: rect(root),
    active: active ? rect(active) : null,
    activeName: active ? active.querySelector("text").textContent : "",
    smallest, where, boxes: shown,
    labels: [...root.querySelectorAll(".cr-canvas .cr-x")]
      .filter((t) => getComputedStyle(t).visibility === "visible").map((t) => t.textContent),
    viewport: {width: window.innerWidth, height: window.innerHeight},
  };
}
"""


# The smallest rendered size of any SVG text under an element, measured as
# _MEASURE measures a player's: font size times the scale the text is drawn at.
@dataclass
class Seen:
    """One player's state on screen (see ``_MEASURE``)."""

    step: int
    live: bool
    caption: str
    caption_height: float
    stage: dict[str, float] | None
    player: dict[str, float]
    active: dict[str, float] | None
    active_name: str
    smallest: float
    where: str
    boxes: list[Any]
    labels: list[str]
    viewport: dict[str, float]
    overview: dict[str, float] | None
    solid: list[dict[str, float]]
    label_boxes: list[dict[str, float]]
    caption_cut: tuple[float, float] | None
    blanks: int  # hidden labels whose white backdrop would still be painted
    # Per box this frame rewrote: wholly inside the stage, and the width and
    # height of it and the active node together at zoom 1, in px.
    fresh: list[tuple[bool, float, float]]

    def texts(self) -> list[str]:
        """Every text line of every box, in drawing order."""
        return [line for _, _, _, lines in self.boxes for line in lines]

    def active_on_screen(self) -> bool:
        """The active node lies wholly inside the stage and the window."""
        a, s, v = self.active, self.stage, self.viewport
        if a is None or s is None:
            return False
        in_stage = a["left"] >= s["left"] - 1 and a["right"] <= s["right"] + 1
        in_stage = in_stage and a["top"] >= s["top"] - 1 and a["bottom"] <= s["bottom"] + 1
        return in_stage and a["top"] >= 0 and a["bottom"] <= v["height"]

    def operands_left_out(self, zoom: float, margin: float = 28) -> list[tuple[float, float]]:
        """The boxes this frame rewrote (a step's operands) that are not in view
        although they would fit beside the active node at ``zoom`` (the
        smallest a player zooms to), with ``margin`` px around."""
        s = self.stage
        if s is None:
            return []
        return [
            (w, h)
            for shown, w, h in self.fresh
            if not shown
            and w * zoom + 2 * margin <= s["width"]
            and h * zoom + 2 * margin <= s["height"]
        ]

    def under_overview(self) -> bool:
        """The active node is (partly) hidden under the overview."""
        a, o = self.active, self.overview
        return a is not None and o is not None and _overlap(a, o)

    def crowded_labels(self) -> list[dict[str, float]]:
        """The chain-rule labels on show that cover a node: a box, an op or a constant."""
        return [b for b in self.label_boxes if any(_overlap(b, s) for s in self.solid)]

    def caption_cut_through_a_line(self) -> bool:
        """The caption is cut short, and not where a line starts."""
        if self.caption_cut is None:
            return False
        line, top = self.caption_cut
        lines = (self.caption_height - top) / line
        return abs(lines - round(lines)) > 0.05


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    """Two rectangles on screen share more than a pixel's edge."""
    return (
        a["left"] < b["right"] - 1
        and b["left"] < a["right"] - 1
        and a["top"] < b["bottom"] - 1
        and b["top"] < a["bottom"] - 1
    )


def seen(player: Any) -> Seen:
    """Measure the player at ``player`` (a Locator of one ``.cr-player``)."""
    d = player.evaluate(_MEASURE)
    return Seen(
        d["step"],
        d["live"],
        d["caption"],
        d["captionHeight"],
        d["stage"],
        d["player"],
        d["active"],
        d["activeName"],
        d["smallest"],
        d["where"],
        d["boxes"],
        d["labels"],
        d["viewport"],
        d["overview"],
        d["solid"],
        d["labelBoxes"],
        None if d["captionCut"] is None else tuple(d["captionCut"]),
        d["blanks"],
        [tuple(f) for f in d["fresh"]],
    )


def step_to(player: Any, k: int) -> Seen:
    """Go to frame ``k`` with the keyboard (Home, then the right arrow) and measure it."""
    player.press("Home")  # a Locator's press focuses the player first
    for _ in range(k):
        player.press("ArrowRight")
    state = seen(player)
    if state.step != k:
        raise AssertionError(f"the player is at step {state.step}, not {k}")
    return state


def step_every_player(page: Any, faults: list[str] | None = None) -> list[tuple[int, float, str]]:
    """Step each live player on ``page`` through every frame; per player, the frame
    count and the smallest text seen in any frame (px) and which text it was.
    (A player whose script has not run, in an untrusted notebook, is left out.)

    ``faults``: a list to which each frame's faults are added, in words: the
    active node under the overview, a chain-rule label over a node, the caption
    cut through a line.
    """
    found = []
    players = page.locator(".cr-player:has(.cr-live)")
    for i in range(players.count()):
        player = players.nth(i)
        player.scroll_into_view_if_needed()
        frames = int(player.locator(".cr-slider").get_attribute("max")) + 1
        state = step_to(player, 0)
        smallest, where = state.smallest, state.where
        for k in range(frames):
            if k:
                player.press("ArrowRight")
                state = seen(player)
            if state.smallest < smallest:
                smallest, where = state.smallest, state.where
            if faults is not None:
                faults += [
                    f"player {i + 1}, frame {k}: {fault}"
                    for fault, found_it in (
                        ("the active node is under the overview", state.under_overview()),
                        ("a label covers a node", bool(state.crowded_labels())),
                        ("a hidden label paints a white box", state.blanks > 0),
                        ("the caption is cut through a line", state.caption_cut_through_a_line()),
                    )
                    if found_it
                ]
        found.append((frames, smallest, where))
    return found


def notebook_players_smallest_text(
    notebook: Path, browser: Any = None
) -> list[tuple[int, float, str]]:
    """Open ``notebook`` trusted in a real JupyterLab in a 1280x800 Chromium window and
    step every player through every frame (see :func:`step_every_player`).

    ``browser``: a playwright Browser to use; None starts Debian's Chromium.
    """
    import shutil
    import tempfile

    from tests.jupyter import jupyter_server

    with tempfile.TemporaryDirectory() as folder, jupyter_server(Path(folder)) as server:
        shutil.copy(notebook, Path(folder) / notebook.name)
        server.api("POST", f"contents/{notebook.name}/trust")  # as `make lab` does
        if browser is not None:
            return _measure_in(browser, server.url(notebook.name))
        from playwright.sync_api import sync_playwright

        from tests.conftest import CHROMIUM, CHROMIUM_FLAGS

        with sync_playwright() as driver:
            own = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            try:
                return _measure_in(own, server.url(notebook.name))
            finally:
                own.close()


def _measure_in(browser: Any, url: str) -> list[tuple[int, float, str]]:
    from tests.jupyter import open_notebook

    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        open_notebook(page, url)
        return step_every_player(page)
    finally:
        page.close()
