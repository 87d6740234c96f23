// The stage every front end stands on: what the player, the lab and the
// playground share, as small functions of their arguments.
//
// Python sends the data (autograd/viz/frames.py): a tagged SVG (data-n nodes,
// data-e edges, data-o ops; cr-bg backgrounds, cr-bd outlines, cr-d and cr-t
// texts: autograd/viz/paint.py), frames that say how to paint it, and the
// palette. Files import this one by relative path; autograd/viz/esm.py joins
// them into the one module (or script) a notebook can carry.

// Python's palette (autograd/viz/palette.py) as the CSS properties the
// stylesheets read: --cr-alarm, --cr-highlight, ..., and --cr-ramp, the key's bar.
export function usePalette(el, palette) {
  for (const name of ["zero", "alarm", "highlight", "current", "outline"]) {
    el.style.setProperty("--cr-" + name, palette[name]);
  }
  el.style.setProperty("--cr-ramp", "linear-gradient(to right, " + palette.ramp.join(", ") + ")");
}
