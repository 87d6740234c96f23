// The playground's two canvases (playground.js): the boundary panel (the decision boundary,
// a regression's surface, or a unit's heatmap, large), coloured as surface.js says in
// Python's palette, and the loss curves.

import { cellColors, css, pointRings } from "./surface.js";

// A canvas of w x h CSS pixels, sharp on any screen; its 2-D context.
export function canvas(node, w, h) {
  const ratio = window.devicePixelRatio || 1;
  node.width = w * ratio;
  node.height = h * ratio;
  node.style.width = w + "px";
  node.style.height = h + "px";
  const ctx = node.getContext("2d");
  ctx.scale(ratio, ratio);
  return { ctx, w, h };
}

// Class 1's colour above 50 %, class 0's below, paler the nearer 50, as [r, g, b]:
// nn/widgets/playground_view.py's shade(), a binary surface's cell.
export function shadeRgb(percent, palette) {
  return cellColors({ task: "binary", grid: [percent] }, palette)[0];
}

// A binary grid (percents of class 1: a unit's heatmap too) and the points over it:
// drawSurface's binary task; `pointsOf`, the data's surface, colours the points.
export function drawBoundary(target, grid, n, points, palette, pointsOf = null) {
  const cells = { task: "binary", grid };
  drawSurface(target, cells, n, points, palette, false, pointsOf || cells);
}

// The boundary panel: the surface (Trainer.surface(n): n x n cells, rows from the top) and
// the points ({ bounds, xy: [[x, y, label, train], ...] }), as Python's boundary_svg draws
// them; `discrete`: each class's cells at full colour, a prediction in bands; `pointsOf`:
// the surface whose task colours the points (the data's, under a unit's heatmap).
export function drawSurface({ ctx, w, h }, surface, n, points, palette, discrete = false,
  pointsOf = surface) {
  const cw = w / n, ch = h / n, fills = cellColors(surface, palette, discrete);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      ctx.fillStyle = css(fills[r * n + c]);
      ctx.fillRect(c * cw, r * ch, cw + 0.5, ch + 0.5);
    }
  }
  const [x0, x1, y0, y1] = points.bounds;
  for (const [x, y, label, train] of points.xy) {
    const px = ((x - x0) / (x1 - x0)) * w, py = ((y1 - y) / (y1 - y0)) * h;
    for (const [size, fill, stroke, width] of pointRings(pointsOf, label, train, palette)) {
      ctx.beginPath();
      ctx.arc(px, py, 3 * size, 0, 2 * Math.PI);
      if (fill) {
        ctx.fillStyle = fill;
        ctx.fill();
      }
      ctx.lineWidth = width;
      ctx.strokeStyle = stroke;
      ctx.stroke();
    }
  }
}

export function drawCurves({ ctx, w, h }, loss, val) {
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
