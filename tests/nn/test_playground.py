"""The playground's Python side: its steps are ``fit``'s, its controls act, its thread stops.

The widget is made without a front end (no kernel); its traits are set as the
browser would set them.
"""

from __future__ import annotations

import json
import math
import re
import statistics
import sys
from pathlib import Path

import pytest
import traitlets

from autograd import grad, no_grad
from autograd.viz.scene import colors
from nn import MLP, fit
from nn.features import FEATURES
from nn.losses import binary_cross_entropy_with_logits, l2_penalty
from nn.optim import SGD, Adam
from nn.train import evaluate
from nn.widgets.playground_settings import (
    ACTIVATIONS,
    DATASETS,
    INITS,
    OPTIMIZERS,
    PENALTIES,
    SHOWN,
)  # fmt: skip
from nn.widgets.trainer import Settings, Trainer

anywidget = pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")

from nn import playground  # noqa: E402
from nn.widgets.playground_view import boundary_svg  # noqa: E402

WIDGETS = Path(__file__).parents[2] / "nn" / "widgets"


def test_steps_are_fits_steps_for_the_same_seed() -> None:
    t = Trainer("moons", Settings(hidden=[4], lr=0.3, seed=3), points=60)
    for _ in range(5):
        t.step()
    model = MLP(2, [4, 1], seed=3)
    history = fit(
        model, t.X, t.y, loss=binary_cross_entropy_with_logits,
        optimizer=SGD(model.parameters(), lr=0.3), epochs=5, progress=False,
    )  # fmt: skip
    assert t.model.state_dict() == model.state_dict()
    assert t.loss == history.loss


def test_a_step_is_taken_by_fits_own_step_function(monkeypatch: pytest.MonkeyPatch) -> None:
    import nn.step
    import nn.widgets.trainer

    taken = []

    def counted(*args: object, **kwargs: object) -> object:
        taken.append(args[0])
        return nn.step.train_step(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(nn.widgets.trainer, "train_step", counted)
    t = Trainer("moons", Settings(hidden=[3]), points=20)
    t.step()
    t.step()
    assert taken == [t.model, t.model] and t.steps == 2


def test_a_penalty_is_fits_loss_plus_the_penalty() -> None:
    settings = Settings(hidden=[3], optimizer="adam", lr=0.05, penalty="l2", rate=0.01, seed=1)
    t = Trainer("circles", settings, points=40)
    for _ in range(3):
        t.step()
    model = MLP(2, [3, 1], seed=1)

    def loss(preds: list, targets: list) -> object:
        return binary_cross_entropy_with_logits(preds, targets) + 0.01 * l2_penalty(
            model.parameters()
        )

    fit(model, t.X, t.y, loss=loss, optimizer=Adam(model.parameters(), lr=0.05), epochs=3,
        progress=False)  # fmt: skip
    assert t.model.state_dict() == model.state_dict()


def test_validation_loss_and_the_grid_agree_with_the_model() -> None:
    t = Trainer("blobs", Settings(hidden=[5, 3], activation="relu"), points=40)
    t.step()
    want, _ = evaluate(t.model, t.X_val, t.y_val, binary_cross_entropy_with_logits)
    assert t.validation_loss() == pytest.approx(want, rel=1e-12)
    grid = t.grid(4)
    x0, x1, y0, y1 = t.bounds()
    point = [x0 + 0.5 * (x1 - x0) / 4, y1 - 0.5 * (y1 - y0) / 4]  # the top-left cell
    with no_grad():
        z = t.model(point).data
    assert grid[0] == round(100 / (1 + math.exp(-z)))


def test_unknown_settings_are_refused_in_the_controls_words() -> None:
    with pytest.raises(ValueError, match="playground optimizer must be one of sgd, momentum"):
        Trainer("moons", Settings(optimizer="lbfgs"))
    with pytest.raises(ValueError, match=r"playground\(\) data must be one of moons, circles, bl"):
        Trainer("spirals", Settings())
    # labels 0 .. k-1, every class present (issue 30: three or more classes are taken)
    with pytest.raises(
        ValueError, match=r"labels must be 0 to k-1 .* got \[0, 1, 3\] \(none is 2\)"
    ):
        Trainer(([[0.0, 0.0]] * 4, [0, 1, 3, 1]), Settings())


def test_play_trains_in_a_thread_and_pause_stops_it() -> None:
    pg = playground([4], "moons", lr=0.3, points=40)
    first = pg.trainer.validation_loss()
    pg.playing = True
    while pg.step < 20:
        pass  # the thread steps; this thread only reads
    pg.playing = False
    pg.wait(10)
    stopped = pg.step
    assert stopped >= 20 and pg.trainer.steps == stopped
    assert pg.frame["steps"] == stopped and pg.trainer.val_loss[-1] < first
    assert pg.step == stopped  # nothing runs after the pause


def test_controls_change_the_live_model() -> None:
    pg = playground([4], "moons", points=40).train(3)
    pg.lr = 1.0
    assert pg.trainer.optimizer.lr == 1.0 and pg.step == 3  # same model, same optimizer
    model, svg = pg.model, pg.svg
    pg.activation = "sigmoid"
    assert pg.model is not model and pg.step == 0 and pg.svg != svg
    assert pg.model.layers[0].neurons[0].activation == "sigmoid"
    pg.hidden = [4, 4, 4, 4, 4, 4]
    assert len(pg.model.layers) == 7
    with pytest.raises(
        traitlets.TraitError, match=r"hidden\[0\] must be a whole number from 1 to 64, got 0"
    ):
        pg.hidden = [0]
    assert pg.hidden == [4, 4, 4, 4, 4, 4] and len(pg.model.layers) == 7


def test_sigmoid_and_ten_layers_flag_the_first_layers_vanishing() -> None:
    pg = playground([8] * 10, "moons", activation="sigmoid", points=40).train(1)
    assert pg.frame["flags"][:4] == ["vanishing"] * 4 and pg.frame["flags"][-1] == ""


def test_the_display_carries_a_static_snapshot() -> None:
    pg = playground([4], "moons", points=40).train(2)
    data, _ = pg._repr_mimebundle_()
    snapshot = data["text/html"]
    assert snapshot.count("<img ") == 2 and "<svg" not in snapshot and "<script" not in snapshot
    assert pg.trainer.summary() in snapshot and "step 2 · loss " in snapshot


def test_without_anywidget_playground_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "anywidget", None)
    with pytest.raises(ImportError, match=r"^playground\(\) is a Jupyter widget and needs"):
        playground([4])


