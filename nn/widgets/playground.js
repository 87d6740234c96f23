// The playground's front end (anywidget): controls in, pictures out.
//
// Python (nn/widgets/playground_widget.py) trains the model and sends each update as
// data in "frame": the decision boundary as a grid of probabilities (drawn
// here on a canvas), the loss curves, and the colour of every neuron and wire
// of the network view, whose SVG ("svg") Graphviz laid out once. Every hue it
// draws comes from Python too ("palette": the classes' colours, those of
// autograd.viz.scene.colors, as every picture draws them); here there are only greys.
// Controls set the model's traits; play, pause and reset are traits and messages.

import {
  index, mount, onWidth, ownKeys, paint, usePalette,
} from "../../autograd/viz/web/stage.js";
import { canvas, drawBoundary, drawCurves } from "./canvases.js";
import { drawPanel, showHeat, watchUnits } from "./heatmaps.js";
import { explaining } from "./explain.js";
import { showFlags } from "./keys.js";
import { controls, showControls, SHOWN } from "./controls.js";
import { editing } from "./points.js";

// Sizes in CSS pixels. The boundary and the loss side by side, the network under them
// scaled to the output's width and NET_HEIGHT: at 1280 x 800 all three stay in view
// together for up to 6 hidden layers of 8, the widget's top at the notebook's.
const SIDE = 200, CURVES = [280, 200], NET_HEIGHT = 260;
// Pixels kept above the palette's least text size (min_px, Python's) when the network is
// scaled down: the picture is drawn at a whole-pixel width, which may round it down.
const SPARE_PX = 0.5;

const LAYOUT =
  '<div class="cr-pg-bar">' +
  '<button type="button" class="cr-pg-play" aria-pressed="false">\u25B6 Play</button>' +
  '<button type="button" class="cr-pg-step">Step</button>' +
  '<button type="button" class="cr-pg-reset">Reset</button>' +
  '<span class="cr-pg-counter"></span><span class="cr-pg-loss" aria-live="off"></span>' +
  '<span class="cr-pg-rate"></span></div>' +
  // Under the buttons, where the eye goes when Play stops: why it stopped, or why a
  // setting was refused.
  '<div class="cr-pg-error" role="alert" hidden></div>' +
  '<button type="button" class="cr-pg-lower" hidden>Reset with learning rate \u00F7 10</button>' +
  '<div class="cr-pg-controls"></div><div class="cr-pg-controls cr-pg-datarow"></div>' +
  '<div class="cr-pg-panels">' +
  '<div class="cr-pg-panel"><span class="cr-pg-title cr-pg-btitle">Decision boundary</span>' +
  '<canvas class="cr-pg-boundary"></canvas>' +
  '<span class="cr-pg-key cr-pg-classes"></span>' +
  '<span class="cr-pg-key cr-pg-sets">\u25CF training \u25CB validation</span></div>' +
  '<div class="cr-pg-panel"><span class="cr-pg-title">Loss ' +
  '<span class="cr-pg-line"></span> training ' +
  '<span class="cr-pg-line cr-pg-dashed"></span> validation</span>' +
  '<canvas class="cr-pg-curves"></canvas></div>' +
  '<div class="cr-pg-panel"><span class="cr-pg-title">Flags</span>' +
  '<ul class="cr-pg-flags"></ul></div>' +
  '<div class="cr-pg-panel cr-pg-wide"><div class="cr-pg-nethead"><span class="cr-pg-title">' +
  'Network <span class="cr-pg-netname"></span></span><span class="cr-pg-key cr-pg-netkey">' +
  '</span></div><span class="cr-pg-key cr-pg-heatkey"></span>' +
  '<span class="cr-pg-netnote" hidden></span><div class="cr-pg-net"></div></div></div>';

