// The step-through player's front end: one SVG, laid out once, and frames as data.
//
// Python (autograd/viz/player.py) decides everything a frame shows; this only
// applies it: the text of the cells a frame rewrites, the active node and its
// edges, the caption, and where the view looks. The SVG comes from the static
// view's <img> (the summary frame as a data URL), so it is shipped once.
//
// An ES module with one export, render({ el, data, onStep }). A notebook output
// cannot import anything, so the output inlines it, and stage.js, as a plain
// script (autograd/viz/esm.py) and calls render itself; the lab (lab.js)
// imports it, passes onStep(k) to hear each step, and moves the player with
// the show(k) that render returns.

import { usePalette } from "./stage.js";

const MARGIN = 28; // pixels kept around the active node and its operands

export function render({ el, data, onStep }) {
  if (el.getAttribute("data-cr-ready")) return null;
  el.setAttribute("data-cr-ready", "1");
  const doc = el.ownerDocument;
  const still = el.querySelector(".cr-static");
  const source = still.querySelector("img.cr-picture").getAttribute("src");
  const frames = data.frames;
  const last = frames.length - 1;

  usePalette(el, data.palette);
  const style = doc.createElement("style");
  style.textContent = data.css;
  el.appendChild(style);
  const live = doc.createElement("div");
  live.className = "cr-live";
  live.innerHTML =
    '<div class="cr-controls">' +
    '<button type="button" class="cr-prev" title="previous step (\u2190)">\u25C0 Prev</button>' +
    '<button type="button" class="cr-play" title="play (space)">\u25B6 Play</button>' +
    '<button type="button" class="cr-next" title="next step (\u2192)">Next \u25B6</button>' +
    '<input type="range" class="cr-slider" min="0" step="1" value="0" aria-label="step">' +
    '<span class="cr-counter"></span>' +
    '<button type="button" class="cr-whole" aria-pressed="false" hidden ' +
    'title="show the whole graph (W)">Whole graph</button></div>' +
    '<div class="cr-caption" aria-live="polite"></div>' +
    '<img class="cr-key" alt="colour legend" hidden>' +
    '<p class="cr-note" hidden>The whole graph is wider than this column at 11 px: ' +
    "scroll it sideways.</p>" +
    '<div class="cr-stage"><div class="cr-canvas"></div><div class="cr-room"></div>' +
    '<div class="cr-overview" hidden title="click to look there"><img alt="overview">' +
    '<div class="cr-lens"></div><div class="cr-dot"></div></div></div>';
  el.appendChild(live);
  const $ = (selector) => live.querySelector(selector);
  const slider = $(".cr-slider"), caption = $(".cr-caption"), counter = $(".cr-counter");
  const prev = $(".cr-prev"), next = $(".cr-next"), play = $(".cr-play"), whole = $(".cr-whole");
  const stage = $(".cr-stage"), canvas = $(".cr-canvas"), overview = $(".cr-overview");
  const lens = $(".cr-lens"), dot = $(".cr-dot"), note = $(".cr-note"), room = $(".cr-room");
  const key = $(".cr-key"), legend = still.querySelector("img.cr-key");
  if (legend) key.src = legend.getAttribute("src");
  slider.max = String(last);
  overview.querySelector("img").src = source;

  const parsed = new DOMParser().parseFromString(decode(source), "image/svg+xml");
  const svg = doc.importNode(parsed.documentElement, true);
  const { min_px: MIN_PX, px_per_pt: PX_PER_PT } = data.palette;
  const natural = { w: data.picture.width * PX_PER_PT, h: data.picture.height * PX_PER_PT };
  svg.setAttribute("width", String(natural.w));
  svg.setAttribute("height", String(natural.h));
  svg.style.width = natural.w + "px";
  svg.style.height = natural.h + "px";
  canvas.appendChild(svg);
  still.hidden = true;

  // Handles on what the frames change, by node index: its box, the text the
  // frames rewrite, its op, and the edges its step uses.
  const boxes = new Map(), texts = new Map(), ops = new Map(), edges = new Map();
  for (const g of svg.querySelectorAll("[data-n]")) {
    const i = Number(g.getAttribute("data-n"));
    boxes.set(i, g);
    texts.set(i, g.querySelector(".cr-t"));
  }
  for (const g of svg.querySelectorAll("[data-o]")) ops.set(Number(g.getAttribute("data-o")), g);
  for (const g of svg.querySelectorAll("[data-e]")) {
    const i = Number(g.getAttribute("data-e"));
    if (!edges.has(i)) edges.set(i, []);
    edges.get(i).push(g);
  }
  // The edges' chain-rule labels, by node index as edges, lifted into one
  // layer drawn last, so that no edge drawn after a label runs over it.
  const labels = new Map();
  const layer = doc.createElementNS(svg.namespaceURI, "g");
  const filter = "url(#" + backdrop(svg) + ")";
  const paths = new Map(); // each label's own edge
  for (const [i, groups] of edges) {
    const texts = [];
    for (const g of groups) {
      for (const t of g.querySelectorAll(".cr-x")) {
        texts.push(t);
        paths.set(t, g.querySelector("path"));
        layer.appendChild(t);
      }
    }
    labels.set(i, texts);
  }
  (svg.querySelector("g") || svg).appendChild(layer);
  crowd([...svg.querySelectorAll("g.node")], labels, paths); // every node: boxes, ops, constants
  const partsOf = (i) =>
    [boxes.get(i), ops.get(i), ...(edges.get(i) || []), ...(labels.get(i) || [])].filter(Boolean);
  // Each node's rewritten text, frame by frame: [[frame, text], ...].
  const timeline = new Map();
  frames.forEach((frame, k) => {
    for (const [i, text] of frame.changes) {
      if (!timeline.has(i)) timeline.set(i, []);
      timeline.get(i).push([k, text]);
    }
  });
  for (const i of boxes.keys()) if (!timeline.has(i)) timeline.set(i, []);

  let current = 0, timer = null, lit = [], fresh = [], backed = [];
  let pan = null; // a position the user dragged or clicked to, until the next step

  function show(k) {
    k = Math.max(0, Math.min(last, k));
    current = k;
    const { active, changes, summary } = frames[k];
    for (const [i, entries] of timeline) {
      const text = texts.get(i);
      if (text) {
        const wanted = data.cell + " " + textAt(entries, k);
        if (text.textContent !== wanted) text.textContent = wanted;
      }
    }
    svg.classList.toggle("cr-plain", !summary);
    // The overview is the summary's picture: grey until the summary frame.
    overview.classList.toggle("cr-grey", !summary);
    for (const g of lit) g.classList.remove("cr-on");
    for (const g of fresh) g.classList.remove("cr-fresh");
    lit = active >= 0 ? partsOf(active) : [];
    fresh = changes.map(([i]) => boxes.get(i)).filter(Boolean);
    for (const g of lit) g.classList.add("cr-on");
    // Only the labels on show get their backdrop: a hidden (or crowded)
    // label's would still paint its white box.
    for (const t of backed) t.removeAttribute("filter");
    backed = (labels.get(active) || []).filter((t) => !t.classList.contains("cr-crowded"));
    for (const t of backed) t.setAttribute("filter", filter);
    for (const g of fresh) g.classList.add("cr-fresh");
    setCaption(k);
    counter.textContent = frames[k].counter;
    slider.value = String(k);
    el.setAttribute("data-step", String(k));
    prev.disabled = k === 0;
    next.disabled = k === last;
    if (k === last) stop();
    pan = null;
    place(true);
    if (onStep) onStep(k);
  }

  // The summary frame's caption carries the colour legend, floated right.
  function setCaption(k) {
    caption.textContent = frames[k].caption;
    if (frames[k].summary && legend) {
      key.hidden = false;
      caption.prepend(key);
    }
  }

  // -- where the view looks -------------------------------------------------

  // What the view centres on for node i: its box, then as much of its op, the
  // edges of its step and extra as fits at a readable size, nearest first, so that
  // a neuron's weights (kept together beside its op) come into view together.
  function focus(i, fits, extra) {
    let box = bounds([boxes.get(i)]);
    if (!box) return null;
    const centre = (b) => [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2];
    const [cx, cy] = centre(box);
    const parts = [ops.get(i), ...(edges.get(i) || []), ...extra].filter(Boolean);
    const near = parts.map((g) => bounds([g])).filter(Boolean);
    near.sort((a, b) => {
      const [ax, ay] = centre(a), [bx, by] = centre(b);
      return Math.hypot(ax - cx, ay - cy) - Math.hypot(bx - cx, by - cy);
    });
    for (const b of near) {
      const wider = union(box, b);
      if (fits(wider)) box = wider;
    }
    return box;
  }

  function place(animate) {
    const width = stage.clientWidth || natural.w;
    // The stage takes what the window has left under the controls and the
    // caption, so that the whole player fits on screen (within 260 to 560 px).
    const above = stage.getBoundingClientRect().top - el.getBoundingClientRect().top;
    const tallest = Math.max(260, Math.min(560, (window.innerHeight || 800) - above - 36));
    // (A hair over: a zoom of exactly 0.75 may draw 11-px text at 10.9997 px.)
    const smallest = MIN_PX / (data.picture.smallest * PX_PER_PT) + 1e-4;
    const fit = fitted(width, tallest, natural.w, natural.h);
    const follow = fit < smallest;
    // The whole graph: on W, and in the summary frame, which shows every result.
    const all = follow && (whole.getAttribute("aria-pressed") === "true" || frames[current].summary);
    whole.hidden = !follow;
    overview.hidden = !follow || all;
    let z, x, y, height, wide = false;
    if (!follow) {
      z = fit;
      height = Math.ceil(natural.h * z) + 2;
      x = (width - natural.w * z) / 2;
      y = 0;
    } else if (all) {
      // Never under 11 px: as wide as the stage, which grows to the graph's
      // height (the page scrolls); wider than the stage even at 11 px, it
      // scrolls sideways, and the note above it says so.
      z = Math.max(smallest, fitted(width, Infinity, natural.w, natural.h));
      wide = natural.w * z > width + 0.5;
      height = Math.ceil(natural.h * z) + 2;
      x = wide ? 0 : (width - natural.w * z) / 2;
      y = 0;
    } else {
      // One height for every frame (the zoom changes, the stage does not).
      height = Math.min(tallest, natural.h + 2);
      let focused, own;
      [z, x, y, focused, own] = aim(width, height, smallest);
      if (!overview.hidden) placeMap(width, height, focused, own);
    }
    note.hidden = !wide;
    stage.classList.toggle("cr-wide", wide);
    room.style.width = wide ? Math.ceil(natural.w * z) + "px" : "0";
    stage.style.height = height + (wide ? scrollbar() : 0) + "px";
    stage.scrollLeft = wide ? scrolledTo(z, width) : 0;
    canvas.classList.toggle("cr-still", !animate);
    canvas.style.transform = "translate(" + x + "px, " + y + "px) scale(" + z + ")";
    el.setAttribute("data-zoom", z.toFixed(4));
    if (!overview.hidden) mapView(x, y, z, width, height);
    view = { x, y, z };
  }
  let view = { x: 0, y: 0, z: 1 };
  // Where a stage that scrolls sideways starts: the step's node in the middle.
  function scrolledTo(z, width) {
    const box = bounds([boxes.get(frames[current].view)]);
    return box ? ((box.x0 + box.x1) / 2) * z - width / 2 : 0;
  }
  // The height of the stage's sideways scroll bar, when it has one.
  const scrollbar = () => Math.max(0, stage.offsetHeight - stage.clientHeight - 2);

  // The overview's size: at most 170 px and 22% of the stage wide, 45% of it
  // high, so that a tall graph's map does not take a column of the stage.
  function mapSize(width, height) {
    let w = Math.min(170, width * 0.22), h = (w * natural.h) / natural.w;
    const most = Math.max(60, height * 0.45);
    if (h > most) {
      h = most;
      w = (h * natural.w) / natural.h;
    }
    return { w, h };
  }

  // Where the view looks while it follows the steps: [zoom, x, y] at which
  // the focus box (see focus) is centred in the stage (or the user's own
  // position, dragged to), and that box and the node's own, on screen.
  function aim(width, height, smallest) {
    const node = frames[current].view;
    // On a step, its operands' boxes and its labels on show count too.
    const extra = frames[current].active === node ? [...fresh, ...backed] : [];
    const room = (b) => fitted(width, height, b.x1 - b.x0 + 2 * MARGIN, b.y1 - b.y0 + 2 * MARGIN);
    const box = (node >= 0 && focus(node, (b) => room(b) >= smallest, extra)) ||
      { x0: 0, y0: 0, x1: natural.w, y1: natural.h };
    const z = Math.max(smallest, room(box));
    let x = width / 2 - ((box.x0 + box.x1) / 2) * z;
    let y = height / 2 - ((box.y0 + box.y1) / 2) * z;
    if (pan) [x, y] = pan;
    x = clamp(x, natural.w * z, width);
    y = clamp(y, natural.h * z, height);
    const at = (b) => b && { x0: x + b.x0 * z, y0: y + b.y0 * z, x1: x + b.x1 * z, y1: y + b.y1 * z };
    return [z, x, y, at(box), at(node >= 0 ? bounds([boxes.get(node)]) : null)];
  }

  // The overview goes to a corner of the stage where it covers none of the
  // focus box (the one it is in, if it may stay), else none of the node, else
  // it hides for this frame.
  let corner = 0; // 0 top right, 1 bottom right, 2 top left, 3 bottom left
  function placeMap(width, height, focused, own) {
    const { w, h } = mapSize(width, height);
    const rect = (c) => {
      const x0 = c < 2 ? width - 6 - w : 6, y0 = c % 2 ? height - 6 - h : 6;
      return { x0, y0, x1: x0 + w, y1: y0 + h };
    };
    const order = [corner, 0, 1, 2, 3];
    const free = (b) => order.find((c) => !b || !overlaps(rect(c), b));
    const c = [free(focused), free(own)].find((k) => k !== undefined);
    overview.style.visibility = c === undefined ? "hidden" : "";
    if (c === undefined) return;
    corner = c;
    overview.style.left = rect(c).x0 + "px";
    overview.style.top = rect(c).y0 + "px";
  }

  function mapView(x, y, z, width, height) {
    const { w, h } = mapSize(width, height);
    const s = w / natural.w;
    overview.style.width = w + "px";
    overview.style.height = h + "px";
    lens.style.left = (-x / z) * s + "px";
    lens.style.top = (-y / z) * s + "px";
    lens.style.width = (width / z) * s + "px";
    lens.style.height = (height / z) * s + "px";
    const active = frames[current].active;
    const box = active >= 0 ? bounds([boxes.get(active)]) : null;
    dot.hidden = !box;
    if (box) {
      dot.style.left = ((box.x0 + box.x1) / 2) * s + "px";
      dot.style.top = ((box.y0 + box.y1) / 2) * s + "px";
    }
  }

  // -- controls -------------------------------------------------------------

  function stop() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    play.textContent = "\u25B6 Play";
  }
  function start() {
    if (current === last) show(0);
    play.textContent = "\u275A\u275A Pause";
    timer = setInterval(() => show(current + 1), data.interval);
  }
  prev.addEventListener("click", () => { stop(); show(current - 1); });
  next.addEventListener("click", () => { stop(); show(current + 1); });
  play.addEventListener("click", () => (timer === null ? start() : stop()));
  slider.addEventListener("input", () => { stop(); show(Number(slider.value)); });
  whole.addEventListener("click", () => {
    const on = whole.getAttribute("aria-pressed") !== "true";
    whole.setAttribute("aria-pressed", String(on));
    pan = null;
    place(true);
  });
  // Keys are heard on the window, capturing, while focus is in the player: a
  // notebook acts on the arrow keys itself (JupyterLab as they bubble up,
  // Notebook 7 as they go down through the document), and here the player
  // sees them first and keeps them.
  const win = doc.defaultView || window;
  function onKey(event) {
    if (!el.isConnected) {
      win.removeEventListener("keydown", onKey, true); // the output was cleared
      return;
    }
    if (!el.contains(doc.activeElement)) return;
    const control = event.target.closest && event.target.closest("button");
    const moves = { ArrowLeft: -1, ArrowRight: 1, Home: -frames.length, End: frames.length };
    if (event.key in moves) {
      stop();
      show(current + moves[event.key]);
    } else if (event.key === " " && !control) {
      timer === null ? start() : stop();
    } else if ((event.key === "w" || event.key === "W") && !whole.hidden) {
      whole.click();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }
  win.addEventListener("keydown", onKey, true);
  el.addEventListener("click", (event) => {
    if (!event.target.closest || !event.target.closest("input")) el.focus({ preventScroll: true });
  });

  overview.addEventListener("click", (event) => {
    const r = overview.getBoundingClientRect();
    const gx = ((event.clientX - r.left) / r.width) * natural.w;
    const gy = ((event.clientY - r.top) / r.height) * natural.h;
    pan = [stage.clientWidth / 2 - gx * view.z, stage.clientHeight / 2 - gy * view.z];
    place(true);
    event.stopPropagation();
  });
  let drag = null;
  stage.addEventListener("pointerdown", (event) => {
    // Dragging pans a view that follows the steps; a whole picture has nothing to pan.
    if (overview.contains(event.target) || whole.hidden) return;
    if (whole.getAttribute("aria-pressed") === "true") return;
    drag = { x: event.clientX, y: event.clientY, from: [view.x, view.y] };
    stage.classList.add("cr-dragging");
    stage.setPointerCapture(event.pointerId);
  });
  stage.addEventListener("pointermove", (event) => {
    if (!drag) return;
    pan = [drag.from[0] + event.clientX - drag.x, drag.from[1] + event.clientY - drag.y];
    place(false);
  });
  const release = () => {
    drag = null;
    stage.classList.remove("cr-dragging");
  };
  stage.addEventListener("pointerup", release);
  stage.addEventListener("pointercancel", release);

  // The caption keeps one height, its tallest frame's (up to 6 lines; longer
  // ones scroll), so the picture under it never moves.
  function sizeCaption() {
    caption.style.height = "auto";
    let tallest = 0;
    for (let k = 0; k <= last; k++) {
      setCaption(k);
      tallest = Math.max(tallest, caption.offsetHeight);
    }
    // A longer caption is cut where its seventh line starts, never through a
    // line (the overflow shows in the bottom padding, so that is not counted).
    const style = getComputedStyle(caption);
    const lineHeight = parseFloat(style.lineHeight) || 20;
    const six = Math.floor(6 * lineHeight + parseFloat(style.paddingTop));
    caption.style.height = Math.min(tallest, six) + "px";
    setCaption(current);
  }
  let measuredWidth = 0;
  const resized = () => {
    if (stage.clientWidth === measuredWidth) return;
    measuredWidth = stage.clientWidth;
    sizeCaption();
    place(false);
  };
  if (typeof ResizeObserver !== "undefined") new ResizeObserver(resized).observe(live);
  sizeCaption();
  show(0);
  place(false);
  if (data.autofocus) el.focus({ preventScroll: true });
  return { show: (k) => { stop(); show(k); } };
}

