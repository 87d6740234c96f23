"""draw_graph through Graphviz: SVG content, hostile labels, missing dot, Jupyter display."""

from __future__ import annotations

import base64
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value
from autograd.viz import GraphvizNotFound, draw_graph, to_dot
from autograd.viz.layout import programs
from autograd.viz.layout.draw import READS_WHOLE, save

SVG = "{http://www.w3.org/2000/svg}"


def neuron() -> Value:
    x1, x2 = Value(2.0, label="x1"), Value(0.0, label="x2")
    w1, w2 = Value(-3.0, label="w1"), Value(1.0, label="w2")
    b = Value(6.8813735870195432, label="b")
    o = (x1 * w1 + x2 * w2 + b).tanh()
    o.backward()
    return o


def node_texts(svg: str) -> dict[str, list[str]]:
    """Each SVG node's title (its DOT name) -> its text lines, NBSP read as space."""
    found = {}
    for g in ET.fromstring(svg).iter(f"{SVG}g"):
        if g.get("class") == "node":
            title = g.find(f"{SVG}title")
            assert title is not None
            texts = [(t.text or "").replace("\xa0", " ") for t in g.iter(f"{SVG}text")]
            found[str(title.text)] = texts
    return found


# -- examples ------------------------------------------------------------------


def test_source_is_exactly_to_dot() -> None:
    o = neuron()
    assert draw_graph(o, rankdir="LR").source == to_dot(o)
    assert draw_graph(o, flow=True, rankdir="TB").source == to_dot(o, flow=True, rankdir="TB")
    assert o.draw(show_grad=False, rankdir="LR").source == to_dot(o, show_grad=False)


@pytest.mark.needs_dot
def test_a_graph_is_turned_top_to_bottom_where_left_to_right_does_not_read_whole(
    dot_program: str,
) -> None:
    x = Value(2.0, label="x")
    small = x * x
    assert draw_graph(small).source == to_dot(small)  # reads whole left to right: kept
    # The neuron left to right is wider than an 800-px column at 11 px; top to
    # bottom it is narrower, and drawn so (the README draws it that way).
    o = neuron()
    assert width_pt(draw_graph(o, rankdir="LR")) > READS_WHOLE
    assert width_pt(draw_graph(o, rankdir="TB")) < width_pt(draw_graph(o, rankdir="LR"))
    assert draw_graph(o).source == to_dot(o, rankdir="TB")
    assert o.draw(show_grad=False).source == to_dot(o, show_grad=False, rankdir="TB")
    assert draw_graph(o, flow=True).source == to_dot(o, flow=True, rankdir="TB")


def width_pt(graph: Any) -> float:
    svg = graph.pipe(format="svg", encoding="utf-8")
    return float(ET.fromstring(svg).get("width", "0pt").removesuffix("pt"))


@pytest.mark.needs_dot
def test_svg_shows_every_nodes_data_and_grad(dot_program: str) -> None:
    svg = draw_graph(neuron()).pipe(format="svg", encoding="utf-8")
    texts = node_texts(svg)
    # hand-worked: n = 0.881374 (atanh of 1/sqrt 2), do/dn = 0.5. Boxes are
    # numbered layer by layer (the leaves first); unlabelled ones show their names.
    expected = {
        "v0": ["x1", "data 2.0", "grad -1.5"],
        "v1": ["w1", "data -3.0", "grad 1.0"],
        "v2": ["x2", "data 0.0", "grad 0.5"],
        "v3": ["w2", "data 1.0", "grad 0.0"],
        "v4": ["b", "data 6.88137", "grad 0.5"],
        "v5": ["mul1", "data -6.0", "grad 0.5"],
        "v6": ["mul2", "data 0.0", "grad 0.5"],
        "v7": ["add1", "data -6.0", "grad 0.5"],
        "v8": ["add2", "data 0.881374", "grad 0.5"],
        "v9": ["L", "data 0.707107", "grad 1.0"],
    }
    assert {k: v for k, v in texts.items() if k.startswith("v")} == expected


