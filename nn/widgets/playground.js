// The playground's front end (anywidget): controls in, pictures out.
//
// Python (nn/widgets/playground_widget.py) trains the model and sends each update as
// data in "frame": the decision boundary as a grid of probabilities (drawn
// here on a canvas), the loss curves, and the colour of every neuron and wire
// of the network view, whose SVG ("svg") Graphviz laid out once. Every hue it
// draws comes from Python too ("palette": the classes' colours, those of
// autograd.viz.colors, as every picture draws them); here there are only greys.
// Controls set the model's traits; play, pause and reset are traits and messages.

import { usePalette } from "../../autograd/viz/stage.js";

const CHOICES = {
  lr: [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10],
  optimizer: ["sgd", "momentum", "adam", "rmsprop"],
  activation: ["tanh", "relu", "sigmoid", "leaky_relu", "linear"],
  // As nn/widgets/playground_settings.py's INITS: uniform(a, b) and normal(mean, std) say their numbers.
  init: ["default", "xavier", "he", "uniform(0, 1)", "normal(0, 1)", "normal(0, 0.01)", "zeros"],
  penalty: ["none", "l1", "l2"],
  rate: [0, 0.0001, 0.001, 0.01, 0.1],
  show: ["grad", "weight"],
};
const LABELS = { lr: "learning rate", penalty: "regularisation", rate: "its rate",
  show: "colour by" };
const TITLES = { init: "uniform(a, b) and normal(mean, std), as torch.nn.init takes them" };
// Sizes in CSS pixels. The boundary and the loss side by side, the network under them
// scaled to the output's width and NET_HEIGHT: at 1280 x 800 all three stay in view
// together for up to 6 hidden layers of 8, the widget's top at the notebook's.
const SIDE = 200, CURVES = [280, 200], NET_HEIGHT = 260;
// The smallest text the network may be scaled down to; wider than that, it scrolls and says so.
const LEAST_TEXT = 11.5;

