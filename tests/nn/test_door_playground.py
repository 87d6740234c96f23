"""The playground at the door (issue 24): what it refuses, and how it stops.

Training that diverges (or fails in any way) stops, says so in ``pg.error``
and keeps the last good model; the validation loss and the boundary are the
model's in evaluation mode; every setting is checked wherever it is set (the
``playground()`` call, a trait set from Python, a control in the browser) and
a refused one changes nothing; the points and the counts it takes are bounded.

The widget is made without a front end; ``set_state`` is what a control's
message from the browser calls.
"""

from __future__ import annotations

import math
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from typing import Any

import pytest

from nn import MLP
from nn.losses import binary_cross_entropy_with_logits
from nn.train import evaluate

anywidget = pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
traitlets = pytest.importorskip("traitlets")

from nn import playground  # noqa: E402

NAN, INF = float("nan"), float("inf")
DIVERGED = r"training diverged at step {step}: .* became (nan|inf|-inf) with learning rate {lr}; "
HINT = "lower the learning rate"


def stopped(pg: Any, timeout: float = 30.0) -> None:
    """Wait until ``pg`` stops playing by itself (it must, within ``timeout``)."""
    deadline = time.monotonic() + timeout
    while pg.playing and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not pg.playing, "still playing"
    pg.wait(10)
    assert not [t for t in threading.enumerate() if t.name == "playground"]


def played(pg: Any, steps: int, timeout: float = 30.0) -> None:
    """Play until ``pg`` has taken ``steps`` steps, then pause."""
    pg.playing = True
    deadline = time.monotonic() + timeout
    while pg.step < steps and pg.playing and time.monotonic() < deadline:
        time.sleep(0.01)
    pg.playing = False
    pg.wait(10)


def finite(state: dict[str, float]) -> bool:
    return all(math.isfinite(v) for v in state.values())


# -- 1. training that diverges stops, says so, and keeps the last good model ----------


def test_play_that_diverges_stops_and_says_at_which_step_and_learning_rate() -> None:
    # Notebook 08's prompt: raise the learning rate until it diverges.
    pg = playground([8, 8], lr=1e200, activation="relu")
    start, grid = pg.model.state_dict(), pg.frame["surface"]["grid"]
    pg.playing = True
    stopped(pg)
    pg.wait(10)
    assert pg.error.startswith("training diverged at step 1: ")
    assert "with learning rate 1e+200" in pg.error and HINT in pg.error
    # The last good picture and model: step 0, no NaN anywhere.
    assert pg.step == 0 and pg.frame["steps"] == 0 and pg.frame["surface"]["grid"] == grid
    assert pg.model.state_dict() == start and finite(start)


def test_train_that_diverges_raises_floating_point_error_and_changes_nothing() -> None:
    pg = playground([8, 8], lr=1e200, activation="relu")
    start = pg.model.state_dict()
    with pytest.raises(FloatingPointError, match=DIVERGED.format(step=1, lr=r"1e\+200")) as info:
        pg.train(5)
    assert str(info.value) == pg.error and HINT in pg.error
    assert pg.step == 0 and pg.trainer.loss == [] and pg.model.state_dict() == start
    data, _ = pg._repr_mimebundle_()
    assert "training diverged at step 1" in data["text/html"]  # the still picture says so too