function render({ model, el }) {
  el.classList.add("cr-pg");
  el.innerHTML = LAYOUT;
  // Python's palette (autograd/viz/views/palette.py): the classes, the signs, the alarm.
  const pg = { model, el, palette: model.get("palette"), ui: parts(el), selects: {}, labels: {},
    units: new Map(), wires: new Map(), unit: null, scratch: document.createElement("canvas") };
  usePalette(el, pg.palette);
  controls(pg);
  buttons(pg);
  const handlers = [["frame", () => showFrame(pg)], ["svg", () => drawNetwork(pg)],
    ["playing", () => showPlaying(pg)], ["error", () => showError(pg, model.get("error"))],
    ["heat", () => showHeat(pg)],
    ["palette", () => usePalette(el, (pg.palette = model.get("palette")))],
    ...["points", "show_test", "discretize"].map((n) => [n, () => drawPanel(pg)]),
    ...SHOWN.map((n) => [n, () => showControls(pg)])];
  for (const [name, handler] of handlers) model.on("change:" + name, handler);
  showPlaying(pg);
  showError(pg, model.get("error"));
  drawNetwork(pg);
  // The output's width changes with the window and the side panels: refit the network
  // then, and only then (its new height alone would call this again).
  const { net, note } = pg.ui;
  const refit = () => fitNetwork(net.querySelector("svg"), net, note, pg.palette);
  const stopWatching = onWidth(net, refit);
  // The unit under the pointer (or clicked) is shown large in the boundary's panel.
  const stopUnits = watchUnits(net, (key) => ((pg.unit = key), drawPanel(pg)));
  net.addEventListener("scroll", () => showInView(net.querySelector("svg"), net, note));
  const stopExplaining = explaining(pg), stopEditing = editing(pg);
  showControls(pg); // after editing(): "a click" is a control a lesson may hide too
  // Keys typed in a control (the hidden layers' sizes, a select) are the
  // playground's, never the notebook's.
  const kept = (event) => event.target.matches("input, select") && event.stopPropagation();
  const stopKeys = ownKeys(el, kept);
  return () => {
    stopWatching();
    stopKeys();
    [stopUnits, stopExplaining, stopEditing].forEach((stop) => stop());
    for (const [name, handler] of handlers) model.off("change:" + name, handler);
  };
}

function parts(el) {
  const ui = {};
  for (const name of ["play", "step", "reset", "lower", "counter", "loss", "rate", "error", "controls",
    "net", "flags", "netnote", "netname", "netkey", "heatkey", "classes", "btitle", "datarow"]) {
    ui[name] = el.querySelector(".cr-pg-" + name);
  }
  ui.note = ui.netnote;
  ui.boundary = canvas(el.querySelector(".cr-pg-boundary"), SIDE, SIDE);
  ui.curves = canvas(el.querySelector(".cr-pg-curves"), ...CURVES);
  return ui;
}

// -- controls ------------------------------------------------------------------------

function buttons(pg) {
  const { model, ui } = pg;
  ui.play.addEventListener("click", () => {
    model.set("playing", !model.get("playing"));
    model.save_changes();
  });
  ui.step.addEventListener("click", () => model.send({ do: "step" }));
  ui.reset.addEventListener("click", () => model.send({ do: "reset" }));
  // Python divides the learning rate (pg.reset(lr=pg.lr / 10)); the select then shows it.
  ui.lower.addEventListener("click", () => model.send({ do: "reset", lr: "tenth" }));
}

function showPlaying(pg) {
  const on = pg.model.get("playing"), { play, step } = pg.ui;
  play.setAttribute("aria-pressed", String(on));
  play.textContent = on ? "\u275A\u275A Pause" : "\u25B6 Play";
  step.disabled = on;
}

function showError(pg, text) {
  pg.ui.error.textContent = text;
  pg.ui.error.hidden = !text;
  // The trainer's words for a step that diverged (nn/widgets/trainer.py), and only those.
  pg.ui.lower.hidden = !text.startsWith("training diverged");
}

