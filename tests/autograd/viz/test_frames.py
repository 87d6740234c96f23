"""The views' frames: named, versioned, and made only of the fields the schema documents."""

from __future__ import annotations

from typing import Any

import pytest

from autograd import Value
from autograd.viz.views import frames
from autograd.viz.views.frames import FRAMES, VERSION, LabView, Paint, PlayerFrame, Scale


def conforms(frame: Any) -> None:
    """``frame`` and every frame inside it: a known kind, this version, documented fields."""
    if isinstance(frame, list):
        for item in frame:
            conforms(item)
        return
    if not isinstance(frame, dict):
        return
    if "kind" in frame:
        schema = FRAMES[frame["kind"]]
        assert frame["version"] == VERSION
        assert set(frame) == {"kind", "version", *schema.documented()}, frame["kind"]
    for value in frame.values():
        conforms(value)


def test_a_frame_is_named_fields_with_its_kind_and_version() -> None:
    frame = PlayerFrame(active=-1, view=0, caption="Begin.", changes=[], counter="start")
    assert frame.json() == {
        "kind": "player.frame",
        "version": VERSION,
        "active": -1,
        "view": 0,
        "caption": "Begin.",
        "changes": [],
        "summary": False,
        "counter": "start",
        "blanks": False,
        "lit": [],
    }


def test_every_field_of_every_frame_is_documented() -> None:
    for kind, schema in FRAMES.items():
        docs = schema.documented()
        assert docs and all(isinstance(d, str) and d for d in docs.values()), kind
        assert schema.kind == kind


def test_frames_inside_frames_become_json_too() -> None:
    view = LabView(
        [Paint(fill="#440154")], ["x"], ["L = 1.0"], Scale(0.01, 1.0, ["0.01", "1"]), 2.0
    )
    out = view.json()
    assert out["nodes"][0]["kind"] == "paint" and out["scale"]["ticks"] == ["0.01", "1"]
    conforms(out)


@pytest.mark.needs_dot
def test_the_player_sends_only_documented_fields(dot_program: str) -> None:
    from autograd.viz import step_through
    from autograd.viz.views.player_page import player_parts

    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    stepper = step_through((a * b).tanh())
    _, data = player_parts(stepper.layout(), stepper.frame_data(), hint="h")
    conforms(data)
    assert data["kind"] == "player" and data["frames"][0]["kind"] == "player.frame"


@pytest.mark.needs_dot
def test_the_lab_sends_only_documented_fields(dot_program: str) -> None:
    from autograd.viz import lab

    w = lab(lambda x, y: (x * y).tanh(), x=0.5, y=-1.0)
    conforms(w.view)
    conforms(w.size)
    assert w.view["kind"] == "lab.view" and w.size["kind"] == "picture"
    w.mode = "steps"
    conforms(w.player["data"])


@pytest.mark.needs_dot
def test_the_playground_sends_only_documented_fields(dot_program: str) -> None:
    from nn import playground

    pg = playground(points=40)
    conforms(pg.frame)
    assert pg.frame["kind"] == "playground" and pg.frame["units"]["1_0"]["kind"] == "paint"


def test_the_schema_module_lists_every_frame() -> None:
    listed = {name for name in frames.__all__ if isinstance(getattr(frames, name), type)}
    assert {schema.__name__ for schema in FRAMES.values()} <= listed