def test_divergence_after_good_steps_keeps_the_model_of_the_last_one() -> None:
    # lr 1e3 with a linear activation: the logits grow without bound within a few steps.
    pg = playground([8, 8], lr=1e3, activation="linear")
    good: list[dict[str, float]] = [pg.model.state_dict()]
    with pytest.raises(FloatingPointError) as info:
        for _ in range(60):
            pg.train(1)
            good.append(pg.model.state_dict())
    k = len(good)  # the step that diverged
    message = str(info.value)
    assert message.startswith(f"training diverged at step {k}: ") and HINT in message
    assert f"learning rate 1000; the model is kept as it was after step {k - 1}" in message
    assert pg.step == k - 1 and pg.model.state_dict() == good[-1] and finite(good[-1])


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam", "rmsprop"])
def test_after_divergence_training_goes_on_from_the_last_good_step(optimizer: str) -> None:
    pg = playground([8, 8], lr=0.1, activation="relu", optimizer=optimizer).train(3)
    pg.lr = 1e200
    with pytest.raises(FloatingPointError, match=DIVERGED.format(step=4, lr=r"1e\+200")):
        pg.train(1)
    pg.lr = 0.1
    pg.train(3)
    # As a run that never took the bad step: its momentum and moments are kept too.
    again = playground([8, 8], lr=0.1, activation="relu", optimizer=optimizer).train(6)
    assert pg.step == 6 and pg.model.state_dict() == again.model.state_dict()
    assert pg.error == ""


def test_a_gradient_that_overflows_is_named_and_no_weight_moves() -> None:
    # The hidden unit's output is 0, so the loss is log 2; its weight's gradient is
    # (sigmoid(0) - 0) / 3 * 1e308 * 1e4 for each training point: inf.
    model = MLP(2, [1, 1], activation="linear", seed=0)
    model.load_state_dict(
        {
            "layers.0.neurons.0.w.0": 0.0,
            "layers.0.neurons.0.w.1": 0.0,
            "layers.0.neurons.0.b": 0.0,
            "layers.1.neurons.0.w.0": 1e308,
            "layers.1.neurons.0.b": 0.0,
        }
    )
    start = model.state_dict()
    pg = playground(model, ([[1e4, 0.0]] * 4, [0, 0, 0, 0]))
    want = DIVERGED.format(step=1, lr="0.1").replace(
        ".*", "the gradient of layers.0.neurons.0.w.0"
    )
    with pytest.raises(FloatingPointError, match=want):
        pg.train(1)
    assert model.state_dict() == start and pg.step == 0
    pg.playing = True
    stopped(pg)
    assert "the gradient of layers.0.neurons.0.w.0 became inf" in pg.error