def test_a_given_model_is_checked_and_sets_the_controls() -> None:
    with pytest.raises(
        ValueError, match=r"model MLP\(3, \[4, 1\].* has 3 inputs .* need 2 inputs"
    ):
        playground(MLP(3, [4, 1], seed=0))
    with pytest.raises(
        ValueError, match=r"has 2 inputs and 2 outputs; .* two classes need 1 output"
    ):
        playground(MLP(2, [4, 2], seed=0))
    with pytest.raises(TypeError, match="takes hidden sizes such as \\[8, 8\\], got str"):
        playground("moons")
    with pytest.raises(ValueError, match=r"playground\(\) hidden\[0\] must be a whole .* got 0"):
        playground([0])
    model = MLP(2, [4, 1], activation="relu", seed=0)
    pg = playground(model, "blobs", points=40)
    assert pg.model is model and pg.trainer.settings.activation == "relu"


def test_numpy_data_trains_as_the_lists_do() -> None:
    np = pytest.importorskip("numpy")
    from nn.data import make_moons

    X, y = make_moons(40, noise=0.1, seed=2)
    lists, arrays = playground([3], (X, y)), playground([3], (np.array(X), np.array(y)))
    lists.train(3)
    arrays.train(3)
    assert arrays.trainer.loss == lists.trainer.loss
    with pytest.raises(ValueError, match=r"labels must be 0 to k-1 .* got \[0, 2\] \(none is 1\)"):
        playground([3], (np.array(X), 2 * np.array(y)))


