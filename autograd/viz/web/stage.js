// The stage every front end stands on: what the player, the lab and the
// playground share, as small functions of their arguments. It mounts a tagged
// SVG and indexes its tags (mount, index), paints it as a frame says (paint),
// fits it with the 11-px floor (natural, floor, fitted, clamp; boxes: bounds,
// union, overlaps), owns the keys while its widget has focus (ownKeys), hears
// the width change (onWidth) and applies Python's palette (usePalette).
//
// Python sends the data (autograd/viz/views/frames.py): a tagged SVG (data-n nodes,
// data-e edges, data-o ops; cr-bg backgrounds, cr-bd outlines, cr-d and cr-t
// texts: autograd/viz/views/paint.py), frames that say how to paint it, and the
// palette. Files import this one by relative path; autograd/viz/views/esm.py joins
// them into the one module (or script) a notebook can carry.

// Python's palette (autograd/viz/views/palette.py) as the CSS properties the
// stylesheets read: --cr-alarm, --cr-highlight, ..., and --cr-ramp, the key's bar.
export function usePalette(el, palette) {
  for (const name of ["zero", "alarm", "highlight", "current", "outline"]) {
    el.style.setProperty("--cr-" + name, palette[name]);
  }
  el.style.setProperty("--cr-ramp", "linear-gradient(to right, " + palette.ramp.join(", ") + ")");
}

// -- mount and index ------------------------------------------------------------

// An SVG document's text, parsed and put in host (emptied first); the SVG element.
export function mount(host, text) {
  const doc = host.ownerDocument;
  const parsed = new DOMParser().parseFromString(text, "image/svg+xml");
  const svg = doc.importNode(parsed.documentElement, true);
  host.textContent = "";
  host.appendChild(svg);
  return svg;
}

// The tagged groups of a mounted SVG, by their tag's value (as key reads it):
// nodes (data-n) and ops (data-o) one group each, edges (data-e) a list each.
export function index(svg, key = (value) => value) {
  const nodes = new Map(), ops = new Map(), edges = new Map();
  for (const g of svg.querySelectorAll("[data-n]")) nodes.set(key(g.getAttribute("data-n")), g);
  for (const g of svg.querySelectorAll("[data-o]")) ops.set(key(g.getAttribute("data-o")), g);
  for (const g of svg.querySelectorAll("[data-e]")) {
    const k = key(g.getAttribute("data-e"));
    if (!edges.has(k)) edges.set(k, []);
    edges.get(k).push(g);
  }
  return { nodes, ops, edges };
}

// A tagged group painted as a view says (a frames.Paint; autograd/viz/views/paint.py
// does the same in Python): background, outline, texts, ink.
export function paint(g, look) {
  for (const e of g.querySelectorAll(".cr-bg")) if (look.fill) e.setAttribute("fill", look.fill);
  for (const e of g.querySelectorAll(".cr-bd")) {
    if (look.stroke) e.setAttribute("stroke", look.stroke);
    if (look.width) e.setAttribute("stroke-width", String(look.width));
    e.setAttribute("stroke-dasharray", look.dashed ? "5,2" : "");
  }
  for (const t of g.querySelectorAll("text")) {
    for (const name of t.classList) if (name in look.texts) t.textContent = look.texts[name];
    if (look.ink) t.setAttribute("fill", look.ink);
  }
}

// -- fit ----------------------------------------------------------------------------

// A picture's natural size in CSS pixels ({ w, h }), from its size in points.
export function natural(picture, palette) {
  return { w: picture.width * palette.px_per_pt, h: picture.height * palette.px_per_pt };
}

// The least zoom at which the picture's smallest text is palette.min_px pixels
// (a hair over: a zoom of exactly 0.75 may draw 11-px text at 10.9997 px).
export function floor(picture, palette) {
  return palette.min_px / (picture.smallest * palette.px_per_pt) + 1e-4;
}

// The zoom (at most 1) at which w x h fits width x height.
export function fitted(width, height, w, h) {
  return Math.min(1, width / w, height / h);
}

// An offset that keeps content of this size covering the room, or centred in it.
export function clamp(offset, size, room) {
  if (size <= room) return (room - size) / 2;
  return Math.min(0, Math.max(room - size, offset));
}

// Boxes in the SVG's own pixels (at zoom 1): { x0, y0, x1, y1 }.
export function bounds(elements) {
  let box = null;
  for (const element of elements) {
    const b = element.getBBox(), m = element.getCTM();
    if (!m || (b.width === 0 && b.height === 0)) continue;
    for (const [x, y] of [[b.x, b.y], [b.x + b.width, b.y + b.height]]) {
      const p = { x0: m.a * x + m.c * y + m.e, y0: m.b * x + m.d * y + m.f };
      box = union(box, { ...p, x1: p.x0, y1: p.y0 });
    }
  }
  return box;
}

// The smallest box holding both (either may be null).
export function union(a, b) {
  if (!a || !b) return a || b;
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0),
           x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

// Two boxes share more than an edge (more than a band slack wide).
export function overlaps(a, b, slack = 0) {
  return a.x0 < b.x1 - slack && b.x0 < a.x1 - slack && a.y0 < b.y1 - slack && b.y0 < a.y1 - slack;
}

// -- keys ---------------------------------------------------------------------------

// Keys go to the widget that has focus, never to the notebook: they are heard on
// the window, capturing, while focus is in el, because a notebook acts on keys
// itself (JupyterLab as they bubble up to its document, Notebook 7 as they go
// down through it); onKey(event) sees them first, and keeps those it wants
// (preventDefault, stopPropagation). Returns what removes the listener, which
// also goes once el leaves the page (its output was cleared).
export function ownKeys(el, onKey) {
  const doc = el.ownerDocument, win = doc.defaultView || window;
  const stop = () => win.removeEventListener("keydown", heard, true);
  function heard(event) {
    if (!el.isConnected) return stop();
    if (el.contains(doc.activeElement)) onKey(event);
  }
  win.addEventListener("keydown", heard, true);
  return stop;
}

// Calls f when el's width changes (not its height alone, which f may change).
export function onWidth(el, f) {
  if (typeof ResizeObserver === "undefined") return () => {};
  let width = -1;
  const observer = new ResizeObserver(() => {
    if (el.clientWidth === width) return;
    width = el.clientWidth;
    f();
  });
  observer.observe(el);
  return () => observer.disconnect();
}