def test_any_error_in_the_training_thread_stops_it_and_is_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pg = playground([4], points=40).train(2)
    start = pg.model.state_dict()
    params = pg.trainer.optimizer.params

    def half_a_step() -> None:  # moves some weights, then fails
        for p in params[: len(params) // 2]:
            p.data += 1.0
        raise RuntimeError("the optimizer broke")

    monkeypatch.setattr(pg.trainer.optimizer, "step", half_a_step)
    pg.playing = True
    stopped(pg)
    assert "training stopped at step 3" in pg.error and "the optimizer broke" in pg.error
    assert pg.step == 2 and pg.model.state_dict() == start  # nothing half-changed
    monkeypatch.undo()
    played(pg, 5)  # the next Play works
    assert pg.step >= 5 and pg.error == ""


def test_any_error_in_train_is_raised_and_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    pg = playground([4], points=40)
    start = pg.model.state_dict()

    def broken(x: Any) -> Any:
        raise KeyError("the model broke")

    monkeypatch.setattr(pg.model, "forward", broken)
    with pytest.raises(KeyError, match="the model broke"):
        pg.train(3)
    assert "training stopped at step 1" in pg.error and "the model broke" in pg.error
    assert pg.step == 0 and pg.model.state_dict() == start and not pg.playing


def test_the_next_play_after_lowering_the_learning_rate_trains_again() -> None:
    pg = playground([8, 8], lr=1e200, activation="relu")
    pg.playing = True
    stopped(pg)
    assert "diverged" in pg.error
    pg.lr = 0.1
    played(pg, 5)
    assert pg.step >= 5 and pg.error == "" and math.isfinite(pg.trainer.loss[-1])


# -- 4. evaluation in evaluation mode (dropout off), steps in training mode ------------


def test_a_dropout_model_is_evaluated_with_dropout_off() -> None:
    model = MLP(2, [8, 1], dropout=0.5, seed=0)
    pg = playground(model, points=40)
    t = pg.trainer
    assert t.validation_loss() == t.validation_loss()  # the same weights: the same loss
    want, _ = evaluate(model, t.X_val, t.y_val, binary_cross_entropy_with_logits)
    assert t.validation_loss() == pytest.approx(want, rel=1e-12)
    assert t.grid(8) == t.grid(8) and model.training
    # The steps keep dropout on: the first loss is not the loss with dropout off.
    off, _ = evaluate(model, t.X, t.y, binary_cross_entropy_with_logits)
    pg.train(1)
    assert pg.trainer.loss[0] != pytest.approx(off, rel=1e-6) and model.training
    want, _ = evaluate(model, t.X_val, t.y_val, binary_cross_entropy_with_logits)
    assert pg.trainer.val_loss[0] == pytest.approx(want, rel=1e-12)


# -- 6. every setting checked wherever it is set; a refused one changes nothing --------

#: (setting, a value it refuses, the error from the door): every control.
REFUSED: list[tuple[str, Any, type[Exception]]] = [
    ("init", "constant", ValueError),
    ("init", "glorot", ValueError),
    ("init", None, ValueError),
    ("init", 3, ValueError),
    ("init", "normal(0, 0.1)", ValueError),  # the control's names only, and nn.init's two
    ("init", ("normal", 0.0, 0.01), ValueError),
    ("init", ["normal"], ValueError),
    ("lr", -1.0, ValueError),
    ("lr", NAN, ValueError),
    ("lr", INF, ValueError),
    ("lr", 10**400, ValueError),
    ("lr", "0.1", TypeError),
    ("lr", True, TypeError),
    ("lr", None, TypeError),
    ("hidden", [0], ValueError),
    ("features", [], ValueError),
    ("features", ["x3"], ValueError),
    ("features", ["x1", "x1"], ValueError),
    ("features", "x1", TypeError),
    ("test_fraction", 0.0, ValueError),
    ("test_fraction", 1.0, ValueError),
    ("test_fraction", NAN, ValueError),
    ("batch_size", 0, ValueError),
    ("batch_size", 2.5, ValueError),
    ("hidden", [2.5], ValueError),
    ("hidden", [-1], ValueError),
    ("hidden", [True], TypeError),
    ("hidden", [8, None], TypeError),
    ("hidden", "8, 8", TypeError),
    ("hidden", 5, TypeError),
    ("hidden", [10**6], ValueError),  # unbounded before: a million units, never answering
    ("hidden", [8] * 17, ValueError),
    ("rate", -1.0, ValueError),
    ("rate", NAN, ValueError),
    ("rate", INF, ValueError),
    ("rate", "x", TypeError),
    ("rate", True, TypeError),
    ("activation", "swish", ValueError),
    ("activation", None, ValueError),
    ("optimizer", "lbfgs", ValueError),
    ("optimizer", 1, ValueError),
    ("penalty", "l3", ValueError),
]
#: The network view's colouring, a control that is not an argument of playground().
SHOW_REFUSED = [("show", "value", ValueError), ("show", None, ValueError)]


def snapshot(pg: Any) -> tuple[Any, ...]:
    t = pg.trainer
    controls = {n: getattr(pg, n) for n in ("hidden", "activation", "init", "optimizer", "lr")}
    controls.update(penalty=pg.penalty, rate=pg.rate, show=pg.show)
    state = (t.optimizer, t.optimizer.lr, dict(vars(t.optimizer)))
    return controls, asdict(t.settings), pg.model, pg.model.state_dict(), state, pg.step


@pytest.mark.parametrize(("name", "value", "kind"), REFUSED + SHOW_REFUSED)
def test_a_setting_refused_from_python_raises_and_changes_nothing(
    name: str, value: Any, kind: type[Exception]
) -> None:
    pg = playground([4], points=40, penalty="l2").train(2)
    before = snapshot(pg)
    with pytest.raises(traitlets.TraitError, match=rf"^playground {name}\b"):
        setattr(pg, name, value)
    assert snapshot(pg) == before
    pg.hidden = [3]  # a later rebuild works
    assert pg.train(1).step == 1 and repr(pg.model) == "MLP(2, [3, 1], activation='tanh')"


@pytest.mark.parametrize(("name", "value", "kind"), REFUSED + SHOW_REFUSED)
def test_a_setting_refused_from_the_browser_is_rolled_back_and_shown(
    name: str, value: Any, kind: type[Exception]
) -> None:
    pg = playground([4], points=40, penalty="l2").train(2)
    before = snapshot(pg)
    pg.set_state({name: value})  # what a control's message does; nothing is raised
    assert snapshot(pg) == before
    assert pg.error.startswith(f"playground {name}")
    pg.set_state({"hidden": [3], "activation": "relu"})  # every later rebuild works
    assert repr(pg.model) == "MLP(2, [3, 1], activation='relu')" and pg.error == ""
    assert pg.train(1).step == 1


@pytest.mark.parametrize(("name", "value", "kind"), REFUSED)
def test_the_door_refuses_what_the_controls_refuse_in_the_same_words(
    name: str, value: Any, kind: type[Exception]
) -> None:
    if name == "hidden" and not isinstance(value, list):
        # Not a list: the first argument is then a model, which it is not either.
        with pytest.raises(TypeError, match=r"^playground\(\) trains an MLP\(2, \[\.\.\., 1\]\) "):
            playground(value)
        return
    args: dict[str, Any] = {} if name == "hidden" else {name: value}
    with pytest.raises(kind, match=rf"^playground\(\) {name}\b") as info:
        playground(value if name == "hidden" else [4], points=40, **args)
    pg = playground([4], points=40)
    with pytest.raises(traitlets.TraitError) as trait:
        setattr(pg, name, value)
    assert str(trait.value) == str(info.value).replace("playground()", "playground", 1)


def test_a_given_model_with_a_nan_weight_is_refused() -> None:
    model = MLP(2, [3, 1], seed=0)
    model.layers[1].neurons[0].b.data = NAN
    with pytest.raises(ValueError, match=r"playground\(\) model's layers.1.neurons.0.b is nan"):
        playground(model)


# -- 8. the points are finite and bounded ---------------------------------------------


def test_a_million_points_are_refused_at_once_with_the_number_to_pass() -> None:
    # In a process of its own, held to 2 GB and 30 s: without a limit it would build
    # graphs of gigabytes for minutes before the first step.
    code = (
        "import resource\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "from nn import playground\n"
        "try:\n    playground([8, 8], points=10**6)\n"
        "except ValueError as error:\n    print(error)\n"
    )
    try:
        run = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=30
        )
    except subprocess.TimeoutExpired:
        pytest.fail("playground(points=10**6) took more than 30 s to answer")
    assert run.stdout.startswith("playground() points=1000000 is more than max_points=2000")
    assert "pass fewer points, or max_points=1000000" in run.stdout


