// Each hidden and output unit's heatmap in the playground (playground.js, whose state
// `pg` the last two functions read): Python sends
// every unit's levels ("heat": its output over the plane, 0 to 100, rows from the top);
// each is drawn on one small canvas, in the classes' colours, and shown in the network
// view's <image data-h="c_k">, which Graphviz left room for right of the unit.

import { drawBoundary, drawSurface, shadeRgb } from "./canvases.js";
import { showKey } from "./keys.js";

// Each heatmap of `heat` in its image of `svg` (an image without one is hidden).
export function drawHeatmaps(svg, heat, palette, scratch) {
  if (!svg) return;
  const units = heat.units || {};
  for (const image of svg.querySelectorAll("image[data-h]")) {
    const cells = units[image.getAttribute("data-h")];
    image.style.display = cells ? "" : "none";
    if (cells) image.setAttribute("href", pngUrl(cells, heat.n, palette, scratch));
  }
}

// n x n levels as a PNG data URL, drawn pixel by pixel on the scratch canvas.
function pngUrl(cells, n, palette, scratch) {
  scratch.width = n;
  scratch.height = n;
  const ctx = scratch.getContext("2d");
  const pixels = ctx.createImageData(n, n);
  cells.forEach((percent, i) => pixels.data.set([...shadeRgb(percent, palette), 255], 4 * i));
  ctx.putImageData(pixels, 0, 0);
  return scratch.toDataURL();
}

// "layer 2 · neuron 5": unit k of column c (inputs are column 0), numbered as a slide is.
export function unitName(key) {
  const [c, k] = key.split("_").map(Number);
  return "layer " + c + " \u00B7 neuron " + (k + 1);
}

// Calls show(key) with the unit whose heatmap the large view shows: the one under the
// pointer (its box or its heatmap), else the one clicked (until clicked again), else null.
// Returns a function that stops watching.
export function watchUnits(net, show) {
  let pinned = null, shown;
  const keyAt = (target) => {
    const tagged = target && target.closest ? target.closest("image[data-h], g[data-n]") : null;
    const key = tagged && (tagged.getAttribute("data-h") || tagged.getAttribute("data-n"));
    return key && !key.startsWith("0_") ? key : null; // an input has no heatmap
  };
  const update = (key) => {
    if (key !== shown) show((shown = key));
  };
  const move = (event) => update(keyAt(event.target) || pinned);
  const leave = () => update(pinned);
  const click = (event) => {
    const key = keyAt(event.target);
    pinned = key && key !== pinned ? key : null;
    update(key || pinned);
  };
  const events = [["pointermove", move], ["pointerleave", leave], ["click", click]];
  for (const [name, f] of events) net.addEventListener(name, f);
  return () => events.forEach(([name, f]) => net.removeEventListener(name, f));
}

// Each unit's heatmap in the network view, and the large one if a unit is shown.
export function showHeat(pg) {
  const heat = pg.model.get("heat"), on = Boolean(heat.units);
  drawHeatmaps(pg.ui.net.querySelector("svg"), heat, pg.palette, pg.scratch);
  // The words name classes 1 and 0's hues, which a heatmap is drawn in whatever the task
  // (nn/widgets/playground_still.py's HEAT_KEY).
  pg.ui.heatkey.textContent = on ? "Beside each unit: its output over the plane (green +, " +
    "purple \u2212); hover or click a unit to see it large." : "";
  drawPanel(pg);
}

// The points drawn: every one, or the training points alone ("show test data" off).
function shownPoints(model) {
  const points = model.get("points");
  return model.get("show_test") ? points : { ...points, xy: points.xy.filter((p) => p[3]) };
}

// The boundary's panel: the decision boundary (or the regression's surface), or the unit
// shown's heatmap over the data.
export function drawPanel(pg) {
  const { model, ui } = pg, frame = model.get("frame"), heat = model.get("heat");
  if (!frame.surface) return;
  const cells = pg.unit && heat.units ? heat.units[pg.unit] : null;
  const points = shownPoints(model);
  if (cells) drawBoundary(ui.boundary, cells, heat.n, points, pg.palette, frame.surface);
  else drawSurface(ui.boundary, frame.surface, frame.n, points, pg.palette,
    model.get("discretize"));
  showKey(ui.classes, frame.surface, pg.palette, model.get("discretize"));
  pg.el.querySelector(".cr-pg-sets").textContent = model.get("show_test")
    ? "\u25CF training \u25CB validation" : "\u25CF training points (validation hidden)";
  ui.btitle.textContent = cells ? unitName(pg.unit)
    : frame.surface.task === "regression" ? "Fitted surface" : "Decision boundary";
  // The unit shown, marked in the network view too.
  for (const image of ui.net.querySelectorAll("image[data-h]")) {
    const shown = Boolean(cells) && image.getAttribute("data-h") === pg.unit;
    image.classList.toggle("cr-pg-shown", shown);
  }
  pg.el.setAttribute("data-shown", cells ? pg.unit : "");
}
