// The playground's keys (playground.js): the classes' colours (or a regression's colour
// bar) under the boundary, and the layers flagged vanishing or exploding.

import { scaleEnds, scaleStops } from "./surface.js";

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

// The boundary panel's key for a surface (Trainer.surface(n)): a dot and a name per class
// (palette.names, else "class i"), or the scale's colour bar labelled at its ends and
// middle and named "target", as Python's surface_key() draws it for the static view.
export function showKey(key, surface, palette, discrete = false) {
  if (surface.task !== "regression") {
    const k = surface.task === "binary" ? 2 : surface.classes;
    const names = Array.from({ length: k }, (_, i) => palette.names[i] || "class " + i);
    showClasses(key, { classes: palette.classes.slice(0, k), names });
    return;
  }
  const [lo, hi] = scaleEnds(surface.range);
  const stops = scaleStops(surface.range, palette, discrete);
  const bar = document.createElement("span");
  bar.className = "cr-pg-scale";
  bar.style.cssText = "display:inline-block;width:120px;height:11px;vertical-align:middle;" +
    "margin:0 4px;border:1px solid " + palette.outline + ";background:linear-gradient(to right," +
    stops.map(([f, c]) => c + " " + f * 100 + "%").join(",") + ")";
  const say = (v) => String(Number(v.toPrecision(3)));
  key.textContent = "target " + say(lo);
  key.append(bar, say(hi) + " (white: " + say((lo + hi) / 2) + ")");
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