@pytest.mark.needs_dot
def test_jupyter_display_is_an_svg_and_the_same_svg_as_an_image_in_html(
    dot_program: str,
) -> None:
    bundle = draw_graph(neuron())._repr_mimebundle_()
    assert set(bundle) == {"image/svg+xml", "text/html", "text/plain"}
    svg = bundle["image/svg+xml"]
    assert "<svg" in svg and "Digraph object" not in bundle["text/plain"]
    # An untrusted notebook drops image/svg+xml and inline SVG, but keeps an <img>.
    found = re.fullmatch(
        r'<img alt="[^"]+" src="data:image/svg\+xml;base64,([^"]+)"[^>]*>', bundle["text/html"]
    )
    assert found is not None and base64.b64decode(found.group(1)).decode() == svg


@pytest.mark.needs_dot
def test_save_writes_svg_png_and_dot(dot_program: str, tmp_path: Path) -> None:
    graph = draw_graph(neuron(), flow=True)
    assert save(graph, tmp_path / "g.svg", "svg").read_text().count("<svg") == 1
    assert save(graph, tmp_path / "g.png", "png").read_bytes()[:4] == b"\x89PNG"
    assert save(graph, tmp_path / "g.dot", "dot").read_text() == graph.source
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.dot", "g.png", "g.svg"]


def test_missing_dot_gives_install_hint_and_jupyter_fallback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no dot anywhere
    monkeypatch.setattr(programs, "bundled", lambda: None)  # nor the bundled graphviz-pure
    graph = draw_graph(neuron())
    with pytest.raises(GraphvizNotFound, match=r"sudo apt-get install graphviz.*brew install"):
        graph.pipe(format="svg")
    with pytest.raises(GraphvizNotFound, match="to_dot"):
        graph.render(tmp_path / "g", format="png")
    bundle = graph._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    assert "apt-get install graphviz" in bundle["text/plain"]
    assert graph.source in bundle["text/plain"]
    assert "&lt;B&gt;x1&lt;/B&gt;" in bundle["text/html"]  # the DOT text, escaped for HTML
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(GraphvizNotFound):
        save(graph, out / "g.svg", "svg")
    assert list(out.iterdir()) == []  # nothing half-written
    save(graph, out / "g.dot", "dot")  # the DOT text needs no Graphviz
    assert (out / "g.dot").read_text() == graph.source


def test_without_the_graphviz_package_to_dot_still_works(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "graphviz", None)  # import graphviz -> ImportError
    with pytest.raises(ImportError, match=r"pip install 'chainrule\[viz\]'"):
        draw_graph(Value(1.0))
    assert to_dot(Value(1.0)).startswith("digraph {")


def test_value_has_a_compact_html_display() -> None:
    v = Value(0.5, label="<w&b>")
    v.grad = -2.0
    assert v._repr_html_() == "<code>Value <b>&lt;w&amp;b&gt;</b> data=0.5 grad=-2.0</code>"
    assert Value(1.0)._repr_html_() == "<code>Value data=1.0 grad=0.0</code>"


# -- properties ------------------------------------------------------------------

HOSTILE = st.sampled_from(["<b>", "</TD>", "a|b", "{x}", "w[0]->h", "\\", '"', "'", "&amp;", "\n"])
LABELS = st.lists(
    st.one_of(HOSTILE, st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn")), max_size=8)),
    max_size=6,
).map("".join)


@pytest.mark.needs_dot
@settings(max_examples=60)
@given(LABELS)
def test_any_label_renders_through_dot_as_itself(dot_program: Any, label: str) -> None:
    svg = draw_graph(Value(1.0, label=label), show_data=False, show_grad=False).pipe(
        format="svg", encoding="utf-8"
    )
    # Graphviz writes runs of spaces as alternating space and no-break space:
    # the same picture, so both read as spaces here.
    lines = [line.replace("\xa0", " ") for line in label.split("\n") if line.strip()]
    shown = [text for text in node_texts(svg)["v0"] if text.strip()]
    assert shown == (lines if label else ["L"])  # no label: the output's name, L
