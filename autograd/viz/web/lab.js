// The lab's front end (anywidget): sliders in, numbers and colours out.
//
// Python (autograd/viz/views/lab_widget.py) holds the state and computes every
// number; this draws it. The graph's SVG (model "svg") is laid out once by
// Graphviz; each change of "view" (frames.LabView) paints every box anew
// (stage.js's paint), so nothing moves. A node's derivation opens over the
// graph, beside the node, so nothing moves then either. The step-through
// player is player.js's render, here renderPlayer (autograd/viz/views/esm.py joins
// the files). Every function below takes the lab's state, lab (see render), first.

import { floor, index, mount, natural, onWidth, ownKeys, paint, usePalette } from "./stage.js";
import { render as renderPlayer } from "./player.js";

const GAP = 6; // between a node and its derivation, in CSS pixels
const LAYOUT =
  '<div class="cr-lab-top"><div class="cr-lab-inputs"></div>' +
  '<div class="cr-lab-side"><div class="cr-lab-readout" aria-live="polite"></div>' +
  '<div class="cr-lab-key"><span class="cr-lab-low"></span><span class="cr-lab-bar"></span>' +
  '<span class="cr-lab-high"></span> |grad|</div>' +
  '<button type="button" class="cr-lab-mode" aria-pressed="false">Step through backward</button>' +
  '<div class="cr-lab-hint">Click a node for its derivation.</div>' +
  "</div></div>" +
  '<div class="cr-lab-error" hidden></div>' +
  '<div class="cr-lab-wide" hidden>The graph is wider than this output: ' +
  "scroll it sideways to see the rest.</div>" +
  '<div class="cr-lab-stage"><div class="cr-lab-graph"></div>' +
  '<div class="cr-lab-derivation" role="status" hidden></div></div>' +
  '<div class="cr-lab-player" hidden></div>';

function render({ model, el }) {
  el.classList.add("cr-lab");
  el.tabIndex = -1; // a click in the lab gives it the keys (see onKey)
  el.innerHTML = LAYOUT;
  usePalette(el, model.get("palette"));
  const lab = { model, el, ui: parts(el), rows: new Map(), boxes: new Map(), selected: -1,
    sentAt: null, fittedTo: -1, player: null };
  inputs(lab);
  const handlers = [["inputs", showInputs], ["svg", drawPicture], ["view", showView],
    ["mode", showMode], ["player", showPlayer], ["step", showStep], ["error", showError]]
    .map(([name, show]) => [name, () => show(lab)]);
  for (const [name, handler] of handlers) model.on("change:" + name, handler);
  lab.ui.mode.addEventListener("click", () => {
    model.set("mode", model.get("mode") === "steps" ? "gradients" : "steps");
    model.save_changes();
  });
  lab.ui.stage.addEventListener("click", (event) => {
    if (!event.target.closest("g[data-n]")) select(lab, -1);
  });
  const stopKeys = ownKeys(el, (event) => onKey(lab, event));
  const stopWatching = onWidth(lab.ui.stage, () => fit(lab)); // the output's width changed
  showInputs(lab);
  showError(lab);
  requestAnimationFrame(() => {
    drawPicture(lab);
    showMode(lab);
  });
  return () => {
    for (const [name, handler] of handlers) model.off("change:" + name, handler);
    stopKeys();
    stopWatching();
  };
}

function parts(el) {
  const ui = {};
  for (const name of ["inputs", "readout", "derivation", "stage", "graph", "wide", "player",
    "mode", "error", "low", "high"]) {
    ui[name] = el.querySelector(".cr-lab-" + name);
  }
  return ui;
}

// -- inputs: a slider and a number box each ------------------------------------------

function send(lab, name, x) {
  if (!Number.isFinite(x)) return;
  lab.sentAt = performance.now(); // when the change left, to measure the round trip
  lab.model.set("inputs", { ...lab.model.get("inputs"), [name]: x });
  lab.model.save_changes();
}