// -- pure helpers ---------------------------------------------------------------


// The text of a data: URL (base64, UTF-8).
function decode(url) {
  const bytes = Uint8Array.from(atob(url.slice(url.indexOf(",") + 1)), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

// A node's text in frame k: the last of its [frame, text] entries at or before k.
function textAt(entries, k) {
  let lo = 0, hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid][0] <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo ? entries[lo - 1][1] : "";
}

// Boxes in the SVG's own pixels (at zoom 1): { x0, y0, x1, y1 }.
function bounds(elements) {
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

// Graphviz places every edge's chain-rule label, even over a node. A step
// shows only its own labels: one that covers a node or an earlier label of the
// same step is moved onto its own edge (its middle, then either side of it)
// where that is free, else marked "cr-crowded" and stays hidden (the caption
// has it).
function crowd(nodes, labels, paths) {
  const solid = nodes.map((g) => bounds([g])).filter(Boolean);
  const hits = (a, b) => overlaps(a, b, 1); // touching is not covering
  for (const texts of labels.values()) {
    const kept = [], crowded = [];
    const free = (box) => !solid.some((b) => hits(box, b)) && !kept.some((b) => hits(box, b));
    for (const label of texts) {
      const box = bounds([label]);
      if (!box) continue;
      if (free(box)) kept.push(box);
      else crowded.push(label);
    }
    for (const label of crowded) {
      const box = moveAlong(label, paths.get(label), free);
      if (box) kept.push(box);
      else label.classList.add("cr-crowded");
    }
  }
}

// Centre a label on a point of its edge where fits(its box) holds; its box
// there, or null (and the label left where it was).
function moveAlong(label, path, fits) {
  if (!path || typeof path.getTotalLength !== "function") return null;
  const names = ["x", "y", "text-anchor"];
  const was = names.map((name) => label.getAttribute(name));
  const size = parseFloat(label.getAttribute("font-size")) || 14;
  const length = path.getTotalLength();
  for (const t of [0.5, 0.38, 0.62, 0.26, 0.74]) {
    const p = path.getPointAtLength(length * t);
    label.setAttribute("text-anchor", "middle");
    label.setAttribute("x", String(p.x));
    label.setAttribute("y", String(p.y + size * 0.35)); // the baseline, text centred on p
    const box = bounds([label]);
    if (box && fits(box)) return box;
  }
  names.forEach((name, k) =>
    was[k] === null ? label.removeAttribute(name) : label.setAttribute(name, was[k]));
  return null;
}

// A filter that draws each label on a white box (an edge under it is hidden),
// added to the SVG under an id of its own; returns that id.
let filters = 0;
function backdrop(svg) {
  const ns = svg.namespaceURI, doc = svg.ownerDocument;
  const make = (name, attributes, parent) => {
    const e = doc.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
    parent.appendChild(e);
    return e;
  };
  const id = "cr-backdrop-" + Date.now().toString(36) + "-" + ++filters;
  const filter = make("filter", { id, x: "-0.02", y: "0.15", width: "1.04", height: "0.8" },
    make("defs", {}, svg));
  make("feFlood", { "flood-color": "#fff", "flood-opacity": "0.9" }, filter);
  const merge = make("feMerge", {}, filter);
  make("feMergeNode", {}, merge);
  make("feMergeNode", { in: "SourceGraphic" }, merge);
  return id;
}

// The smallest box holding both (either may be null).
function union(a, b) {
  if (!a || !b) return a || b;
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0),
           x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

// The zoom (at most 1) at which w x h fits width x height.
function fitted(width, height, w, h) {
  return Math.min(1, width / w, height / h);
}

// An offset that keeps content of this size covering the room, or centred in it.
function clamp(offset, size, room) {
  if (size <= room) return (room - size) / 2;
  return Math.min(0, Math.max(room - size, offset));
}

// Two boxes share more than an edge (more than a band slack wide).
function overlaps(a, b, slack = 0) {
  return a.x0 < b.x1 - slack && b.x0 < a.x1 - slack && a.y0 < b.y1 - slack && b.y0 < a.y1 - slack;
}

