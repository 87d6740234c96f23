// The playground's keys (playground.js): the classes' colours under the boundary, and
// the layers flagged vanishing or exploding.

// "● class 0  ● class 1" in the classes' colours: the boundary's key.
export function showClasses(key, palette) {
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
export function showFlags(list, flags, show) {
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