function inputs(lab) {
  for (const [name, [, low, high]] of Object.entries(lab.model.get("ranges"))) {
    const row = document.createElement("label");
    row.className = "cr-lab-input";
    row.innerHTML = '<span class="cr-lab-name"></span><input type="range">' +
      '<input type="number">';
    row.querySelector(".cr-lab-name").textContent = name;
    const [slider, box] = row.querySelectorAll("input");
    slider.min = box.min = String(low);
    slider.max = box.max = String(high);
    slider.step = box.step = String((high - low) / 400);
    slider.setAttribute("aria-label", name);
    box.setAttribute("aria-label", name + " value");
    slider.addEventListener("input", () => {
      box.value = slider.value;
      send(lab, name, Number(slider.value));
    });
    const typed = () => {
      slider.value = box.value;
      if (Number(box.value) !== lab.model.get("inputs")[name]) send(lab, name, Number(box.value));
    };
    box.addEventListener("change", typed);
    lab.ui.inputs.appendChild(row);
    lab.rows.set(name, { slider, box, typed });
  }
}

// A box being typed in keeps its text, unless the kernel holds another number
// there: a value it refused (shown in the error line) is taken back in the box too.
function showInputs(lab) {
  for (const [name, x] of Object.entries(lab.model.get("inputs"))) {
    const row = lab.rows.get(name);
    if (!row) continue;
    row.slider.value = String(x);
    if (document.activeElement !== row.box || Number(row.box.value) !== x) {
      row.box.value = String(x);
    }
  }
}

function showStep(lab) {
  if (lab.player) lab.player.show(lab.model.get("step"));
}

function showError(lab) {
  lab.ui.error.textContent = lab.model.get("error");
  lab.ui.error.hidden = !lab.model.get("error");
}

// -- the picture ------------------------------------------------------------------------

function drawPicture(lab) {
  const source = lab.model.get("svg");
  lab.ui.graph.textContent = "";
  lab.boxes = new Map();
  select(lab, -1);
  if (!source) return;
  mount(lab.ui.graph, source);
  lab.fittedTo = -1;
  fit(lab);
  lab.boxes = index(lab.ui.graph.querySelector("svg"), Number).nodes;
  for (const [i, g] of lab.boxes) {
    g.addEventListener("click", () => select(lab, i === lab.selected ? -1 : i));
  }
  if (lab.model.get("view").nodes) showView(lab);
}

// As large as fits the output's width, never so small that text is under 11 px.
// The page scrolls down a tall graph, so the stage never scrolls up and down;
// only a graph too wide at 11 px scrolls sideways, and the lab says so.
function fit(lab) {
  const { ui, el } = lab;
  const svg = ui.graph.querySelector("svg");
  const room = ui.stage.clientWidth || el.clientWidth || 800;
  if (!svg || room === lab.fittedTo) return;
  const picture = lab.model.get("size"), palette = lab.model.get("palette");
  const size = natural(picture, palette);
  const zoom = Math.max(Math.min(1, room / size.w), floor(picture, palette));
  svg.setAttribute("width", String(size.w * zoom));
  svg.setAttribute("height", String(size.h * zoom));
  el.setAttribute("data-zoom", zoom.toFixed(4));
  ui.wide.hidden = size.w * zoom <= room + 0.5;
  lab.fittedTo = ui.stage.clientWidth;
  placeDerivation(lab);
}

function showView(lab) {
  const view = lab.model.get("view"), { ui, el } = lab;
  (view.nodes || []).forEach((look, i) => lab.boxes.has(i) && paint(lab.boxes.get(i), look));
  ui.readout.textContent = (view.readout || []).join("\n");
  [ui.low.textContent, ui.high.textContent] = view.scale ? view.scale.ticks : ["", ""];
  if (lab.selected >= 0) showDerivation(lab);
  if (lab.sentAt !== null) {
    el.setAttribute("data-latency", (performance.now() - lab.sentAt).toFixed(1));
    lab.sentAt = null;
  }
  el.setAttribute("data-updates", String(Number(el.getAttribute("data-updates") || 0) + 1));
}