def test_before_the_first_step_the_gradients_are_already_there() -> None:
    t = Trainer("moons", Settings(hidden=[4], lr=0.3, seed=3), points=60)
    assert t.steps == 0
    params = t.model.parameters()
    want = grad(binary_cross_entropy_with_logits([t.model(x) for x in t.X], list(t.y)), params)
    assert [p.grad for p in params] == want  # what the picture shows at step 0
    t.settings.hidden = [5]
    t.restart()
    assert any(p.grad != 0.0 for p in t.model.parameters())


def weights(model: MLP) -> list[float]:
    return [p.data for name, p in model.named_parameters() if ".w." in name]


def test_the_init_control_says_its_numbers_and_offers_the_small_normal() -> None:
    t = Trainer("moons", Settings(hidden=[8, 8], init="normal(0, 0.01)", seed=2), points=40)
    want = MLP(2, [8, 8, 1], seed=2, init=("normal", 0.0, 0.01))
    assert t.model.state_dict() == want.state_dict()
    assert 0.005 < statistics.pstdev(weights(t.model)) < 0.02  # std 0.01, not normal's 1
    pg = playground([4], points=40, init="normal")  # nn.init's name, as before
    assert pg.init == "normal(0, 1)" and pg.trainer.settings.init == "normal(0, 1)"
    assert pg.model.state_dict() == MLP(2, [4, 1], seed=0, init="normal").state_dict()
    pg.init = "uniform"
    assert pg.init == "uniform(0, 1)" and min(weights(pg.model)) >= 0.0
    pg.init = "normal(0, 0.01)"
    assert max(map(abs, weights(pg.model))) < 0.05
    with pytest.raises(traitlets.TraitError, match=r"uniform\(0, 1\), normal\(0, 1\), normal"):
        pg.init = "normal(0, 0.1)"
    assert pg.init == "normal(0, 0.01)"


def test_the_front_end_offers_the_choices_python_takes() -> None:
    js = (WIDGETS / "controls.js").read_text(encoding="utf-8")
    offered = {
        name: json.loads(f"[{found}]")
        for name, found in re.findall(r"^  (\w+): \[(.*)\],$", js, flags=re.MULTILINE)
    }
    assert offered["init"] == list(INITS)
    assert offered["activation"] == list(ACTIVATIONS)
    assert offered["optimizer"] == list(OPTIMIZERS)
    assert offered["penalty"] == list(PENALTIES) and offered["show"] == list(SHOWN)
    # The data sets and features come from Python itself, as data.
    pg = playground([4], points=40)
    assert pg.choices == {"data": list(DATASETS), "features": list(FEATURES)}
    assert playground([4], ([[0, 0], [1, 1], [0, 1], [1, 0]], [0, 1, 1, 0])).choices["data"] == [
        *DATASETS,
        "own",
    ]


def test_one_palette_the_classes_colours_come_from_python() -> None:
    pg = playground([4], points=40)
    assert pg.palette["classes"] == list(colors.CLASS_COLORS)
    # A pair of its own: neither a sign's hue (weights, gradients) nor the alarm's.
    others = {colors.hex_code(colors.POSITIVE), colors.hex_code(colors.NEGATIVE), colors.ALARM}
    assert len(set(colors.CLASS_COLORS)) == 2 and not set(colors.CLASS_COLORS) & others
    # The front end has no colour of its own but greys: every hue comes as data from Python.
    js = "".join(
        (WIDGETS / f).read_text(encoding="utf-8")
        for f in ("playground.js", "controls.js", "points.js")
    )
    for found in re.findall(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b", js):
        rgb = found if len(found) == 6 else "".join(c * 2 for c in found)
        assert rgb[0:2] == rgb[2:4] == rgb[4:6], f"#{found} in playground.js is not a grey"
    assert not re.search(r"\[\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\]", js), "an RGB triple in the JS"
    # The static view: points in their class's colour, and the key.
    html = pg._repr_mimebundle_()[0]["text/html"]
    zero, one = colors.CLASS_COLORS
    assert f'{zero}">\u25cf</span> class 0' in html and f'{one}">\u25cf</span> class 1' in html
    svg = boundary_svg([0, 100, 100, 0], 2, [[0.0, 0.0, 0, 1], [0.5, 0.5, 1, 1]], (-1, 1, -1, 1))
    assert f'fill="{zero}" stroke="{zero}"' in svg and f'fill="{one}" stroke="{one}"' in svg
