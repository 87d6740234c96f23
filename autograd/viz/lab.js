// The lab's front end (anywidget): sliders in, numbers and colours out.
//
// Python (autograd/viz/lab_widget.py) holds the state and computes every
// number; this draws it. The graph's SVG (model "svg") is laid out once by
// Graphviz; each change of "view" rewrites the data and grad text of every box
// and recolours it, so nothing moves. A node's derivation opens over the graph,
// beside the node, so nothing moves then either. The step-through player is
// player.js's render, here renderPlayer (autograd/viz/esm.py joins the files).

import { usePalette } from "./stage.js";
import { render as renderPlayer } from "./player.js";

const GAP = 6; // between a node and its derivation, in CSS pixels

function render({ model, el }) {
  el.classList.add("cr-lab");
  el.tabIndex = -1; // a click in the lab gives it the keys (see keepKeys)
  el.innerHTML =
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
  const $ = (s) => el.querySelector(s);
  const inputsEl = $(".cr-lab-inputs"), readout = $(".cr-lab-readout");
  const derivation = $(".cr-lab-derivation"), stage = $(".cr-lab-stage");
  const graph = $(".cr-lab-graph"), wide = $(".cr-lab-wide");
  const playerHost = $(".cr-lab-player"), modeButton = $(".cr-lab-mode");
  const errorEl = $(".cr-lab-error");
  const palette = model.get("palette");
  usePalette(el, palette);

  // -- inputs: a slider and a number box each ----------------------------------
  const rows = new Map();
  let sentAt = null; // when the last change left, to measure the round trip
  function send(name, x) {
    if (!Number.isFinite(x)) return;
    sentAt = performance.now();
    model.set("inputs", { ...model.get("inputs"), [name]: x });
    model.save_changes();
  }
  for (const [name, [, low, high]] of Object.entries(model.get("ranges"))) {
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
      send(name, Number(slider.value));
    });
    const typed = () => {
      slider.value = box.value;
      if (Number(box.value) !== model.get("inputs")[name]) send(name, Number(box.value));
    };
    box.addEventListener("change", typed);
    inputsEl.appendChild(row);
    rows.set(name, { slider, box, typed });
  }
  // A box being typed in keeps its text, unless the kernel holds another number
  // there: a value it refused (shown in the error line) is taken back in the box too.
  function showInputs() {
    for (const [name, x] of Object.entries(model.get("inputs"))) {
      const row = rows.get(name);
      if (!row) continue;
      row.slider.value = String(x);
      if (document.activeElement !== row.box || Number(row.box.value) !== x) {
        row.box.value = String(x);
      }
    }
  }

  // -- the picture -------------------------------------------------------------
  let boxes = new Map(), selected = -1;
  function drawPicture() {
    const source = model.get("svg");
    graph.textContent = "";
    boxes = new Map();
    select(-1);
    if (!source) return;
    const parsed = new DOMParser().parseFromString(source, "image/svg+xml");
    const svg = document.importNode(parsed.documentElement, true);
    graph.appendChild(svg);
    fit();
    for (const g of svg.querySelectorAll("[data-n]")) {
      const i = Number(g.getAttribute("data-n"));
      boxes.set(i, {
        g, bg: g.querySelector(".cr-bg"), data: g.querySelector(".cr-d"),
        grad: g.querySelector(".cr-t"), texts: [...g.querySelectorAll("text")],
      });
      g.addEventListener("click", () => select(i === selected ? -1 : i));
    }
    if (model.get("view").nodes) showView();
  }
  // As large as fits the output's width, never so small that text is under 11 px.
  // The page scrolls down a tall graph, so the stage never scrolls up and down;
  // only a graph too wide at 11 px scrolls sideways, and the lab says so.
  let fitted = -1; // the stage's width the picture was fitted to
  function fit() {
    const svg = graph.querySelector("svg");
    const room = stage.clientWidth || el.clientWidth || 800;
    if (!svg || room === fitted) return;
    const { width: w, height: h, smallest } = model.get("size");
    const { min_px: MIN_PX, px_per_pt: PX_PER_PT } = palette;
    const natural = { w: w * PX_PER_PT, h: h * PX_PER_PT };
    const zoom = Math.max(Math.min(1, room / natural.w), MIN_PX / (smallest * PX_PER_PT));
    svg.setAttribute("width", String(natural.w * zoom));
    svg.setAttribute("height", String(natural.h * zoom));
    el.setAttribute("data-zoom", zoom.toFixed(4));
    wide.hidden = natural.w * zoom <= room + 0.5;
    fitted = stage.clientWidth;
    placeDerivation();
  }
  function showView() {
    const view = model.get("view");
    (view.nodes || []).forEach((look, i) => {
      const box = boxes.get(i);
      if (!box) return;
      if (box.data) box.data.textContent = look.texts["cr-d"];
      if (box.grad) box.grad.textContent = look.texts["cr-t"];
      if (box.bg) box.bg.setAttribute("fill", look.fill);
      for (const t of box.texts) t.setAttribute("fill", look.ink);
    });
    readout.textContent = (view.readout || []).join("\n");
    const [low, high] = view.scale ? view.scale.ticks : ["", ""];
    $(".cr-lab-low").textContent = low;
    $(".cr-lab-high").textContent = high;
    if (selected >= 0) showDerivation();
    if (sentAt !== null) {
      el.setAttribute("data-latency", (performance.now() - sentAt).toFixed(1));
      sentAt = null;
    }
    el.setAttribute("data-updates", String(Number(el.getAttribute("data-updates") || 0) + 1));
  }
  // -- a node's derivation ------------------------------------------------------
  // A click opens it over the graph, next to the node (select(-1) closes it):
  // the picture keeps its place, and the text is where the eye already is,
  // even at the foot of a graph taller than the window.
  function select(i) {
    if (boxes.get(selected)) boxes.get(selected).g.classList.remove("cr-sel");
    selected = boxes.has(i) ? i : -1;
    if (selected >= 0) boxes.get(selected).g.classList.add("cr-sel");
    showDerivation();
  }
  function showDerivation() {
    derivation.hidden = selected < 0;
    derivation.textContent = (model.get("view").derivations || [])[selected] || "";
    placeDerivation();
  }
  // Below the node, or above it when it does not fit below, and never outside the
  // stage (nor so over the output's edge that the output would scroll).
  function placeDerivation() {
    const box = boxes.get(selected);
    if (!box || derivation.hidden) return;
    derivation.style.left = derivation.style.top = "0px";
    const s = stage.getBoundingClientRect(), n = box.g.getBoundingClientRect();
    const x = n.left - s.left - stage.clientLeft + stage.scrollLeft;
    const y = n.top - s.top - stage.clientTop;
    const w = derivation.offsetWidth, h = derivation.offsetHeight;
    const below = y + n.height + GAP, above = y - GAP - h;
    const top = below + h <= stage.clientHeight ? below
      : above >= 0 ? above : Math.max(0, stage.clientHeight - h);
    derivation.style.left = Math.max(0, Math.min(x, stage.scrollWidth - w)) + "px";
    derivation.style.top = top + "px";
  }
  stage.addEventListener("click", (event) => {
    if (!event.target.closest("g[data-n]")) select(-1);
  });

  // -- gradients or steps --------------------------------------------------------
  let player = null;
  function showMode() {
    const steps = model.get("mode") === "steps";
    modeButton.setAttribute("aria-pressed", String(steps));
    modeButton.textContent = steps ? "Gradient view" : "Step through backward";
    stage.hidden = wide.hidden = steps;
    playerHost.hidden = !steps;
    if (!steps) {
      fitted = -1;
      fit();
    }
    if (steps) showPlayer();
  }
  function showPlayer() {
    const { html, data } = model.get("player");
    if (!html || model.get("mode") !== "steps") return;
    playerHost.textContent = "";
    const host = document.createElement("div");
    host.className = "cr-player";
    host.tabIndex = 0;
    host.innerHTML = html; // the static view: the player takes its picture from it
    playerHost.appendChild(host);
    player = renderPlayer({
      el: host,
      data,
      onStep: (k) => {
        if (model.get("step") !== k) {
          model.set("step", k);
          model.save_changes();
        }
      },
    });
    player.show(model.get("step"));
  }
  modeButton.addEventListener("click", () => {
    model.set("mode", model.get("mode") === "steps" ? "gradients" : "steps");
    model.save_changes();
  });

  const onInputs = () => showInputs();
  const onError = () => {
    errorEl.textContent = model.get("error");
    errorEl.hidden = !model.get("error");
  };
  const onStep = () => player && player.show(model.get("step"));
  const handlers = [["inputs", onInputs], ["svg", drawPicture], ["view", showView],
    ["mode", showMode], ["player", showPlayer], ["step", onStep], ["error", onError]];
  for (const [name, handler] of handlers) model.on("change:" + name, handler);
  const stopKeys = keepKeys(el, rows, () => select(-1));
  const resized = new ResizeObserver(() => fit()); // the output's width changed
  resized.observe(stage);
  showInputs();
  onError();
  requestAnimationFrame(() => {
    drawPicture();
    showMode();
  });
  return () => {
    for (const [name, handler] of handlers) model.off("change:" + name, handler);
    stopKeys();
    resized.disconnect();
  };
}