// -- a node's derivation -------------------------------------------------------------------
// A click opens it over the graph, next to the node (select(lab, -1) closes it):
// the picture keeps its place, and the text is where the eye already is,
// even at the foot of a graph taller than the window.

function select(lab, i) {
  if (lab.boxes.get(lab.selected)) lab.boxes.get(lab.selected).classList.remove("cr-sel");
  lab.selected = lab.boxes.has(i) ? i : -1;
  if (lab.selected >= 0) lab.boxes.get(lab.selected).classList.add("cr-sel");
  showDerivation(lab);
}

function showDerivation(lab) {
  const { derivation } = lab.ui;
  derivation.hidden = lab.selected < 0;
  derivation.textContent = (lab.model.get("view").derivations || [])[lab.selected] || "";
  placeDerivation(lab);
}

// Below the node, or above it when it does not fit below, and never outside the
// stage (nor so over the output's edge that the output would scroll).
function placeDerivation(lab) {
  const g = lab.boxes.get(lab.selected), { derivation, stage } = lab.ui;
  if (!g || derivation.hidden) return;
  derivation.style.left = derivation.style.top = "0px";
  const s = stage.getBoundingClientRect(), n = g.getBoundingClientRect();
  const x = n.left - s.left - stage.clientLeft + stage.scrollLeft;
  const y = n.top - s.top - stage.clientTop;
  const w = derivation.offsetWidth, h = derivation.offsetHeight;
  const below = y + n.height + GAP, above = y - GAP - h;
  const top = below + h <= stage.clientHeight ? below
    : above >= 0 ? above : Math.max(0, stage.clientHeight - h);
  derivation.style.left = Math.max(0, Math.min(x, stage.scrollWidth - w)) + "px";
  derivation.style.top = top + "px";
}

// -- gradients or steps -----------------------------------------------------------------

function showMode(lab) {
  const steps = lab.model.get("mode") === "steps", { ui } = lab;
  ui.mode.setAttribute("aria-pressed", String(steps));
  ui.mode.textContent = steps ? "Gradient view" : "Step through backward";
  ui.stage.hidden = ui.wide.hidden = steps;
  ui.player.hidden = !steps;
  if (!steps) {
    lab.fittedTo = -1;
    fit(lab);
  }
  if (steps) showPlayer(lab);
}

function showPlayer(lab) {
  const { model } = lab, { html, data } = model.get("player");
  if (!html || model.get("mode") !== "steps") return;
  lab.ui.player.textContent = "";
  const host = document.createElement("div");
  host.className = "cr-player";
  host.tabIndex = 0;
  host.innerHTML = html; // the static view: the player takes its picture from it
  lab.ui.player.appendChild(host);
  const onStep = (k) => {
    if (model.get("step") !== k) {
      model.set("step", k);
      model.save_changes();
    }
  };
  lab.player = renderPlayer({ el: host, data, onStep });
  lab.player.show(model.get("step"));
}

// The lab keeps every key but Tab, and shortcuts with Ctrl, Alt or Cmd; Escape
// too, unless it closes a derivation (JupyterLab would act on them: an arrow
// moves to another cell, "a" adds one, "d d" deletes one). Kept from the page, a
// key still does what it does to the control in focus (a slider steps, a number
// box takes a digit): Enter in a number box sends its number here (a box fires
// "change" only as it loses focus).
function onKey(lab, event) {
  if (event.key === "Tab" || event.ctrlKey || event.altKey || event.metaKey) return;
  if (event.key === "Escape") {
    if (lab.ui.derivation.hidden) return;
    select(lab, -1);
  }
  const row = [...lab.rows.values()].find((r) => r.box === event.target);
  if (row && event.key === "Enter") row.typed();
  // With the lab itself in focus, nothing is to scroll: the notebook would.
  if (event.target === lab.el && /^(Arrow|Page|Home|End| )/.test(event.key)) event.preventDefault();
  event.stopPropagation();
}

export default { render };
