// The edges' chain-rule labels of the player's picture: lifted into a layer of
// their own, moved off the nodes they would cover, and drawn on a white box.

import { bounds, overlaps } from "./stage.js";

// The edges' labels, by node index as edges (index(svg).edges), lifted into one
// layer drawn last, so that no edge drawn after a label runs over it; each
// label's own edge path in paths. Returns { labels, paths }.
export function lift(svg, edges) {
  const labels = new Map(), paths = new Map();
  const layer = svg.ownerDocument.createElementNS(svg.namespaceURI, "g");
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
  return { labels, paths };
}

// Graphviz places every edge's chain-rule label, even over a node. A step
// shows only its own labels: one that covers a node or an earlier label of the
// same step is moved onto its own edge (its middle, then either side of it)
// where that is free, else marked "cr-crowded" and stays hidden (the caption
// has it).
export function crowd(nodes, labels, paths) {
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
export function backdrop(svg) {
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

// Each edge's parts by "node-place" (its data-e and data-k): its group and its label.
// A frame lights these beside its active node's own: a leaf's edges out, each carrying
// a term of its gradient (frames.PlayerFrame's lit, nn.explain's update frames).
export function byPlace(edges, paths) {
  const parts = new Map();
  for (const g of [...edges.values()].flat()) {
    const k = g.getAttribute("data-k");
    if (k !== null) parts.set(g.getAttribute("data-e") + "-" + k, [g]);
  }
  for (const [label, path] of paths) {
    const g = path && path.closest("g[data-e]");
    const key = g && g.getAttribute("data-e") + "-" + g.getAttribute("data-k");
    if (parts.has(key)) parts.get(key).push(label);
  }
  return parts;
}