// Keys are heard on the window, capturing, while focus is in the lab, as the
// player hears its own: JupyterLab acts on keys as they bubble up to its
// document (an arrow moves to another cell, or folds a section; "a" adds a
// cell, "d d" deletes one), Notebook 7 as they go down through it. The lab sees
// them first and keeps them all, but for Tab, and shortcuts with Ctrl, Alt or
// Cmd; Escape too, unless it closes a derivation. Kept from the page, a key
// still does what it does to the control in focus (a slider steps, a number box
// takes a digit), but no listener below the window hears it: Enter in a number
// box sends its number here (a box fires "change" only as it loses focus).
// Returns what removes the listener.
function keepKeys(el, rows, close) {
  const doc = el.ownerDocument, win = doc.defaultView || window;
  function onKey(event) {
    if (!el.isConnected) return stop(); // the output was cleared
    if (!el.contains(doc.activeElement) || event.key === "Tab") return;
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.key === "Escape") {
      if (el.querySelector(".cr-lab-derivation[hidden]")) return;
      close();
    }
    const row = [...rows.values()].find((r) => r.box === event.target);
    if (row && event.key === "Enter") row.typed();
    // With the lab itself in focus, nothing is to scroll: the notebook would.
    if (event.target === el && /^(Arrow|Page|Home|End| )/.test(event.key)) event.preventDefault();
    event.stopPropagation();
  }
  function stop() {
    win.removeEventListener("keydown", onKey, true);
  }
  win.addEventListener("keydown", onKey, true);
  return stop;
}


export default { render };
