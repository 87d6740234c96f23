// The playground's controls (playground.js): a select for each setting, the hidden
// layers' sizes as text, the features and the view's toggles as boxes, in two rows: the
// model's, then the data's. Each control sets its trait; Python checks it (a value it
// refuses comes back, and the error line says why).

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
// The data's row; its data sets' names come from Python (the "choices" trait).
const DATA_CHOICES = {
  noise: [0, 0.05, 0.08, 0.1, 0.2, 0.3, 0.5, 1],
  test_fraction: [0.1, 0.2, 0.25, 0.3, 0.5, 0.7, 0.9],
  batch_size: ["all", 1, 5, 10, 30, 100], // "all": None, every training point, as fit's
};
const LABELS = { lr: "learning rate", penalty: "regularisation", rate: "its rate",
  show: "colour by", test_fraction: "held out", batch_size: "batch size" };
const TITLES = { init: "uniform(a, b) and normal(mean, std), as torch.nn.init takes them",
  test_fraction: "the share of the points held out for validation (drawn hollow)",
  noise: "how far the data set's points (or a regression's targets) stray" };
// Every trait a control shows, for playground.js to redraw the controls when one changes.
export const SHOWN = [...Object.keys(CHOICES), ...Object.keys(DATA_CHOICES), "data", "hidden",
  "heatmaps", "features", "show_test", "discretize", "hide"];

// Every control, into ui.controls (the model's row) and ui.datarow (the data's).
export function controls(pg) {
  const { model, ui } = pg;
  for (const [name, choices] of Object.entries(CHOICES)) select(pg, ui.controls, name, choices);
  const hidden = document.createElement("input");
  labelled(pg, ui.controls, "hidden", "hidden layers", hidden);
  hidden.className = "cr-pg-hidden";
  hidden.placeholder = "none";
  hidden.title = "sizes of the hidden layers, as 8, 8 (none: a linear model)";
  hidden.addEventListener("change", () => {
    const sizes = hidden.value.split(/[\s,]+/).filter(Boolean).map(Number);
    model.set("hidden", sizes); // Python checks them: a refused one comes back, and says why
    model.save_changes();
  });
  ui.hidden = hidden;
  ui.heatmaps = toggle(pg, ui.controls, "heatmaps", "heatmaps",
    "each unit's output over the plane, beside it");
  select(pg, ui.datarow, "data", model.get("choices").data);
  for (const [name, choices] of Object.entries(DATA_CHOICES)) select(pg, ui.datarow, name, choices);
  features(pg, ui.datarow);
  // The view's two boxes one above the other, in a select's height: the row keeps room
  // for "a click" (points.js) at 1280 x 800, and the network stays in view under it.
  const view = document.createElement("span");
  view.className = "cr-pg-toggles";
  ui.datarow.appendChild(view);
  ui.show_test = toggle(pg, view, "show_test", "show test data",
    "the validation points (drawn hollow) on the boundary");
  ui.discretize = toggle(pg, view, "discretize", "discretize output",
    "each cell at its class's full colour (a regression's in bands)");
}

// `control` in a label reading `text`, in `row`; kept in pg.labels (a lesson may hide it).
function labelled(pg, row, name, text, control) {
  const label = document.createElement("label");
  label.textContent = text;
  if (TITLES[name]) control.title = TITLES[name];
  label.appendChild(control);
  row.appendChild(label);
  pg.labels[name] = label;
  return control;
}

function select(pg, row, name, choices) {
  const box = labelled(pg, row, name, LABELS[name] || name, document.createElement("select"));
  box.name = name;
  for (const c of choices) box.add(new Option(String(c), String(c)));
  box.addEventListener("change", () => {
    const v = box.value;
    pg.model.set(name, v === "all" ? null : typeof choices.at(-1) === "number" ? Number(v) : v);
    pg.model.save_changes();
  });
  pg.selects[name] = box;
}

function toggle(pg, row, name, text, title) {
  const box = document.createElement("input");
  box.type = "checkbox";
  box.name = name;
  box.addEventListener("change", () => (pg.model.set(name, box.checked), pg.model.save_changes()));
  labelled(pg, row, name, text, box).parentNode.title = title;
  return box;
}

// The features as a box each, in nn.features.FEATURES's order (Python's "choices").
function features(pg, row) {
  const group = document.createElement("span");
  group.className = "cr-pg-features";
  const names = pg.model.get("choices").features;
  pg.features = names.map((name) => {
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = name;
    box.addEventListener("change", () => {
      pg.model.set("features", pg.features.filter((b) => b.checked).map((b) => b.value));
      pg.model.save_changes();
    });
    const item = document.createElement("span");
    item.append(box, name);
    group.appendChild(item);
    return box;
  });
  labelled(pg, row, "features", "features", group);
}

// Every control showing its trait's value now; a lesson's hidden ones left out.
export function showControls(pg) {
  const { model, ui } = pg;
  for (const [name, box] of Object.entries(pg.selects)) {
    const value = String(model.get(name) ?? "all");
    if (![...box.options].some((o) => o.value === value)) box.add(new Option(value, value));
    box.value = value;
  }
  if (document.activeElement !== ui.hidden) ui.hidden.value = model.get("hidden").join(", ");
  for (const name of ["heatmaps", "show_test", "discretize"]) ui[name].checked = model.get(name);
  const chosen = model.get("features");
  for (const box of pg.features) box.checked = chosen.includes(box.value);
  const hide = model.get("hide") || [];
  for (const [name, label] of Object.entries(pg.labels)) label.hidden = hide.includes(name);
}
