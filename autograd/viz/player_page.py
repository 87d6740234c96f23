"""The player's HTML: inline SVG frames, controls, a little plain JavaScript.

Everything is in the markup itself (no CDN, no kernel), and every id and CSS
rule is scoped to one player id, so two players in one notebook never clash.
The static markup shows the first and last frames as images; the script, when
it runs, hides them and shows the interactive player instead.

>>> markup = player_markup("p1", ["<svg>0</svg>", "<svg>1</svg>"], ["start", "done"], ["", "L"])
>>> markup.count('class="cr-frame"'), 'data-highlight="L"' in markup, "<script>" in markup
(2, True, True)
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Sequence

# What a graphviz SVG starts with before <svg>: an XML declaration and a
# DOCTYPE, neither allowed inside an HTML document.
_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)

_STYLE = """
#{pid} {{ font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
  color: #222; max-width: 100%; outline: none; }}
#{pid} .cr-controls {{ display: flex; align-items: center; gap: 8px; margin: 4px 0 6px; }}
#{pid} button {{ font: inherit; font-size: 14px; padding: 3px 12px; border: 1px solid #bbb;
  border-radius: 4px; background: #f6f6f6; cursor: pointer; }}
#{pid} button:disabled {{ opacity: 0.4; cursor: default; }}
#{pid} .cr-slider {{ flex: 1; max-width: 420px; }}
#{pid} .cr-counter {{ font-variant-numeric: tabular-nums; color: #555; min-width: 7em; }}
#{pid} .cr-caption {{ margin: 4px 0 8px; padding: 6px 10px; background: #fff7ec;
  border-left: 4px solid #ff7f0e; font-size: 14px; line-height: 1.5; min-height: 3em;
  white-space: pre-line; }}
#{pid} .cr-stage {{ display: grid; overflow-x: auto; }}
#{pid} .cr-frame {{ grid-area: 1 / 1; visibility: hidden; }}
#{pid} .cr-frame.cr-current {{ visibility: visible; }}
#{pid} .cr-frame svg {{ display: block; max-width: 100%; height: auto; }}
#{pid} .cr-static figure {{ margin: 0 0 12px; }}
#{pid} .cr-static img {{ max-width: 100%; }}
#{pid}:focus-visible {{ box-shadow: 0 0 0 2px #9ecbff; }}
"""

_SCRIPT = """
(function () {
  var root = document.getElementById("{pid}");
  if (!root || root.getAttribute("data-ready")) return;
  root.setAttribute("data-ready", "1");
  var frames = root.querySelectorAll(".cr-frame"), n = frames.length;
  var slider = root.querySelector(".cr-slider"), caption = root.querySelector(".cr-caption");
  var counter = root.querySelector(".cr-counter"), play = root.querySelector(".cr-play");
  var prev = root.querySelector(".cr-prev"), next = root.querySelector(".cr-next");
  var current = 0, timer = null;
  function show(k) {
    k = Math.max(0, Math.min(n - 1, k));
    frames[current].classList.remove("cr-current");
    current = k;
    frames[k].classList.add("cr-current");
    slider.value = String(k);
    caption.textContent = frames[k].getAttribute("data-caption");
    counter.textContent = "step " + k + " of " + (n - 1);
    root.setAttribute("data-step", String(k));
    prev.disabled = k === 0;
    next.disabled = k === n - 1;
    if (k === n - 1) stop();
  }
  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    play.textContent = "\\u25B6 Play";
  }
  function start() {
    if (current === n - 1) show(0);
    play.textContent = "\\u275A\\u275A Pause";
    timer = setInterval(function () { show(current + 1); }, {interval});
  }
  prev.addEventListener("click", function () { stop(); show(current - 1); });
  next.addEventListener("click", function () { stop(); show(current + 1); });
  play.addEventListener("click", function () { if (timer === null) start(); else stop(); });
  slider.addEventListener("input", function () { stop(); show(parseInt(slider.value, 10)); });
  root.addEventListener("keydown", function (event) {
    var step = { ArrowLeft: -1, ArrowRight: 1, Home: -n, End: n }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    stop();
    show(current + step);
  });
  root.addEventListener("click", function () { root.focus({ preventScroll: true }); });
  root.querySelector(".cr-static").hidden = true;
  root.querySelector(".cr-live").hidden = false;
  show(0);
  if (root.hasAttribute("data-autofocus")) root.focus();
})();
"""


def inline_svg(svg: str) -> str:
    """A graphviz SVG document as an element that can sit inside HTML.

    >>> inline_svg('<?xml version="1.0"?>\\n<!DOCTYPE svg>\\n<svg width="1pt"></svg>\\n')
    '<svg width="1pt"></svg>'
    """
    return _PROLOGUE.sub("", svg, count=1).strip()


def _image(svg: str, alt: str) -> str:
    data = base64.b64encode(svg.encode()).decode()
    return f'<img alt="{html.escape(alt)}" src="data:image/svg+xml;base64,{data}">'


def player_markup(
    pid: str,
    svgs: Sequence[str],
    captions: Sequence[str],
    highlights: Sequence[str],
    *,
    autofocus: bool = False,
    interval_ms: int = 1200,
) -> str:
    """The player as an HTML fragment with the id ``pid`` (a CSS-safe name).

    Each frame is a ``div.cr-frame`` with ``data-step``, ``data-highlight`` (the
    highlighted node's name) and ``data-caption``; the root ``div`` carries the
    current step as ``data-step`` once the script runs.
    """
    last = len(svgs) - 1
    frames = "".join(
        f'<div class="cr-frame" data-step="{k}" data-highlight="{html.escape(h)}" '
        f'data-caption="{html.escape(c)}">{inline_svg(svg)}</div>'
        for k, (svg, c, h) in enumerate(zip(svgs, captions, highlights, strict=True))
    )
    static = (
        f"<figure><figcaption>First frame: {html.escape(captions[0])}</figcaption>"
        f"{_image(svgs[0], 'first frame')}</figure>"
        f"<figure><figcaption>Last frame ({last} steps): {html.escape(captions[last])}"
        f"</figcaption>{_image(svgs[last], 'last frame')}</figure>"
    )
    controls = (
        '<div class="cr-controls">'
        '<button type="button" class="cr-prev" title="previous step (←)">◀ Prev</button>'
        '<button type="button" class="cr-play" title="play">▶ Play</button>'
        '<button type="button" class="cr-next" title="next step (→)">Next ▶</button>'
        f'<input type="range" class="cr-slider" min="0" max="{last}" value="0" step="1" '
        'aria-label="step">'
        f'<span class="cr-counter">step 0 of {last}</span></div>'
    )
    focus = " data-autofocus" if autofocus else ""
    script = _SCRIPT.replace("{pid}", pid).replace("{interval}", str(int(interval_ms)))
    return (
        f'<div class="cr-player" id="{pid}" tabindex="0"{focus}>'
        f"<style>{_STYLE.format(pid=pid)}</style>"
        f'<div class="cr-static">{static}</div>'
        f'<div class="cr-live" hidden>{controls}'
        '<p class="cr-caption" aria-live="polite"></p>'
        f'<div class="cr-stage">{frames}</div></div>'
        f"<script>{script}</script></div>"
    )


def page(title: str, body: str) -> str:
    """A standalone HTML page around ``body`` (``title`` already escaped)."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<style>body { margin: 24px; background: #fff; }</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
