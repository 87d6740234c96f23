// The playground's explanations (playground.js): click a point in the boundary's panel and
// Python sends that example's player (nn/widgets/explain_view.py: its loss at the current
// weights, forward, backward, then what the next step does to each weight), which
// player.js renders under the playground; hovering a weight's wire in the network view
// then shows that weight's update frame in it.

import { render as renderPlayer } from "../../autograd/viz/web/player.js";

// The nearest point within this many CSS pixels of a click is the one explained.
const REACH = 8;

// Wire it all: the box under the playground, the clicks, the hovers. Returns the cleanup.
export function explaining(pg) {
  const box = document.createElement("div");
  box.className = "cr-pg-explain";
  box.hidden = true;
  pg.el.appendChild(box);
  // Said on hover (and by the pointer), not in a line of its own: a line under the
  // boundary would widen its panel or push the network below the fold at 1280 x 800.
  const boundary = pg.el.querySelector(".cr-pg-boundary");
  boundary.title = "Click a point: its loss, backward pass and next step, under the playground";
  const state = { box, player: null, wires: {} };
  const show = () => showExplained(pg, state);
  const click = (event) => {
    const k = nearest(pg.model.get("points"), event, boundary, pg.ui.boundary,
      pg.model.get("show_test"));
    if (k >= 0) pg.model.send({ explain: k });
  };
  const hover = (event) => {
    const wire = event.target.closest && event.target.closest("g[data-e]");
    const k = wire ? state.wires[wire.getAttribute("data-e")] : undefined;
    if (state.player && k !== undefined) state.player.show(k);
  };
  pg.model.on("change:explained", show);
  boundary.addEventListener("click", click);
  pg.ui.net.addEventListener("pointerover", hover);
  show();
  return () => {
    pg.model.off("change:explained", show);
    boundary.removeEventListener("click", click);
    pg.ui.net.removeEventListener("pointerover", hover);
  };
}

// The point (its index in points.xy) drawn nearest the click, within REACH; else -1.
// `tests`: validation points count (they are drawn: "show test data" is on).
export function nearest(points, event, node, { w, h }, tests = true) {
  const r = node.getBoundingClientRect();
  const px = event.clientX - r.left, py = event.clientY - r.top;
  const [x0, x1, y0, y1] = points.bounds;
  let best = -1, least = REACH * REACH;
  points.xy.forEach(([x, y, , train], k) => {
    if (!train && !tests) return;
    const dx = ((x - x0) / (x1 - x0)) * w - px, dy = ((y1 - y) / (y1 - y0)) * h - py;
    if (dx * dx + dy * dy <= least) [best, least] = [k, dx * dx + dy * dy];
  });
  return best;
}

// The explanation Python sent, as a player under the playground (none: the box hides).
function showExplained(pg, state) {
  const { html, data, title, wires } = pg.model.get("explained");
  state.box.textContent = "";
  state.player = null;
  state.box.hidden = !html;
  if (!html) return;
  const head = document.createElement("div");
  head.className = "cr-pg-title";
  head.textContent = title + " (hover a weight's wire in the network to see its update)";
  const host = document.createElement("div");
  host.className = "cr-player";
  host.tabIndex = 0;
  host.innerHTML = html; // the static view: the player takes its picture from it
  state.box.append(head, host);
  state.wires = wires || {};
  state.player = renderPlayer({ el: host, data });
}
