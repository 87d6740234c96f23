"""The front ends' shape: plain ES modules that copy none of Python's constants."""

from __future__ import annotations

import re
from pathlib import Path

from autograd.viz.palette import palette

ROOT = Path(__file__).resolve().parents[3]
#: Every front end's files: the modules and their stylesheets.
SCRIPTS = sorted([*ROOT.glob("autograd/viz/*.js"), *ROOT.glob("nn/widgets/*.js")])
STYLES = sorted([*ROOT.glob("autograd/viz/*.css"), *ROOT.glob("nn/widgets/*.css")])


def _code(path: Path) -> str:
    """The file without its comments (a comment may name a constant it does not copy)."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
    return "\n".join(line.split("//")[0] for line in text.splitlines())


def test_no_front_end_copies_a_colour_python_defines() -> None:
    p = palette()
    colours = {p.zero, p.alarm, p.highlight, p.current, p.outline, *p.ramp, *p.classes}
    for path in [*SCRIPTS, *STYLES]:
        found = {c for c in colours if c.lower() in _code(path).lower()}
        assert not found, f"{path.name} copies {sorted(found)}: read them from the palette"


def test_no_front_end_copies_the_text_floor_or_points_to_pixels() -> None:
    for path in SCRIPTS:
        code = _code(path)
        assert not re.search(r"\b4\)?\s*/\s*3\b", code), f"{path.name} copies px per pt"
        assert not re.search(r"=\s*11\s*;", code), f"{path.name} copies the 11-px floor"
        assert "toExponential" not in code, f"{path.name} writes ticks itself: colors.tick does"


FRONT_ENDS = {
    "autograd/viz/player.js": ("autograd.viz", "player.js"),
    "autograd/viz/lab.js": ("autograd.viz", "lab.js"),
    "nn/widgets/playground.js": ("nn.widgets", "playground.js"),
}


def test_every_front_end_stands_on_the_stage() -> None:
    for path in FRONT_ENDS:
        imports = re.findall(r'^import \{[^}]*\} from "([^"]+)";', (ROOT / path).read_text(), re.M)
        assert any(spec.endswith("/stage.js") for spec in imports), path


def test_one_joiner_inlines_the_modules_and_nothing_else_edits_them() -> None:
    from autograd.viz.esm import join

    for package, entry in FRONT_ENDS.values():
        joined = join(package, entry)
        assert not re.search(r"^import ", joined, re.M), entry
        assert joined.count("// ---- autograd/viz/stage.js") == 1, entry
        assert joined.count("export default") <= 1, entry
    script = join("autograd.viz", "player.js", script=True)
    assert not re.search(r"^\s*(import|export) ", script, re.M)
    # No other Python edits a module's text: the joiner is the one place.
    for path in [*ROOT.glob("autograd/**/*.py"), *ROOT.glob("nn/**/*.py")]:
        if path.name != "esm.py":
            assert '"export ' not in path.read_text(), path
