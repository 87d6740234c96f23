// The step-through player's front end: one SVG, laid out once, and frames as data.
//
// Python (autograd/viz/views/player.py) decides everything a frame shows
// (frames.PlayerFrame); this only applies it: the text of the cells a frame
// rewrites, the active node and its edges, the caption, and where the view
// looks. The SVG comes from the static view's <img> (the summary frame as a
// data URL), so it is shipped once.
//
// An ES module with one export, render({ el, data, onStep }). A notebook output
// cannot import anything, so the output inlines it, and stage.js, as a plain
// script (autograd/viz/views/esm.py) and calls render itself; the lab (lab.js)
// imports it, passes onStep(k) to hear each step, and moves the player with
// the show(k) that render returns. Every function below takes the player's
// state, p (see render), first.

import { floor, index, mount, natural, onWidth, ownKeys, usePalette } from "./stage.js";
import { backdrop, byPlace, crowd, lift } from "./labels.js";
import { place } from "./viewport.js";
const CONTROLS =
  '<div class="cr-controls">' +
  '<button type="button" class="cr-prev" title="previous step (\u2190)">\u25C0 Prev</button>' +
  '<button type="button" class="cr-play" title="play (space)">\u25B6 Play</button>' +
  '<button type="button" class="cr-next" title="next step (\u2192)">Next \u25B6</button>' +
  '<input type="range" class="cr-slider" min="0" step="1" value="0" aria-label="step">' +
  '<span class="cr-counter"></span>' +
  '<span class="cr-blank-key"></span>' +
  '<button type="button" class="cr-whole" aria-pressed="false" hidden ' +
  'title="show the whole graph (W)">Whole graph</button></div>' +
  '<div class="cr-caption" aria-live="polite"></div>' +
  '<img class="cr-key" alt="colour legend" hidden>' +
  '<p class="cr-note" hidden>The whole graph is wider than this column at 11 px: ' +
  "scroll it sideways.</p>" +
  '<div class="cr-stage"><div class="cr-canvas"></div><div class="cr-room"></div>' +
  '<img class="cr-fold" alt="the graph, each neuron one box" hidden>' +
  '<div class="cr-overview" hidden title="click to look there"><img alt="overview">' +
  '<div class="cr-lens"></div><div class="cr-dot"></div></div></div>';

export function render({ el, data, onStep }) {
  if (el.getAttribute("data-cr-ready")) return null;
  el.setAttribute("data-cr-ready", "1");
  usePalette(el, data.palette);
  const p = build(el, data, onStep);
  picture(p);
  wire(p);
  ownKeys(el, (event) => onKey(p, event));
  panning(p);
  onWidth(p.ui.live, () => {
    sizeCaption(p);
    place(p, false);
  });
  sizeCaption(p);
  show(p, 0);
  place(p, false);
  if (data.autofocus) el.focus({ preventScroll: true });
  return { show: (k) => { stop(p); show(p, k); } };
}

// The live player's elements, under the static view (which it hides), and its state.
function build(el, data, onStep) {
  const doc = el.ownerDocument, still = el.querySelector(".cr-static");
  const style = doc.createElement("style");
  style.textContent = data.css;
  const live = doc.createElement("div");
  live.className = "cr-live";
  live.innerHTML = CONTROLS;
  el.append(style, live);
  const ui = { live };
  for (const name of ["slider", "caption", "counter", "prev", "next", "play", "whole", "stage",
    "canvas", "overview", "lens", "dot", "note", "room", "key", "fold", "blank-key"]) {
    ui[name] = live.querySelector(".cr-" + name);
  }
  ui.blankKey = ui["blank-key"];
  ui.blankKey.textContent = data.blank_key;
  ui.blankKey.hidden = !data.blank_key;
  ui.legend = still.querySelector("img.cr-key");
  if (ui.legend) ui.key.src = ui.legend.getAttribute("src");
  ui.slider.max = String(data.frames.length - 1);
  const source = still.querySelector("img.cr-picture").getAttribute("src");
  ui.overview.querySelector("img").src = source;
  const folded = data.folded && still.querySelector("img.cr-folded");
  if (folded) ui.fold.src = folded.getAttribute("src");
  still.hidden = true;
  return {
    el, data, onStep, ui, source, frames: data.frames, last: data.frames.length - 1,
    natural: natural(data.picture, data.palette), smallest: floor(data.picture, data.palette),
    folded: folded ? { natural: natural(data.folded, data.palette),
      smallest: floor(data.folded, data.palette) } : null,
    current: 0, timer: null, lit: [], fresh: [], backed: [], pan: null, corner: 0, drag: null,
    view: { x: 0, y: 0, z: 1 },
  };
}

