// The colour of every cell and point of the playground's boundary panel, for each task:
// nn/widgets/surface_colors.py's rules, line for line (the tests compare their pixels).
// The hues, the most of a hue a cell takes (full) and the bands come from Python's
// palette (nn/widgets/playground_view.py's palette()); a surface is Trainer.surface(n)'s.

// "#rrggbb" as its red, green and blue, 0 to 255 each.
export function rgb(hex) {
  return hex.slice(1).match(/../g).map((h) => parseInt(h, 16));
}

// Python's round(): half to even (Math.round rounds half up).
function roundEven(x) {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 ? r - 1 : r;
}

// A hue mixed with white, t of the hue, as [r, g, b].
export function tint(hue, t) {
  return rgb(hue).map((c) => roundEven(255 + (c - 255) * t));
}

// A cell of class `label` at `confidence` percent, of k classes: white at 1/k, full at 100.
export function classRgb(label, confidence, k, palette, discrete = false) {
  const { classes, full } = palette;
  if (discrete) return tint(classes[label], full);
  const guess = 100 / k;
  return tint(classes[label], Math.min(Math.max((full * (confidence - guess)) / (100 - guess), 0), full));
}

// The scale's ends for targets spanning [lo, hi]: symmetric about 0 if they have both
// signs, one unit either side if lo == hi.
export function scaleEnds([lo, hi]) {
  if (lo < 0 && 0 < hi) return [-Math.max(-lo, hi), Math.max(-lo, hi)];
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

// A value on the diverging scale over `range`: class 0's hue, white at the middle, class 1's;
// `most` of the hue at the ends (a cell's palette.full, a point's all of it).
export function valueRgb(value, range, palette, discrete = false, most = palette.full) {
  const [lo, hi] = scaleEnds(range), half = (hi - lo) / 2, { bands } = palette;
  let s = Math.min(Math.max((value - (lo + hi) / 2) / half, -1), 1);
  if (discrete) s = (2 * Math.min(Math.floor(((s + 1) / 2) * bands), bands - 1) + 1) / bands - 1;
  return tint(palette.classes[s >= 0 ? 1 : 0], most * Math.abs(s));
}

// Every cell's colour as [r, g, b], row by row from the top; grey where no output was finite.
export function cellColors(surface, palette, discrete = false) {
  const { task, grid } = surface, none = rgb(palette.zero);
  if (task === "binary") {
    return grid.map((p) => classRgb(p >= 50 ? 1 : 0, Math.max(p, 100 - p), 2, palette, discrete));
  }
  if (task === "classes") {
    return grid.map((c, i) => (c < 0 ? none
      : classRgb(c, surface.confidence[i], surface.classes, palette, discrete)));
  }
  return grid.map((v) => (v === null ? none : valueRgb(v, surface.range, palette, discrete)));
}

// [r, g, b] as CSS.
export function css(color) {
  return "rgb(" + color.join(",") + ")";
}

// A point as circles one over the other, [radius factor, fill, stroke, width] each: a class's
// point in its colour (white inside for validation); a target's in its colour on the scale
// at full strength, outlined dark, and for validation a white disc ringed in that colour
// inside a dark ring.
export function pointRings(surface, label, train, palette) {
  if (surface.task !== "regression") {
    const hue = palette.classes[label];
    return [[1, train ? hue : "#fff", hue, 1.5]];
  }
  const color = css(valueRgb(label, surface.range, palette, false, 1));
  if (train) return [[1, color, palette.outline, 1.5]];
  return [[1.45, null, palette.outline, 1], [1, "#fff", color, 2.5]];
}

// The regression key's bar as [offset, css colour]: its ends and middle (linear between),
// or each band's two ends (hard stops).
export function scaleStops(range, palette, discrete = false) {
  const [lo, hi] = scaleEnds(range), at = (f, d) => css(valueRgb(lo + f * (hi - lo), range, palette, d));
  if (!discrete) return [0, 0.5, 1].map((f) => [f, at(f, false)]);
  const { bands } = palette;
  return Array.from({ length: bands }, (_, b) => {
    const color = at((b + 0.5) / bands, true);
    return [[b / bands, color], [(b + 1) / bands, color]];
  }).flat();
}