def test_the_limit_is_the_users_data_too_and_max_points_lifts_it() -> None:
    from nn.data import make_moons

    X, y = make_moons(2001, noise=0.1, seed=0)
    with pytest.raises(ValueError, match=r"data of 2001 points is more than max_points=2000"):
        playground([4], (X, y))
    with pytest.raises(ValueError, match=r"points=41 is more than max_points=40"):
        playground([4], points=41, max_points=40)
    assert len(playground([4], (X, y), max_points=2001).points["xy"]) == 2001
    assert len(playground([4], points=2000).points["xy"]) == 2000


def four(second: Any) -> list[Any]:
    """Four 2-D points, the second one ``second``."""
    return [[0.0, 0.0], second, [1.0, 1.0], [1.0, 0.0]]


LABELS = [0, 1, 1, 0]


@pytest.mark.parametrize(
    ("X", "y", "kind", "message"),
    [
        (four([NAN, 1.0]), LABELS, ValueError, r"X\[1\]\[0\] is nan"),
        (four([1.0, INF]), LABELS, ValueError, r"X\[1\]\[1\] is inf"),
        (four([1.0, -INF]), LABELS, ValueError, r"X\[1\]\[1\] is -inf"),
        (four([1.0, 10**400]), LABELS, ValueError, r"X\[1\]\[1\] is an int of 1329 bits"),
        (four([1.0, "a"]), LABELS, TypeError, r"X\[1\]\[1\] must be a number"),
        ([[0.0, 0.0, 1.0]] * 4, LABELS, ValueError, r"X has rows of 3 numbers, the model takes 2"),
        ([0.0, 1.0, 2.0, 3.0], LABELS, ValueError, r"X must hold one row of numbers per example"),
        ([[0.0, 0.0]] * 4, [0, 1, 1], ValueError, r"X has 4 rows and y 3 targets"),
        ([[0.0, 0.0]] * 4, [0, 1, True, 0], TypeError, r"y\[2\] is True"),
        ([[0.0, 0.0]] * 4, [0, 1, NAN, 0], ValueError, r"y\[2\] is nan"),
        ([[0.0, 0.0]] * 3, [0, 1, 1], ValueError, r"needs at least 4 points, got 3"),
    ],
)
def test_the_users_data_must_be_finite_2d_points(
    X: Any, y: Any, kind: type[Exception], message: str
) -> None:
    with pytest.raises(kind, match=r"^playground\(\) data .*" + message):
        playground([4], (X, y))