// The picture, mounted at its natural size and indexed: its boxes, the text the
// frames rewrite, its ops and edges, the edges' labels, and each node's timeline.
function picture(p) {
  const svg = mount(p.ui.canvas, decode(p.source));
  svg.setAttribute("width", String(p.natural.w));
  svg.setAttribute("height", String(p.natural.h));
  svg.style.width = p.natural.w + "px";
  svg.style.height = p.natural.h + "px";
  const { nodes, ops, edges } = index(svg, Number);
  const { labels, paths } = lift(svg, edges);
  crowd([...svg.querySelectorAll("g.node")], labels, paths); // every node: boxes, ops, constants
  const texts = new Map([...nodes].map(([i, g]) => [i, g.querySelector(".cr-t")]));
  Object.assign(p, { svg, boxes: nodes, ops, edges, labels, texts, placed: byPlace(edges, paths),
    filter: "url(#" + backdrop(svg) + ")", timeline: timeline(p.frames, nodes) });
}

// Each node's rewritten text, frame by frame: [[frame, text], ...].
function timeline(frames, boxes) {
  const entries = new Map([...boxes.keys()].map((i) => [i, []]));
  frames.forEach((frame, k) => {
    for (const [i, text] of frame.changes) {
      if (!entries.has(i)) entries.set(i, []);
      entries.get(i).push([k, text]);
    }
  });
  return entries;
}

const partsOf = (p, i) =>
  [p.boxes.get(i), p.ops.get(i), ...(p.edges.get(i) || []), ...(p.labels.get(i) || [])]
    .filter(Boolean);

function show(p, k) {
  k = Math.max(0, Math.min(p.last, k));
  p.current = k;
  const { active, changes, summary } = p.frames[k];
  for (const [i, entries] of p.timeline) {
    const text = p.texts.get(i);
    const wanted = text && p.data.cell + " " + textAt(entries, k, p.data.blank);
    if (text && text.textContent !== wanted) text.textContent = wanted;
  }
  p.svg.classList.toggle("cr-plain", !summary);
  // The overview is the summary's picture: grey until the summary frame.
  p.ui.overview.classList.toggle("cr-grey", !summary);
  for (const g of p.lit) g.classList.remove("cr-on");
  for (const g of p.fresh) g.classList.remove("cr-fresh");
  const extra = p.frames[k].lit.flatMap(([i, at]) => p.placed.get(i + "-" + at) || []);
  p.lit = [...(active >= 0 ? partsOf(p, active) : []), ...extra];
  p.fresh = changes.map(([i]) => p.boxes.get(i)).filter(Boolean);
  for (const g of p.lit) g.classList.add("cr-on");
  // Only the labels on show get their backdrop: a hidden (or crowded)
  // label's would still paint its white box.
  for (const t of p.backed) t.removeAttribute("filter");
  p.backed = [...(p.labels.get(active) || []), ...extra.filter((t) => t.tagName === "text")]
    .filter((t) => !t.classList.contains("cr-crowded"));
  for (const t of p.backed) t.setAttribute("filter", p.filter);
  for (const g of p.fresh) g.classList.add("cr-fresh");
  showControls(p, k);
  p.pan = null;
  place(p, true);
  if (p.onStep) p.onStep(k);
}

function showControls(p, k) {
  const { ui } = p;
  setCaption(p, k);
  ui.counter.textContent = p.frames[k].counter;
  // What "—" means, while a cell reads it; hidden, it keeps its room, so the
  // controls never wrap differently and the picture under them never moves.
  ui.blankKey.classList.toggle("cr-off", !p.frames[k].blanks);
  ui.slider.value = String(k);
  p.el.setAttribute("data-step", String(k));
  ui.prev.disabled = k === 0;
  ui.next.disabled = k === p.last;
  if (k === p.last) stop(p);
}

// The summary frame's caption carries the colour legend, floated right.
function setCaption(p, k) {
  p.ui.caption.textContent = p.frames[k].caption;
  if (p.frames[k].summary && p.ui.legend) {
    p.ui.key.hidden = false;
    p.ui.caption.prepend(p.ui.key);
  }
}