function render({ model, el }) {
  el.classList.add("cr-pg");
  el.innerHTML =
    '<div class="cr-pg-bar">' +
    '<button type="button" class="cr-pg-play" aria-pressed="false">\u25B6 Play</button>' +
    '<button type="button" class="cr-pg-step">Step</button>' +
    '<button type="button" class="cr-pg-reset">Reset</button>' +
    '<span class="cr-pg-counter"></span><span class="cr-pg-loss" aria-live="off"></span>' +
    '<span class="cr-pg-rate"></span></div>' +
    // Under the buttons, where the eye goes when Play stops: why it stopped, or why a
    // setting was refused.
    '<div class="cr-pg-error" role="alert" hidden></div>' +
    '<div class="cr-pg-controls"></div>' +
    '<div class="cr-pg-panels">' +
    '<div class="cr-pg-panel"><span class="cr-pg-title">Decision boundary</span>' +
    '<canvas class="cr-pg-boundary"></canvas>' +
    '<span class="cr-pg-key cr-pg-classes"></span>' +
    '<span class="cr-pg-key">\u25CF training \u25CB validation</span></div>' +
    '<div class="cr-pg-panel"><span class="cr-pg-title">Loss ' +
    '<span class="cr-pg-line"></span> training ' +
    '<span class="cr-pg-line cr-pg-dashed"></span> validation</span>' +
    '<canvas class="cr-pg-curves"></canvas></div>' +
    '<div class="cr-pg-panel"><span class="cr-pg-title">Flags</span>' +
    '<ul class="cr-pg-flags"></ul></div>' +
    '<div class="cr-pg-panel cr-pg-wide"><span class="cr-pg-title">Network ' +
    '<span class="cr-pg-netname"></span></span>' +
    '<span class="cr-pg-key cr-pg-netkey"></span>' +
    '<span class="cr-pg-netnote" hidden></span><div class="cr-pg-net"></div></div></div>';
  const $ = (s) => el.querySelector(s);
  const play = $(".cr-pg-play"), stepButton = $(".cr-pg-step"), counter = $(".cr-pg-counter");
  const lossText = $(".cr-pg-loss"), rateText = $(".cr-pg-rate"), errorText = $(".cr-pg-error");
  const boundary = canvas($(".cr-pg-boundary"), SIDE, SIDE);
  const curves = canvas($(".cr-pg-curves"), ...CURVES);
  const net = $(".cr-pg-net"), flagsEl = $(".cr-pg-flags"), note = $(".cr-pg-netnote");
  // Python's palette (autograd.viz.colors): the classes, the signs, the alarm.
  const palette = model.get("palette");
  usePalette(el, palette);
  showClasses($(".cr-pg-classes"), palette);

  // -- controls ------------------------------------------------------------------
  const controls = $(".cr-pg-controls");
  const selects = {};
  for (const [name, choices] of Object.entries(CHOICES)) {
    const label = document.createElement("label");
    label.textContent = LABELS[name] || name;
    const select = document.createElement("select");
    select.name = name;
    if (TITLES[name]) select.title = TITLES[name];
    for (const c of choices) select.add(new Option(String(c), String(c)));
    select.addEventListener("change", () => {
      const number = typeof CHOICES[name][0] === "number";
      model.set(name, number ? Number(select.value) : select.value);
      model.save_changes();
    });
    label.appendChild(select);
    controls.appendChild(label);
    selects[name] = select;
  }
  const hiddenLabel = document.createElement("label");
  hiddenLabel.textContent = "hidden layers";
  const hidden = document.createElement("input");
  hidden.className = "cr-pg-hidden";
  hidden.title = "sizes of the hidden layers, as 8, 8";
  hidden.addEventListener("change", () => {
    const sizes = hidden.value.split(/[\s,]+/).filter(Boolean).map(Number);
    if (sizes.length && sizes.every((n) => Number.isInteger(n) && n > 0)) {
      model.set("hidden", sizes);
      model.save_changes();
    } else {
      showError("hidden layers: sizes such as 8, 8");
    }
  });
  hidden.addEventListener("keydown", (event) => event.stopPropagation());
  hiddenLabel.appendChild(hidden);
  controls.appendChild(hiddenLabel);
  function showControls() {
    for (const [name, select] of Object.entries(selects)) {
      const value = String(model.get(name));
      if (![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
      select.value = value;
    }
    if (document.activeElement !== hidden) hidden.value = model.get("hidden").join(", ");
  }

  play.addEventListener("click", () => {
    model.set("playing", !model.get("playing"));
    model.save_changes();
  });
  stepButton.addEventListener("click", () => model.send({ do: "step" }));
  $(".cr-pg-reset").addEventListener("click", () => model.send({ do: "reset" }));
  function showPlaying() {
    const on = model.get("playing");
    play.setAttribute("aria-pressed", String(on));
    play.textContent = on ? "\u275A\u275A Pause" : "\u25B6 Play";
    stepButton.disabled = on;
  }

  // -- the network view ----------------------------------------------------------
  let units = new Map(), wires = new Map();
  function drawNetwork() {
    net.textContent = "";
    const parsed = new DOMParser().parseFromString(model.get("svg"), "image/svg+xml");
    const svg = document.importNode(parsed.documentElement, true);
    net.appendChild(svg);
    $(".cr-pg-netname").textContent = svg.getAttribute("data-title") || "";
    fitNetwork(svg, net, note, palette.px_per_pt);
    units = new Map([...svg.querySelectorAll("[data-n]")].map((g) => [g.getAttribute("data-n"), g]));
    wires = new Map([...svg.querySelectorAll("[data-e]")].map((g) => [g.getAttribute("data-e"), g]));
    showFrame();
  }

  // -- each update -----------------------------------------------------------------
  function showFrame() {
    const frame = model.get("frame");
    if (!frame.grid) return;
    counter.textContent = "step " + frame.steps;
    lossText.textContent = frame.text.replace(/^step \d+ · /, "");
    rateText.textContent = model.get("playing") ? frame.rate + " updates/s" : "";
    drawBoundary(boundary, frame.grid, frame.n, model.get("points"), palette.classes);
    drawCurves(curves, frame.loss, frame.val);
    const network = frame; // a playground frame is a network frame, and more (frames.py)
    for (const [key, look] of Object.entries(network.units)) if (units.has(key)) paint(units.get(key), look);
    for (const [key, look] of Object.entries(network.wires)) if (wires.has(key)) paint(wires.get(key), look);
    showFlags(flagsEl, network.flags, model.get("show"));
    const what = model.get("show") === "weight" ? "value" : "gradient";
    $(".cr-pg-netkey").textContent = "each weight and bias by its " + what +
      ": blue +, orange \u2212, paler the smaller (|\u00B7| from " + network.scale.ticks[0] +
      " to " + network.scale.ticks[1] + ")";
    el.setAttribute("data-step", String(frame.steps));
  }

  function showError(text) {
    errorText.textContent = text;
    errorText.hidden = !text;
  }
  const onError = () => showError(model.get("error"));
  const handlers = [["frame", showFrame], ["svg", drawNetwork], ["playing", showPlaying],
    ["error", onError], ...Object.keys(CHOICES).map((n) => [n, showControls]),
    ["hidden", showControls]];
  for (const [name, handler] of handlers) model.on("change:" + name, handler);
  showControls();
  showPlaying();
  onError();
  drawNetwork();
  // The output's width changes with the window and the side panels: refit the network
  // then, and only then (its new height alone would call this again).
  let room = 0;
  const resized = new ResizeObserver(() => {
    if (net.clientWidth === room) return;
    room = net.clientWidth;
    fitNetwork(net.querySelector("svg"), net, note, palette.px_per_pt);
  });
  resized.observe(net);
  net.addEventListener("scroll", () => showInView(net.querySelector("svg"), net, note));
  return () => {
    resized.disconnect();
    for (const [name, handler] of handlers) model.off("change:" + name, handler);
  };
}

// -- drawing and fitting (functions of their arguments and the DOM they are given) ----

// The network as wide as the output (at most its own size and NET_HEIGHT tall), but
// never so small that its smallest text is under LEAST_TEXT px: then it keeps that
// size, scrolls sideways, and the note above it says so.
function fitNetwork(svg, net, note, pxPerPt) {
  if (!svg || !svg.viewBox.baseVal || !svg.viewBox.baseVal.width) return;
  const { width, height } = svg.viewBox.baseVal; // in points
  const sizes = [...svg.querySelectorAll("text")].map((t) => Number(t.getAttribute("font-size")));
  const least = (LEAST_TEXT * width) / Math.min(14, ...sizes.filter((n) => n > 0));
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
  const columns = [...svg.querySelectorAll("[data-n$='_0']")].map((g) => {
    const r = g.getBoundingClientRect();
    return [Number(g.getAttribute("data-n").split("_")[0]), r.left >= box.left - 1 &&
      r.right <= box.right + 1];
  });
  const hidden = columns.length - 2; // less the inputs and the output
  const seen = columns.filter(([c, inView]) => inView && c >= 1 && c <= hidden).map(([c]) => c);
  const range = seen.length ? Math.min(...seen) + "\u2013" + Math.max(...seen) : "none";
  note.textContent = "\u2194 Too wide for this output at a readable size: hidden layers " +
    range + " of " + hidden + " in view; scroll the network sideways (its scroll bar, " +
    "or Shift + wheel) for the rest.";
}

// "● class 0  ● class 1" in the classes' colours: the boundary's key.
function showClasses(key, palette) {
  key.textContent = "";
  palette.classes.forEach((color, label) => {
    const dot = document.createElement("span");
    dot.className = "cr-pg-class";
    dot.style.color = color;
    dot.textContent = "\u25CF";
    key.append(dot, " " + palette.names[label] + " ");
  });
}

// One item per flagged layer ("layer 3: ⚠ vanishing"), or why there are none.
function showFlags(list, flags, show) {
  list.textContent = "";
  const items = flags.map((f, k) => (f ? "layer " + (k + 1) + ": \u26A0 " + f : "")).filter(Boolean);
  const none = show === "grad" ? "none: no layer's gradients vanish or explode"
    : "colour by grad to see them";
  for (const text of items.length ? items : [none]) {
    const item = document.createElement("li");
    item.textContent = text;
    if (!items.length) item.className = "cr-pg-none";
    list.appendChild(item);
  }
}

// A canvas of w x h CSS pixels, sharp on any screen; its 2-D context.
function canvas(node, w, h) {
  const ratio = window.devicePixelRatio || 1;
  node.width = w * ratio;
  node.height = h * ratio;
  node.style.width = w + "px";
  node.style.height = h + "px";
  const ctx = node.getContext("2d");
  ctx.scale(ratio, ratio);
  return { ctx, w, h };
}

// "#rrggbb" as its red, green and blue, 0 to 255 each.
function rgb(hex) {
  return hex.slice(1).match(/../g).map((h) => parseInt(h, 16));
}

// Class 1's colour above 50 %, class 0's below, paler the nearer 50: nn/widgets/playground_view.py's shade().
function shade(percent, classes) {
  const hue = rgb(classes[percent >= 50 ? 1 : 0]);
  const t = (0.6 * Math.abs(percent - 50)) / 50;
  return "rgb(" + hue.map((c) => Math.round(255 + (c - 255) * t)).join(",") + ")";
}

function drawBoundary({ ctx, w, h }, grid, n, points, classes) {
  const cw = w / n, ch = h / n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      ctx.fillStyle = shade(grid[r * n + c], classes);
      ctx.fillRect(c * cw, r * ch, cw + 0.5, ch + 0.5);
    }
  }
  const [x0, x1, y0, y1] = points.bounds;
  for (const [x, y, label, train] of points.xy) {
    ctx.beginPath();
    ctx.arc(((x - x0) / (x1 - x0)) * w, ((y1 - y) / (y1 - y0)) * h, 3, 0, 2 * Math.PI);
    ctx.fillStyle = train ? classes[label] : "#fff";
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = classes[label];
    ctx.stroke();
  }
}