@pytest.mark.parametrize(
    ("data", "kind"),
    [("spirals", ValueError), (5, TypeError), (None, TypeError), (([[0.0, 0.0]] * 4,), TypeError)],
)
def test_data_is_a_name_or_a_pair(data: Any, kind: type[Exception]) -> None:
    with pytest.raises(kind, match=r"^playground\(\) data must be one of moons, circles, blobs"):
        playground([4], data)


# -- 10 and 12. counts are whole numbers in range ---------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "kind"),
    [
        ("points", 0, ValueError),
        ("points", 1, ValueError),
        ("points", 3, ValueError),
        ("points", 40.5, ValueError),
        ("points", NAN, ValueError),
        ("points", "200", TypeError),
        ("points", True, TypeError),
        ("points", None, TypeError),
        ("seed", "abc", TypeError),
        ("seed", 2.5, ValueError),
        ("seed", -1, ValueError),
        ("max_points", 0, ValueError),
        ("max_points", "2000", TypeError),
        ("max_points", INF, ValueError),
    ],
)
def test_counts_are_whole_numbers_in_range(name: str, value: Any, kind: type[Exception]) -> None:
    wanted = ">= 4" if name == "points" else ""
    with pytest.raises(kind, match=rf"^playground\(\) {name} must be a whole number {wanted}"):
        playground([4], **{name: value})


@pytest.mark.parametrize(
    ("steps", "kind"),
    [(-5, ValueError), (2.5, ValueError), (NAN, ValueError), ("5", TypeError), (True, TypeError),
     (None, TypeError)],
)  # fmt: skip
def test_train_takes_a_whole_number_of_steps(steps: Any, kind: type[Exception]) -> None:
    pg = playground([4], points=40)
    start = pg.model.state_dict()
    with pytest.raises(kind, match=r"^train\(\) steps must be a whole number >= 0, got "):
        pg.train(steps)
    assert pg.step == 0 and pg.model.state_dict() == start and pg.error == ""


def test_train_takes_numpy_counts_and_zero() -> None:
    np = pytest.importorskip("numpy")
    pg = playground([4], points=np.int64(40), seed=np.int64(1))
    assert pg.train(0).step == 0 and pg.train(np.int64(2)).step == 2
    assert len(pg.points["xy"]) == 40