// The caption keeps one height, its tallest frame's (up to 6 lines; longer
// ones scroll), so the picture under it never moves.
function sizeCaption(p) {
  const caption = p.ui.caption;
  caption.style.height = "auto";
  let tallest = 0;
  for (let k = 0; k <= p.last; k++) {
    setCaption(p, k);
    tallest = Math.max(tallest, caption.offsetHeight);
  }
  // A longer caption is cut where its seventh line starts, never through a
  // line (the overflow shows in the bottom padding, so that is not counted).
  const style = getComputedStyle(caption);
  const lineHeight = parseFloat(style.lineHeight) || 20;
  const six = Math.floor(6 * lineHeight + parseFloat(style.paddingTop));
  caption.style.height = Math.min(tallest, six) + "px";
  setCaption(p, p.current);
}

// -- controls -----------------------------------------------------------------------

function stop(p) {
  if (p.timer !== null) clearInterval(p.timer);
  p.timer = null;
  p.ui.play.textContent = "\u25B6 Play";
}

function start(p) {
  if (p.current === p.last) show(p, 0);
  p.ui.play.textContent = "\u275A\u275A Pause";
  p.timer = setInterval(() => show(p, p.current + 1), p.data.interval);
}

const toggle = (p) => (p.timer === null ? start(p) : stop(p));

function wire(p) {
  const { ui, el } = p;
  const step = (k) => { stop(p); show(p, k); };
  ui.prev.addEventListener("click", () => step(p.current - 1));
  ui.next.addEventListener("click", () => step(p.current + 1));
  ui.play.addEventListener("click", () => toggle(p));
  ui.slider.addEventListener("input", () => step(Number(ui.slider.value)));
  ui.whole.addEventListener("click", () => {
    const on = ui.whole.getAttribute("aria-pressed") !== "true";
    ui.whole.setAttribute("aria-pressed", String(on));
    p.pan = null;
    place(p, true);
  });
  el.addEventListener("click", (event) => {
    if (!event.target.closest || !event.target.closest("input")) el.focus({ preventScroll: true });
  });
}

// The arrows, Home and End step; space plays; W shows the whole graph. The
// player keeps these; any other key goes on.
function onKey(p, event) {
  const control = event.target.closest && event.target.closest("button");
  const moves = { ArrowLeft: -1, ArrowRight: 1, Home: -p.frames.length, End: p.frames.length };
  if (event.key in moves) {
    stop(p);
    show(p, p.current + moves[event.key]);
  } else if (event.key === " " && !control) {
    toggle(p);
  } else if ((event.key === "w" || event.key === "W") && !p.ui.whole.hidden) {
    p.ui.whole.click();
  } else {
    return;
  }
  event.preventDefault();
  event.stopPropagation();
}

// A click on the overview looks there; dragging the stage pans a view that
// follows the steps (a whole picture has nothing to pan).
function panning(p) {
  const { ui } = p;
  ui.overview.addEventListener("click", (event) => {
    const r = ui.overview.getBoundingClientRect();
    const gx = ((event.clientX - r.left) / r.width) * p.natural.w;
    const gy = ((event.clientY - r.top) / r.height) * p.natural.h;
    p.pan = [ui.stage.clientWidth / 2 - gx * p.view.z, ui.stage.clientHeight / 2 - gy * p.view.z];
    place(p, true);
    event.stopPropagation();
  });
  ui.stage.addEventListener("pointerdown", (event) => {
    if (ui.overview.contains(event.target) || ui.whole.hidden) return;
    if (ui.whole.getAttribute("aria-pressed") === "true") return;
    p.drag = { x: event.clientX, y: event.clientY, from: [p.view.x, p.view.y] };
    ui.stage.classList.add("cr-dragging");
    ui.stage.setPointerCapture(event.pointerId);
  });
  ui.stage.addEventListener("pointermove", (event) => {
    if (!p.drag) return;
    p.pan = [p.drag.from[0] + event.clientX - p.drag.x, p.drag.from[1] + event.clientY - p.drag.y];
    place(p, false);
  });
  const release = () => {
    p.drag = null;
    ui.stage.classList.remove("cr-dragging");
  };
  ui.stage.addEventListener("pointerup", release);
  ui.stage.addEventListener("pointercancel", release);
}

// -- pure helpers -----------------------------------------------------------------

// The text of a data: URL (base64, UTF-8).
function decode(url) {
  const bytes = Uint8Array.from(atob(url.slice(url.indexOf(",") + 1)), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

// A node's text in frame k: the last of its [frame, text] entries at or before k.
function textAt(entries, k, blank) {
  let lo = 0, hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid][0] <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo ? entries[lo - 1][1] : blank;
}