function drawCurves({ ctx, w, h }, loss, val) {
  const left = 44, bottom = 22, top = 8, right = 10;
  ctx.clearRect(0, 0, w, h);
  ctx.font = "12px sans-serif";
  ctx.fillStyle = "#555";
  const all = [...loss, ...val].map((p) => p[1]).filter((v) => v < 1e6);
  const last = loss.length ? loss[loss.length - 1][0] : 1;
  const high = all.length ? Math.max(...all) : 1;
  const x = (s) => left + ((s - 1) / Math.max(last - 1, 1)) * (w - left - right);
  const y = (v) => top + (1 - Math.min(v, high) / high) * (h - top - bottom);
  ctx.strokeStyle = "#ccc";
  ctx.strokeRect(left, top, w - left - right, h - top - bottom);
  ctx.textAlign = "right";
  ctx.fillText(high.toPrecision(2), left - 4, top + 10);
  ctx.fillText("0", left - 4, h - bottom);
  ctx.textAlign = "center";
  ctx.fillText("step " + last, w - 40, h - 6);
  ctx.fillText("1", left, h - 6);
  // Told apart by the line, not by colour: the colours are the classes'.
  for (const [curve, dashes] of [[loss, []], [val, [6, 4]]]) {
    ctx.beginPath();
    curve.forEach(([s, v], i) => (i ? ctx.lineTo(x(s), y(v)) : ctx.moveTo(x(s), y(v))));
    ctx.setLineDash(dashes);
    ctx.strokeStyle = "#333";
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

// A tagged group painted as a view says (autograd/viz/paint.py): background,
// outline, texts, ink.
function paint(g, look) {
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


export default { render };