// -- the network view and each update ------------------------------------------------------

function drawNetwork(pg) {
  const { ui } = pg;
  const svg = mount(ui.net, pg.model.get("svg"));
  ui.netname.textContent = svg.getAttribute("data-title") || "";
  fitNetwork(svg, ui.net, ui.note, pg.palette);
  const { nodes, edges } = index(svg);
  pg.units = nodes;
  pg.wires = new Map([...edges].map(([key, [g]]) => [key, g]));
  showFrame(pg);
  showHeat(pg);
}

function showFrame(pg) {
  const { model, ui } = pg, frame = model.get("frame");
  if (!frame.surface) return;
  ui.counter.textContent = "step " + frame.steps;
  ui.loss.textContent = frame.text.replace(/^step \d+ · /, "");
  ui.rate.textContent = model.get("playing") ? frame.rate + " updates/s" : "";
  drawPanel(pg);
  drawCurves(ui.curves, frame.loss, frame.val);
  // A playground frame is a network frame, and more (frames.py).
  for (const [tags, looks] of [[pg.units, frame.units], [pg.wires, frame.wires]]) {
    for (const [key, look] of Object.entries(looks)) if (tags.has(key)) paint(tags.get(key), look);
  }
  showFlags(ui.flags, frame.flags, model.get("show"));
  const what = model.get("show") === "weight" ? "value" : "gradient";
  ui.netkey.textContent = "each weight and bias by its " + what +
    ": blue +, orange \u2212, paler the smaller (|\u00B7| from " + frame.scale.ticks[0] +
    " to " + frame.scale.ticks[1] + ")";
  pg.el.setAttribute("data-step", String(frame.steps));
}

// -- drawing and fitting (functions of their arguments and the DOM they are given) ----

// The network as wide as the output (at most its own size and NET_HEIGHT tall), but
// never so small that its smallest text is under the palette's min_px (and SPARE_PX):
// then it keeps that size, scrolls sideways, and the note above it says so.
function fitNetwork(svg, net, note, palette) {
  const pxPerPt = palette.px_per_pt;
  if (!svg || !svg.viewBox.baseVal || !svg.viewBox.baseVal.width) return;
  const { width, height } = svg.viewBox.baseVal; // in points
  const sizes = [...svg.querySelectorAll("text")].map((t) => Number(t.getAttribute("font-size")));
  const least = ((palette.min_px + SPARE_PX) * width) / Math.min(14, ...sizes.filter((n) => n > 0));
  const room = net.clientWidth;
  if (!room) return; // not on the page yet: the ResizeObserver fits it once it is
  const shown = Math.max(least, Math.min(width * pxPerPt, room, (NET_HEIGHT * width) / height));
  svg.style.width = shown + "px";
  svg.style.height = (shown * height) / width + "px";
  note.hidden = shown <= room + 0.5;
  showInView(svg, net, note);
}

// Which hidden layers the scrolled network shows, and how to reach the others.
function showInView(svg, net, note) {
  if (!svg || note.hidden) return;
  const box = net.getBoundingClientRect();
  const firsts = [...index(svg).nodes].filter(([key]) => key.endsWith("_0")); // one a column
  const columns = firsts.map(([key, g]) => {
    const r = g.getBoundingClientRect();
    return [Number(key.split("_")[0]), r.left >= box.left - 1 &&
      r.right <= box.right + 1];
  });
  const hidden = columns.length - 2; // less the inputs and the output
  const seen = columns.filter(([c, inView]) => inView && c >= 1 && c <= hidden).map(([c]) => c);
  const range = seen.length ? Math.min(...seen) + "\u2013" + Math.max(...seen) : "none";
  note.textContent = "\u2194 Too wide for this output at a readable size: hidden layers " +
    range + " of " + hidden + " in view; scroll the network sideways (its scroll bar, " +
    "or Shift + wheel) for the rest.";
}

export default { render };
