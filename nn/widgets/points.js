// The learner's own points (nn/widgets/points_view.py). With "a click" set to add a class
// (or, for a regression, the value beside it), a click in the boundary's panel adds a
// point there; a shift-click removes the point nearest it (within explain.js's reach).
// Python checks and keeps every edit, and sends the points back.

import { nearest } from "./explain.js";

const TITLE = "Click a point: its loss, backward pass and next step, under the playground. " +
  "Shift-click a point to remove it.";

export function editing(pg) {
  const { model, ui } = pg;
  const boundary = pg.el.querySelector(".cr-pg-boundary");
  const label = document.createElement("label");
  label.className = "cr-pg-click";
  label.textContent = "a click";
  const mode = document.createElement("select");
  mode.name = "click";
  const value = document.createElement("input");
  Object.assign(value, { type: "number", step: "0.1", value: "0", className: "cr-pg-value",
    title: "the target of a point a click adds" });
  const both = document.createElement("span");
  both.append(mode, value);
  label.append(both);
  // In the data's row, last (it edits the data): a line under the boundary would push the
  // network below the fold at 1280 x 800.
  ui.datarow.appendChild(label);
  pg.labels.click = label;
  const offer = () => choices(model.get("points"), mode, value, boundary);
  mode.addEventListener("change", offer);
  const click = (event) => {
    const points = model.get("points"), size = pg.ui.boundary;
    if (event.shiftKey) {
      event.stopImmediatePropagation(); // a shift-click never explains
      const k = nearest(points, event, boundary, size, model.get("show_test"));
      if (k >= 0) model.send({ remove: k });
    } else if (mode.value !== "explain") {
      event.stopImmediatePropagation();
      const target = mode.value === "value" ? Number(value.value) : Number(mode.value);
      model.send({ add: where(points.bounds, event, boundary, size), target });
    }
  };
  boundary.addEventListener("click", click, true); // capture: before explain.js hears it
  model.on("change:points", offer);
  offer();
  return () => {
    boundary.removeEventListener("click", click, true);
    model.off("change:points", offer);
  };
}

// What a click does: explain, or add a point of each class the data has (or of a value).
function choices(points, mode, value, boundary) {
  const kept = mode.value || "explain";
  const wanted = [["explain", "explains its point"]];
  // A regression's: of the value in the box beside it (words kept short: one line at 1280).
  if (points.task === "regression") wanted.push(["value", "adds a value"]);
  else for (let k = 0; k < points.classes; k++) wanted.push([String(k), "adds class " + k]);
  if (mode.options.length !== wanted.length || mode.options[1].value !== wanted[1][0]) {
    mode.textContent = "";
    for (const [v, text] of wanted) mode.add(new Option(text, v));
  }
  mode.value = wanted.some(([v]) => v === kept) ? kept : "explain";
  value.hidden = mode.value !== "value";
  boundary.title = mode.value === "explain" ? TITLE
    : "Click to add a point there; shift-click a point to remove it.";
}

// The data's coordinates of a click on the canvas (its 1-px border aside), as [x1, x2].
function where([x0, x1, y0, y1], event, node, { w, h }) {
  const r = node.getBoundingClientRect();
  const px = event.clientX - r.left - node.clientLeft, py = event.clientY - r.top - node.clientTop;
  return [x0 + (px / w) * (x1 - x0), y1 - (py / h) * (y1 - y0)];
}
