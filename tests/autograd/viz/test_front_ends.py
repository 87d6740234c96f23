"""The front ends' shape: plain ES modules that copy none of Python's constants."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from autograd.viz.layout.svg import SVG_NS
from autograd.viz.views.palette import palette

S = f"{{{SVG_NS}}}"

ROOT = Path(__file__).resolve().parents[3]
#: Every front end's files: the modules and their stylesheets.
SCRIPTS = sorted([*ROOT.glob("autograd/viz/web/*.js"), *ROOT.glob("nn/widgets/*.js")])
STYLES = sorted([*ROOT.glob("autograd/viz/web/*.css"), *ROOT.glob("nn/widgets/*.css")])


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
    "autograd/viz/web/player.js": ("autograd.viz.web", "player.js"),
    "autograd/viz/web/lab.js": ("autograd.viz.web", "lab.js"),
    "nn/widgets/playground.js": ("nn.widgets", "playground.js"),
}


def test_every_front_end_stands_on_the_stage() -> None:
    for path in FRONT_ENDS:
        imports = re.findall(r'^import \{[^}]*\} from "([^"]+)";', (ROOT / path).read_text(), re.M)
        assert any(spec.endswith("/stage.js") for spec in imports), path


def test_one_joiner_inlines_the_modules_and_nothing_else_edits_them() -> None:
    from autograd.viz.views.esm import join

    for package, entry in FRONT_ENDS.values():
        joined = join(package, entry)
        assert not re.search(r"^import ", joined, re.M), entry
        assert joined.count("// ---- autograd/viz/web/stage.js") == 1, entry
        assert joined.count("export default") <= 1, entry
    script = join("autograd.viz.web", "player.js", script=True)
    assert not re.search(r"^\s*(import|export) ", script, re.M)
    # No other Python edits a module's text: the joiner is the one place.
    for path in [*ROOT.glob("autograd/**/*.py"), *ROOT.glob("nn/**/*.py")]:
        if path.name != "esm.py":
            assert '"export ' not in path.read_text(), path


def _imported(path: str) -> set[str]:
    text = (ROOT / path).read_text()
    found = re.findall(r'^import \{([^}]*)\} from "[^"]*stage\.js";', text, re.M)
    return {name.strip().split(" as ")[0] for names in found for name in names.split(",")} - {""}


def test_the_front_ends_are_wiring_on_the_stage() -> None:
    # Each mounts, indexes and colours its picture with the stage's functions...
    for path in FRONT_ENDS:
        assert {"mount", "index", "usePalette"} <= _imported(path), path
    assert {"ownKeys", "onWidth"} <= _imported("autograd/viz/web/player.js")
    assert {"ownKeys", "onWidth", "paint"} <= _imported("autograd/viz/web/lab.js")
    assert {"ownKeys", "onWidth", "paint"} <= _imported("nn/widgets/playground.js")
    # ...and none does it its own way: one parser, one key listener, one painter.
    for path in FRONT_ENDS:
        code = _code(ROOT / path)
        assert "DOMParser" not in code, f"{path} parses SVG itself: stage.js's mount does"
        assert '"keydown"' not in code, f"{path} listens for keys itself: stage.js's ownKeys does"
        assert 'querySelectorAll("[data-' not in code, f"{path} indexes tags itself: index does"


def test_no_front_end_function_is_long() -> None:
    from benchmarks.structure import LONG_JS, js_lengths

    for path in [*SCRIPTS]:
        for lines, name in js_lengths(path.read_text()):
            assert lines <= LONG_JS, f"{path.name}: {name} is {lines} lines"
    renders = {
        path: dict((name, n) for n, name in js_lengths((ROOT / path).read_text()))["render"]
        for path in FRONT_ENDS
    }
    assert max(renders.values()) <= 40, renders  # a render only wires


def test_the_static_forms_are_painted_by_the_one_painter() -> None:
    # The lab's snapshot and the network's static view colour their tagged SVG
    # with autograd.viz.views.paint.paint, as stage.js's paint does in the browser.
    for path in ("autograd/viz/views/lab_view.py", "nn/widgets/network_view.py"):
        text = (ROOT / path).read_text()
        assert "paint(" in text and '.set("fill"' not in text, path


def test_one_tagger_marks_the_graph_view_and_the_network_view_alike() -> None:
    # Only autograd/viz/layout/svg.py writes the data-n/-e/-o marks of the contract.
    writers = [
        path.relative_to(ROOT).as_posix()
        for package in ("autograd", "nn")
        for path in (ROOT / package).rglob("*.py")
        if re.search(r"""\.set\(\s*f?["']data-""", path.read_text())
    ]
    assert writers == ["autograd/viz/layout/svg.py"]
    from nn import MLP
    from nn.widgets.network_view import network_svg

    root = ET.fromstring(network_svg(MLP(2, [3, 1], seed=0)))
    units = {g.get("data-n"): g for g in root.iter(f"{S}g") if g.get("data-n")}
    wires = {g.get("data-e"): g for g in root.iter(f"{S}g") if g.get("data-e")}
    # Inputs are column 0, hidden units column 1, the output column 2.
    assert sorted(units) == ["0_0", "0_1", "1_0", "1_1", "1_2", "2_0"]
    assert sorted(wires) == [f"0_{i}_{j}" for i in range(2) for j in range(3)] + [
        f"1_{i}_0" for i in range(3)
    ]
    for g in units.values():
        assert {"cr-bg", "cr-bd"} <= {c for e in g.iter() for c in (e.get("class") or "").split()}
    for g in wires.values():
        assert [e.get("class") for e in g.iter(f"{S}path")] == ["cr-bd"]
