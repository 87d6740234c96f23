// The playground's two canvases (playground.js): the decision boundary (or a unit's
// heatmap, large), shaded in the classes' colours (Python's palette), and the loss curves.

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

// "#rrggbb" as its red, green and blue, 0 to 255 each.
function rgb(hex) {
  return hex.slice(1).match(/../g).map((h) => parseInt(h, 16));
}

// Class 1's colour above 50 %, class 0's below, paler the nearer 50, as [r, g, b]:
// nn/widgets/playground_view.py's shade().
export function shadeRgb(percent, classes) {
  const hue = rgb(classes[percent >= 50 ? 1 : 0]);
  const t = (0.6 * Math.abs(percent - 50)) / 50;
  return hue.map((c) => Math.round(255 + (c - 255) * t));
}

function shade(percent, classes) {
  return "rgb(" + shadeRgb(percent, classes).join(",") + ")";
}

export function drawBoundary({ ctx, w, h }, grid, n, points, classes) {
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
