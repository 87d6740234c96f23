// Where the player's view looks (player.js): the whole graph where it reads at
// 11 px or more; else the step's node and what it uses, with an overview of the
// whole; and, on W and in the summary frame, the whole graph at 11 px or more,
// scrolling sideways where it is wider than the stage. A network too wide for
// that has a folded summary (one box per neuron), which its summary frame shows
// in the graph's place. Every function takes the player's state, p (player.js's
// build), first.

import { bounds, clamp, fitted, overlaps, union } from "./stage.js";

const MARGIN = 28; // pixels kept around the active node and its operands

// What the view centres on for node i: its box, then as much of its op, the
// edges of its step and extra as fits at a readable size, nearest first, so that
// a neuron's weights (kept together beside its op) come into view together.
function focus(p, i, fits, extra) {
  let box = bounds([p.boxes.get(i)]);
  if (!box) return null;
  const centre = (b) => [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2];
  const [cx, cy] = centre(box);
  const parts = [p.ops.get(i), ...(p.edges.get(i) || []), ...extra].filter(Boolean);
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

// Zoom and position: the whole graph where it fits at a readable size; else the
// whole graph at 11 px or more on W and in the summary frame (scrolling
// sideways, and saying so, where it is wider than the stage); else the step.
export function place(p, animate) {
  const { ui, natural } = p;
  const width = ui.stage.clientWidth || natural.w;
  // The stage takes what the window has left under the controls and the
  // caption, so that the whole player fits on screen (within 260 to 560 px).
  const above = ui.stage.getBoundingClientRect().top - p.el.getBoundingClientRect().top;
  const tallest = Math.max(260, Math.min(560, (window.innerHeight || 800) - above - 36));
  const fit = fitted(width, tallest, natural.w, natural.h);
  const follow = fit < p.smallest;
  const pressed = ui.whole.getAttribute("aria-pressed") === "true";
  const all = follow && (pressed || p.frames[p.current].summary);
  const fold = all && !pressed && p.folded !== null;
  ui.whole.hidden = !follow;
  ui.overview.hidden = !follow || all;
  ui.canvas.style.visibility = fold ? "hidden" : "";
  ui.fold.hidden = !fold;
  const at = !follow ? whole(p, width, fit)
    : fold ? sideways(p.folded, width) : all ? sideways(p, width) : followed(p, width, tallest);
  if (fold) Object.assign(ui.fold.style, { width: p.folded.natural.w * at.z + "px",
    height: p.folded.natural.h * at.z + "px", left: at.x + "px" });
  ui.note.hidden = !at.wide;
  ui.stage.classList.toggle("cr-wide", at.wide);
  const shownW = fold ? p.folded.natural.w : natural.w;
  ui.room.style.width = at.wide ? Math.ceil(shownW * at.z) + "px" : "0";
  ui.stage.style.height = at.height + (at.wide ? scrollbar(ui.stage) : 0) + "px";
  ui.stage.scrollLeft = at.wide && !fold ? scrolledTo(p, at.z, width) : 0;
  ui.canvas.classList.toggle("cr-still", !animate);
  ui.canvas.style.transform = "translate(" + at.x + "px, " + at.y + "px) scale(" + at.z + ")";
  p.el.setAttribute("data-zoom", at.z.toFixed(4));
  if (!ui.overview.hidden) mapView(p, at, width, at.height);
  p.view = { x: at.x, y: at.y, z: at.z };
}

// The whole graph, fitted to the stage.
function whole(p, width, z) {
  const height = Math.ceil(p.natural.h * z) + 2;
  return { z, x: (width - p.natural.w * z) / 2, y: 0, height, wide: false };
}

// Never under 11 px: as wide as the stage, which grows to the graph's height
// (the page scrolls); wider than the stage even at 11 px, it scrolls sideways.
// ``shown`` is the picture: the player's state p, or its folded summary.
function sideways(shown, width) {
  const { w, h } = shown.natural;
  const z = Math.max(shown.smallest, fitted(width, Infinity, w, h));
  const wide = w * z > width + 0.5;
  return { z, wide, x: wide ? 0 : (width - w * z) / 2, y: 0, height: Math.ceil(h * z) + 2 };
}

// One height for every frame (the zoom changes, the stage does not).
function followed(p, width, tallest) {
  const height = Math.min(tallest, p.natural.h + 2);
  const [z, x, y, focused, own] = aim(p, width, height);
  if (!p.ui.overview.hidden) placeMap(p, width, height, focused, own);
  return { z, x, y, height, wide: false };
}

// Where a stage that scrolls sideways starts: the step's node in the middle.
function scrolledTo(p, z, width) {
  const box = bounds([p.boxes.get(p.frames[p.current].view)]);
  return box ? ((box.x0 + box.x1) / 2) * z - width / 2 : 0;
}

// The height of the stage's sideways scroll bar, when it has one.
const scrollbar = (stage) => Math.max(0, stage.offsetHeight - stage.clientHeight - 2);

// Where the view looks while it follows the steps: [zoom, x, y] at which
// the focus box (see focus) is centred in the stage (or the user's own
// position, dragged to), and that box and the node's own, on screen.
function aim(p, width, height) {
  const { natural, smallest } = p;
  const node = p.frames[p.current].view;
  // On a step, its operands' boxes and its labels on show count too.
  const extra = p.frames[p.current].active === node ? [...p.fresh, ...p.backed] : [];
  const room = (b) => fitted(width, height, b.x1 - b.x0 + 2 * MARGIN, b.y1 - b.y0 + 2 * MARGIN);
  const box = (node >= 0 && focus(p, node, (b) => room(b) >= smallest, extra)) ||
    { x0: 0, y0: 0, x1: natural.w, y1: natural.h };
  const z = Math.max(smallest, room(box));
  let x = width / 2 - ((box.x0 + box.x1) / 2) * z;
  let y = height / 2 - ((box.y0 + box.y1) / 2) * z;
  if (p.pan) [x, y] = p.pan;
  x = clamp(x, natural.w * z, width);
  y = clamp(y, natural.h * z, height);
  const at = (b) => b && { x0: x + b.x0 * z, y0: y + b.y0 * z, x1: x + b.x1 * z, y1: y + b.y1 * z };
  return [z, x, y, at(box), at(node >= 0 ? bounds([p.boxes.get(node)]) : null)];
}

// -- the overview -------------------------------------------------------------------

// The overview's size: at most 170 px and 22% of the stage wide, 45% of it
// high, so that a tall graph's map does not take a column of the stage.
function mapSize(p, width, height) {
  const { natural } = p;
  let w = Math.min(170, width * 0.22), h = (w * natural.h) / natural.w;
  const most = Math.max(60, height * 0.45);
  if (h > most) {
    h = most;
    w = (h * natural.w) / natural.h;
  }
  return { w, h };
}

// The overview goes to a corner of the stage where it covers none of the
// focus box (the one it is in, if it may stay), else none of the node, else
// it hides for this frame. Corners: 0 top right, 1 bottom right, 2 top left, 3 bottom left.
function placeMap(p, width, height, focused, own) {
  const { w, h } = mapSize(p, width, height);
  const rect = (c) => {
    const x0 = c < 2 ? width - 6 - w : 6, y0 = c % 2 ? height - 6 - h : 6;
    return { x0, y0, x1: x0 + w, y1: y0 + h };
  };
  const order = [p.corner, 0, 1, 2, 3];
  const free = (b) => order.find((c) => !b || !overlaps(rect(c), b));
  const c = [free(focused), free(own)].find((k) => k !== undefined);
  p.ui.overview.style.visibility = c === undefined ? "hidden" : "";
  if (c === undefined) return;
  p.corner = c;
  p.ui.overview.style.left = rect(c).x0 + "px";
  p.ui.overview.style.top = rect(c).y0 + "px";
}

function mapView(p, { x, y, z }, width, height) {
  const { ui } = p;
  const { w, h } = mapSize(p, width, height);
  const s = w / p.natural.w;
  Object.assign(ui.overview.style, { width: w + "px", height: h + "px" });
  Object.assign(ui.lens.style, { left: (-x / z) * s + "px", top: (-y / z) * s + "px",
    width: (width / z) * s + "px", height: (height / z) * s + "px" });
  const active = p.frames[p.current].active;
  const box = active >= 0 ? bounds([p.boxes.get(active)]) : null;
  ui.dot.hidden = !box;
  if (box) {
    ui.dot.style.left = ((box.x0 + box.x1) / 2) * s + "px";
    ui.dot.style.top = ((box.y0 + box.y1) / 2) * s + "px";
  }
}
