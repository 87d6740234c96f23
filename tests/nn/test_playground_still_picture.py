"""The playground's still picture: the display's HTML and ``save_html``'s page (issue 30).

Read from the pictures themselves (each SVG decoded from its data: URL): each
task's key, the hollow validation points left out when "show test data" is off,
the cells at full colour (a regression's in five bands) when "discretize
output" is on; the colours worked out by hand from the classes' hues.
"""

from __future__ import annotations

import base64
import html
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")

from nn import playground
from tests.nn.playground_oracle import sets
from tests.nn.trainer_data import three_classes

#: Each class's colour, class 0 to 5 (full(): the same at 60 %, mixed with white by hand).
HUES = ["#762a83", "#1b7837", "#8c564b", "#e377c2", "#17becf", "#bcbd22"]


def full(hue: str) -> str:
    """``hue`` at 60 % over white: each channel 255 + (c - 255) * 0.6, rounded."""
    return "#" + "".join(
        f"{round(255 + (int(hue[i : i + 2], 16) - 255) * 0.6):02x}" for i in (1, 3, 5)
    )


def _pictures(page: str) -> dict[str, str]:
    """Each picture of a still view, by its alt text, decoded from its data: URL."""
    found = re.findall(r'<img alt="([^"]+)" src="data:image/svg\+xml;base64,([^"]+)"', page)
    return {alt: base64.b64decode(data).decode() for alt, data in found}


def _hollow(svg: str) -> int:
    return len(re.findall(r'<circle [^>]*fill="#ffffff"', svg))


def _cells(svg: str) -> list[str]:
    return re.findall(
        r'<rect x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+" fill="([^"]+)"', svg
    )


def test_the_still_picture_of_three_classes_keys_every_class() -> None:
    pg = playground([5], three_classes(), seed=2, lr=0.3).train(5)
    page = pg._repr_mimebundle_()[0]["text/html"]
    for k in range(3):
        assert f'<span style="color:{HUES[k]}">\u25cf</span> class {k}' in page
    boundary = _pictures(page)["decision boundary"]
    assert boundary.count("<circle") == 60 and _hollow(boundary) == 15  # 15 held out
    assert len(_cells(boundary)) == 32 * 32


def test_show_test_false_leaves_out_the_hollow_points() -> None:
    pg = playground([5], three_classes(), seed=2)
    pg.show_test = False
    page = pg._repr_mimebundle_()[0]["text/html"]
    boundary = _pictures(page)["decision boundary"]
    assert _hollow(boundary) == 0 and boundary.count("<circle") == 45
    assert "; the training points</p>" in page and "hollow: validation" not in page


def test_discretize_draws_each_class_cell_at_its_full_colour() -> None:
    pg = playground([5], three_classes(), seed=2, lr=0.3).train(5)
    soft = _cells(_pictures(pg._repr_mimebundle_()[0]["text/html"])["decision boundary"])
    pg.discretize = True
    hard = _cells(_pictures(pg._repr_mimebundle_()[0]["text/html"])["decision boundary"])
    classes = pg.frame["surface"]["grid"]
    assert hard == [full(HUES[c]) for c in classes]
    assert hard != soft and len(set(soft)) > 3  # paler where less sure, before


def test_a_regressions_still_picture_has_its_colour_bar_and_points_on_its_scale() -> None:
    pg = playground([4], "gaussians", points=60, seed=1).train(2)
    pictures = _pictures(pg._repr_mimebundle_()[0]["text/html"])
    assert set(pictures) == {"decision boundary", "the colour scale", "the network"}
    assert "class 0" not in pg._repr_mimebundle_()[0]["text/html"]
    # Validation points: a white disc inside a dark ring, two circles each.
    boundary = pictures["decision boundary"]
    assert _hollow(boundary) == 15 and boundary.count("<circle") == 45 + 2 * 15
    pg.show_test = False
    page = pg._repr_mimebundle_()[0]["text/html"]
    boundary = _pictures(page)["decision boundary"]
    assert _hollow(boundary) == 0 and boundary.count("<circle") == 45
    assert "; the training points</p>" in page and "hollow: validation" not in page


def test_save_html_writes_the_still_picture_and_settings_that_rebuild_it(tmp_path: Path) -> None:
    pg = playground([3], "xor", points=40, features=["x1·x2"], batch_size=5).train(3)
    pg.add_point([1.0, 1.0], 0)
    pg.show_test, pg.discretize = False, True
    page = pg.save_html(tmp_path / "lesson.html").read_text(encoding="utf-8")
    boundary = _pictures(page)["decision boundary"]
    assert _hollow(boundary) == 0 and boundary.count("<circle") == len(pg.trainer.X) == 31
    assert set(_cells(boundary)) <= {full(HUES[0]), full(HUES[1])}
    shown = re.search(r"<pre[^>]*>(\{.*?\})</pre>", page, re.S)
    assert shown is not None
    settings = json.loads(html.unescape(shown.group(1)))
    assert settings == pg.settings
    again = playground(settings=settings)
    assert sets(again) == sets(pg)


def test_a_discretized_regression_is_drawn_in_five_bands() -> None:
    pg = playground([4], "gaussians", points=60, seed=1, lr=0.1).train(20)
    lo, hi = pg.frame["surface"]["range"]
    assert lo < 0 < hi  # targets of both signs: the scale is symmetric about 0
    pg.discretize = True
    cells = _cells(_pictures(pg._repr_mimebundle_()[0]["text/html"])["decision boundary"])

    def band(hue: str, share: float) -> str:  # the hue at 60 % of share, over white
        return "#" + "".join(
            f"{round(255 + (int(hue[i : i + 2], 16) - 255) * 0.6 * share):02x}" for i in (1, 3, 5)
        )

    bands = {band(HUES[0], 0.8), band(HUES[0], 0.4), "#ffffff", band(HUES[1], 0.4),
             band(HUES[1], 0.8)}  # fmt: skip
    assert set(cells) <= bands and len(set(cells)) >= 3
