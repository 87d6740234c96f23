// The lab's front end (anywidget): sliders in, numbers and colours out.
//
// Python (autograd/viz/lab_widget.py) holds the state and computes every
// number; this draws it. The graph's SVG (model "svg") is laid out once by
// Graphviz; each change of "view" rewrites the data and grad text of every box
// and recolours it, so nothing moves. The step-through player is player.js,
// joined before this file into one module, where its render is renderPlayer.

const MIN_PX = 11; // no text is drawn smaller than this, in CSS pixels
const PX_PER_PT = 4 / 3; // Graphviz draws in points
// Viridis at 0, 1/8, ..., 1: autograd/viz/colors.py's ramp, for the legend's bar.
const RAMP = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80",
  "#5ec962", "#addc30", "#fde725"];

function render({ model, el }) {
  el.classList.add("cr-lab");
  el.innerHTML =
    '<div class="cr-lab-top"><div class="cr-lab-inputs"></div>' +
    '<div class="cr-lab-side"><div class="cr-lab-readout" aria-live="polite"></div>' +
    '<div class="cr-lab-key"><span class="cr-lab-low"></span><span class="cr-lab-bar"></span>' +
    '<span class="cr-lab-high"></span> |grad|</div>' +
    '<button type="button" class="cr-lab-mode" aria-pressed="false">Step through backward</button>' +
    "</div></div>" +
    '<div class="cr-lab-error" hidden></div>' +
    '<div class="cr-lab-derivation">Click a node for its derivation.</div>' +
    '<div class="cr-lab-stage"></div><div class="cr-lab-player" hidden></div>';
  const $ = (s) => el.querySelector(s);
  const inputsEl = $(".cr-lab-inputs"), readout = $(".cr-lab-readout");
  const derivation = $(".cr-lab-derivation"), stage = $(".cr-lab-stage");
  const playerHost = $(".cr-lab-player"), modeButton = $(".cr-lab-mode");
  const errorEl = $(".cr-lab-error");
  $(".cr-lab-bar").style.background = "linear-gradient(to right, " + RAMP.join(", ") + ")";

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
    // Enter sends at once (a number box fires "change" only as it loses focus),
    // and stays here: JupyterLab would take it as a command.
    box.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      typed();
      event.stopPropagation();
    });
    inputsEl.appendChild(row);
    rows.set(name, { slider, box });
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
    stage.textContent = "";
    boxes = new Map();
    if (!source) return;
    const parsed = new DOMParser().parseFromString(source, "image/svg+xml");
    const svg = document.importNode(parsed.documentElement, true);
    const [w, h, smallest] = model.get("size");
    const natural = { w: w * PX_PER_PT, h: h * PX_PER_PT };
    // As large as fits the output's width, never so small that text is under 11 px
    // (the stage scrolls then).
    const room = stage.clientWidth || el.clientWidth || 800;
    const zoom = Math.max(Math.min(1, room / natural.w), MIN_PX / (smallest * PX_PER_PT));
    svg.setAttribute("width", String(natural.w * zoom));
    svg.setAttribute("height", String(natural.h * zoom));
    el.setAttribute("data-zoom", zoom.toFixed(4));
    stage.appendChild(svg);
    for (const g of svg.querySelectorAll("[data-n]")) {
      const i = Number(g.getAttribute("data-n"));
      boxes.set(i, {
        g, bg: g.querySelector(".cr-bg"), data: g.querySelector(".cr-d"),
        grad: g.querySelector(".cr-t"), texts: [...g.querySelectorAll("text")],
      });
      g.addEventListener("click", () => select(i));
    }
    if (model.get("view").nodes) showView();
  }
  function showView() {
    const view = model.get("view");
    (view.nodes || []).forEach(([data, grad, fill, ink], i) => {
      const box = boxes.get(i);
      if (!box) return;
      if (box.data) box.data.textContent = "data " + data;
      if (box.grad) box.grad.textContent = "grad " + grad;
      if (box.bg) box.bg.setAttribute("fill", fill);
      for (const t of box.texts) t.setAttribute("fill", ink);
    });
    readout.textContent = (view.readout || []).join("\n");
    const [low, high] = view.scale || [0, 0];
    $(".cr-lab-low").textContent = tick(low);
    $(".cr-lab-high").textContent = tick(high);
    if (selected >= 0) derivation.textContent = (view.derivations || [])[selected] || "";
    if (sentAt !== null) {
      el.setAttribute("data-latency", (performance.now() - sentAt).toFixed(1));
      sentAt = null;
    }
    el.setAttribute("data-updates", String(Number(el.getAttribute("data-updates") || 0) + 1));
  }
  function select(i) {
    if (selected >= 0 && boxes.get(selected)) boxes.get(selected).g.classList.remove("cr-sel");
    selected = i;
    boxes.get(i).g.classList.add("cr-sel");
    derivation.textContent = (model.get("view").derivations || [])[i] || "";
  }

  // -- gradients or steps --------------------------------------------------------
  let player = null;
  function showMode() {
    const steps = model.get("mode") === "steps";
    modeButton.setAttribute("aria-pressed", String(steps));
    modeButton.textContent = steps ? "Gradient view" : "Step through backward";
    stage.hidden = steps;
    derivation.hidden = steps;
    playerHost.hidden = !steps;
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
  showInputs();
  onError();
  requestAnimationFrame(() => {
    drawPicture();
    showMode();
  });
  return () => {
    for (const [name, handler] of handlers) model.off("change:" + name, handler);
  };
}

// A decade of the scale as text: 0.01, 1, 1e+03.
function tick(x) {
  return x >= 1e-3 && x < 1e4 ? String(x) : x.toExponential(0);
}

export default { render };
