"""Issue 24, nn's training surface: every argument checked at the door, nothing moved by a no.

The hostile inputs are in tables, one per kind of argument, so the probes can
be counted: each row is one input that must be refused with the named type and
a message that names the call and the argument, or (the NumPy tables) one that
must be accepted as the plain int it stands for. ``fit``'s refusals are tried
against a model whose SGD momentum buffers and Adam ``m``, ``v`` and step
count are already filled, and each must leave the weights, the gradients and
those buffers exactly as they were.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import nn
from autograd import Value
from nn import MLP, Dropout, EarlyStopping, Layer, LayerNorm, Neuron, fit
from nn.data import batches, make_blobs, make_circles, make_moons, train_test_split
from nn.losses import l1_penalty, l2_penalty, mse
from nn.optim import SGD, Adam, CosineLR, Optimizer, RMSprop, StepLR, clip_grad_norm
from nn.train import History, evaluate

nan, inf = math.nan, math.inf
X4 = [[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]
Y4 = [1.0, 1.0, 0.0, 0.0]
Options = dict[str, Any] | Callable[[MLP, Optimizer], dict[str, Any]]


def _rows() -> Iterator[list[float]]:
    yield from X4


def _hook(epoch: int, history: History) -> None:
    """A callback, passed alone where a list of them is wanted."""


# -- fit(): one table per kind of argument -------------------------------------------

FIT_DATA = [
    ({"X": [0.0, 1.0, 1.0, 0.0]}, ValueError, "fit() X must hold one row of numbers per example"),
    ({"X": [[[0.0, 1.0]]] * 4}, TypeError, "fit() X[0][0] must be a number, got [0.0, 1.0]"),
    (lambda m, o: {"X": _rows()}, TypeError, "fit() X must be a list of rows"),
    ({"X": [[0.0, 1.0]] * 3 + [[1.0]], "batch_size": 1}, ValueError, "every row needs the same"),
    ({"X": [[0.0, 1.0, 2.0]] * 4}, ValueError, "fit() X has rows of 3 numbers, the model takes 2"),
    ({"X": [[0.0, 1.0], [nan, 0.0]] * 2}, ValueError, "fit() X[1][0] is nan"),
    ({"X": [[0.0, "1.0"]] * 4}, TypeError, "fit() X[0][1] must be a number, got '1.0'"),
    ({"X": "abcd"}, TypeError, "fit() X must be a list of rows"),
    ({"X": None}, TypeError, "fit() X must be a list of rows"),
    ({"X": [], "y": []}, ValueError, "fit() X is empty"),
    ({"y": [1.0, 1.0, "0", 0.0]}, TypeError, "fit() y[2] must be a number, got '0'"),
    ({"y": Y4[:2]}, ValueError, "fit() needs one target per example: X has 4 rows and y 2"),
    (
        {"y": [True, False, True, False]},
        TypeError,
        "fit() y[0] is True: give class labels as ints",
    ),
    ({"y": [1.0, inf, 0.0, 0.0]}, ValueError, "fit() y[1] is inf"),
]
FIT_VALIDATION = [
    (
        {"validation": ([[0.0, 1.0, 2.0]] * 4, Y4)},
        ValueError,
        "validation X has rows of 3 numbers",
    ),
    (
        {"validation": (X4, ["a", "b", "c", "d"])},
        TypeError,
        "fit() validation y[0] must be a number",
    ),
    ({"validation": [X4, Y4, Y4]}, TypeError, "fit() validation must be a pair (X_val, y_val)"),
    ({"validation": X4}, TypeError, "fit() validation must be a pair (X_val, y_val)"),
    ({"validation": (X4,)}, TypeError, "fit() validation must be a pair (X_val, y_val)"),
    ({"validation": {"X": X4, "y": Y4}}, TypeError, "fit() validation must be a pair"),
    ({"validation": (X4, Y4[:3])}, ValueError, "fit() validation needs one target per example"),
    ({"validation": ([[0.0, inf]] * 4, Y4)}, ValueError, "fit() validation X[0][1] is inf"),
    ({"validation": ([[0.0, 1.0], [1.0]], Y4[:2])}, ValueError, "fit() validation X[1] has 1"),
]
FIT_PARTS = [
    ({"loss": "mse"}, TypeError, "pass the function nn.losses.mse, not its name"),
    ({"loss": None}, TypeError, "fit() loss must be a function loss(predictions, targets)"),
    ({"optimizer": None}, TypeError, "fit() optimizer must be an optimizer such as SGD("),
    ({"optimizer": SGD}, TypeError, "fit() optimizer must be an optimizer such as SGD(model"),
    (lambda m, o: {"optimizer": m.parameters()}, TypeError, "fit() optimizer must be an optim"),
    ({"callbacks": _hook}, TypeError, "fit() callbacks must be a list of functions"),
    ({"callbacks": [1]}, TypeError, "fit() callbacks[0] must be a function callback(epoch, hist"),
    ({"callbacks": 5}, TypeError, "fit() callbacks must be a list of functions"),
    ({"callbacks": "print"}, TypeError, "fit() callbacks must be a list of functions"),
    (
        lambda m, o: {"scheduler": StepLR(SGD(m.parameters(), lr=1.0), step_size=1)},
        ValueError,
        "fit() scheduler must schedule the optimizer fit() steps",
    ),
    ({"scheduler": "step"}, TypeError, "fit() scheduler must be a StepLR(optimizer, ...)"),
    ({"scheduler": StepLR}, TypeError, "got the class StepLR itself"),
    ({"early_stopping": EarlyStopping}, TypeError, "got the class EarlyStopping itself (add"),
    ({"early_stopping": {"patience": 3}}, TypeError, "early_stopping must be an EarlyStopping("),
    ({"early_stopping": 5}, TypeError, "fit() early_stopping must be an EarlyStopping(...)"),
    ({"early_stopping": True}, TypeError, "fit() early_stopping must be an EarlyStopping(...)"),
    ({"model": None}, TypeError, "fit() model must be a model such as MLP("),
]
FIT_COUNTS = [
    ({"epochs": True}, TypeError, "fit() epochs must be a whole number >= 0, got True (a bool)"),
    ({"epochs": -1}, ValueError, "fit() epochs must be a whole number >= 0, got -1"),
    ({"epochs": 2.5}, ValueError, "fit() epochs must be a whole number >= 0, got 2.5"),
    ({"epochs": "5"}, TypeError, "fit() epochs must be a whole number >= 0, got '5' (a str)"),
    ({"epochs": None}, TypeError, "fit() epochs must be a whole number >= 0, got None"),
    ({"epochs": nan}, ValueError, "fit() epochs must be a whole number >= 0, got nan"),
    ({"batch_size": 0}, ValueError, "fit() batch_size must be a whole number >= 1 or None, got 0"),
    ({"batch_size": -2}, ValueError, "fit() batch_size must be a whole number >= 1 or None"),
    ({"batch_size": True}, TypeError, "fit() batch_size must be a whole number >= 1 or None"),
    ({"batch_size": 2.5}, ValueError, "fit() batch_size must be a whole number >= 1 or None"),
    ({"batch_size": "4"}, TypeError, "fit() batch_size must be a whole number >= 1 or None"),
    ({"batch_size": nan}, ValueError, "fit() batch_size must be a whole number >= 1 or None"),
]
FIT_FLAGS_AND_SEEDS = [
    ({"progress": "no"}, TypeError, "fit() progress must be True or False, got 'no' (a str)"),
    ({"progress": 0}, TypeError, "fit() progress must be True or False, got 0 (an int)"),
    ({"progress": None}, TypeError, "fit() progress must be True or False"),
    ({"seed": "abc"}, TypeError, "fit() seed must be a whole number >= 0 or None, got 'abc'"),
    ({"seed": 1.5}, ValueError, "fit() seed must be a whole number >= 0 or None, got 1.5"),
    ({"seed": -1}, ValueError, "fit() seed must be a whole number >= 0 or None, got -1"),
    ({"seed": True}, TypeError, "fit() seed must be a whole number >= 0 or None, got True"),
]
FIT_REALS = [
    ({"target_loss": "0.1"}, TypeError, "fit() target_loss must be a number or None, got '0.1'"),
    ({"target_loss": nan}, ValueError, "fit() target_loss must be a finite number or None"),
    ({"target_loss": inf}, ValueError, "fit() target_loss must be a finite number or None"),
    ({"target_loss": True}, TypeError, "fit() target_loss must be a number or None, got True"),
    ({"clip_grad_norm": -1.0}, ValueError, "fit() clip_grad_norm must be a finite number >= 0"),
    ({"clip_grad_norm": nan}, ValueError, "fit() clip_grad_norm must be a finite number >= 0"),
    ({"clip_grad_norm": "1"}, TypeError, "fit() clip_grad_norm must be a number >= 0 or None"),
]
FIT_REFUSALS = FIT_DATA + FIT_VALIDATION + FIT_PARTS + FIT_COUNTS + FIT_FLAGS_AND_SEEDS + FIT_REALS


def _trained(kind: str) -> tuple[MLP, Optimizer]:
    """A model and its optimizer after two epochs of steps: every buffer filled."""
    model = MLP(2, [3, 1], seed=0)
    params = model.parameters()
    opt = SGD(params, lr=0.1, momentum=0.9) if kind == "sgd" else Adam(params, lr=0.1)
    fit(model, X4, Y4, loss=mse, optimizer=opt, epochs=2, batch_size=2, progress=False)
    if isinstance(opt, SGD):
        assert opt.buffers is not None and any(opt.buffers)
    else:
        assert isinstance(opt, Adam) and opt.steps == 4 and any(opt.m) and any(opt.v)
    return model, opt


def _everything(model: MLP, opt: Optimizer) -> tuple[Any, ...]:
    """What a refusal must leave alone: weights, gradients, and the optimizer's whole state."""
    state = copy.deepcopy({k: v for k, v in vars(opt).items() if k != "params"})
    return model.state_dict(), [p.grad for p in model.parameters()], state


@pytest.mark.parametrize(("options", "error", "fragment"), FIT_REFUSALS)
@pytest.mark.parametrize("kind", ["sgd", "adam"])
def test_fit_refuses_before_the_first_step(
    kind: str, options: Options, error: type, fragment: str
) -> None:
    model, opt = _trained(kind)
    before = _everything(model, opt)
    given = dict(options(model, opt) if callable(options) else options)
    args = {"model": model, "X": X4, "y": Y4, "loss": mse, "optimizer": opt, "epochs": 3}
    args.update(progress=False)
    args.update(given)
    with pytest.raises(error) as raised:
        fit(args.pop("model"), args.pop("X"), args.pop("y"), **args)
    assert fragment in str(raised.value)
    assert _everything(model, opt) == before


def test_the_refusals_that_name_the_class_say_to_call_it() -> None:
    model, opt = _trained("sgd")
    with pytest.raises(TypeError) as raised:
        fit(model, X4, Y4, loss=mse, optimizer=opt, epochs=1, early_stopping=EarlyStopping)  # type: ignore[arg-type]
    assert str(raised.value).endswith("got the class EarlyStopping itself (add the brackets)")


def test_a_list_of_two_is_a_validation_pair_as_a_tuple_is() -> None:
    histories = []
    for pair in ((X4, Y4), [X4, Y4]):
        model = MLP(2, [3, 1], seed=0)
        opt = SGD(model.parameters(), lr=0.1)
        histories.append(
            fit(model, X4, Y4, loss=mse, optimizer=opt, epochs=2, progress=False, validation=pair)
        )
    assert len(histories[0].val_loss) == 2 and histories[0].val_loss == histories[1].val_loss


def test_a_model_without_a_width_gets_validation_of_xs_width() -> None:
    w = Value(0.5)

    def model(x: list[float]) -> Value:
        return w * x[0]

    with pytest.raises(ValueError, match=r"validation X has rows of 3 numbers, the model takes 2"):
        fit(
            model,  # type: ignore[arg-type]
            X4,
            Y4,
            loss=mse,
            optimizer=SGD([w], lr=0.1),
            epochs=1,
            progress=False,
            validation=([[1.0, 2.0, 3.0]], [1.0]),
        )
    assert w.data == 0.5


def test_evaluate_checks_its_data_and_loss_too() -> None:
    model = MLP(2, [3, 1], seed=0)
    with pytest.raises(TypeError, match=r"pass the function nn.losses.mse, not its name"):
        evaluate(model, X4, Y4, "mse")  # type: ignore[arg-type]
    with pytest.raises(
        ValueError, match=r"evaluate\(\) X has rows of 1 number, the model takes 2"
    ):
        evaluate(model, [[1.0]], [1.0], mse)


# -- messages stay short, however large the data set -------------------------------

BIG = 20_000
BIG_X = [[float(i), 1.0] for i in range(BIG)]
BIG_Y = [float(i % 2) for i in range(BIG)]
MESSAGE_SIZES = [
    {"validation": [[[float(i), 1.0, 2.0] for i in range(BIG)], BIG_Y]},  # another width
    {"validation": [BIG_X, BIG_Y, BIG_Y]},  # not a pair
    {"validation": [BIG_X, [*BIG_Y[:-1], "x"]]},  # the last target a string
    {"validation": BIG_X},  # X alone
    {"X": [*BIG_X[:-1], [1.0]], "y": BIG_Y},  # ragged at the end
    {"callbacks": BIG_X},  # rows where functions are wanted
    {"early_stopping": BIG_X},
]


@pytest.mark.parametrize("options", MESSAGE_SIZES)
def test_messages_about_a_large_data_set_stay_short(options: dict[str, Any]) -> None:
    model = MLP(2, [3, 1], seed=0)
    args: dict[str, Any] = {"X": X4, "y": Y4, **options}
    with pytest.raises((TypeError, ValueError)) as raised:
        fit(
            model,
            args.pop("X"),
            args.pop("y"),
            loss=mse,
            optimizer=SGD(model.parameters(), lr=0.1),
            epochs=1,
            progress=False,
            **args,
        )
    assert "fit()" in str(raised.value) and len(str(raised.value)) < 300


# -- EarlyStopping(restore_best=True): however fit ends -----------------------------


class Stop(Exception):
    """Raised by a callback or a loss part way through fit."""


def _fit_until(raise_at: int, where: str, error: BaseException, restore: bool) -> Any:
    """fit() on a validation set it cannot learn, stopped by ``error`` at epoch ``raise_at``."""
    model, states, seen = MLP(2, [3, 1], seed=0), [], []
    y_val = [-10.0 * t for t in Y4]  # the better the fit, the worse this loss

    def record(epoch: int, history: History) -> None:
        states.append(model.state_dict())
        seen.append(history)
        if where == "callback" and epoch == raise_at:
            raise error

    def loss(preds: Any, targets: Any) -> Value:
        if where == "loss" and len(states) == raise_at:  # in epoch raise_at's training
            raise error
        return mse(preds, targets)

    with pytest.raises(type(error)) as raised:
        fit(
            model,
            X4,
            Y4,
            loss=loss,
            optimizer=SGD(model.parameters(), lr=0.05),
            epochs=30,
            progress=False,
            validation=(X4, y_val),
            early_stopping=EarlyStopping(patience=50, restore_best=restore),
            callbacks=[record],
        )
    assert raised.value is error  # raised on as it came
    val_loss = seen[-1].val_loss
    return model, states, val_loss.index(min(val_loss))


@pytest.mark.parametrize(
    ("where", "error"),
    [
        ("callback", Stop("from a callback")),
        ("loss", Stop("from the loss")),
        ("callback", KeyboardInterrupt()),
    ],
    ids=["callback", "loss", "ctrl-c"],
)
def test_restore_best_restores_when_fit_ends_with_an_exception(
    where: str, error: BaseException
) -> None:
    model, states, best = _fit_until(4, where, error, restore=True)
    assert states[best] != states[-1]  # the best epoch is not the last one
    assert model.state_dict() == states[best]


def test_without_restore_best_an_exception_leaves_the_last_weights() -> None:
    model, states, _ = _fit_until(4, "callback", Stop("stop"), restore=False)
    assert model.state_dict() == states[-1]


# -- optimizers, schedules, penalties, clipping -------------------------------------


def _params() -> list[Value]:
    return [Value(1.0, label="a"), Value(-2.0, label="b")]


MODEL = MLP(2, [3, 1], seed=0)
OPTIMIZER_REFUSALS: list[tuple[Callable[[list[Value]], object], type, str]] = [
    (
        lambda p: SGD(p, 0.1, nesterov="no"),
        TypeError,
        "SGD nesterov must be True or False, got 'no'",
    ),
    (lambda p: SGD(p, 0.1, momentum=0.9, nesterov=1), TypeError, "SGD nesterov must be True or"),
    (lambda p: SGD(p, lr=True), TypeError, "SGD lr must be a number >= 0, got True (a bool)"),
    (lambda p: SGD(p, lr="0.1"), TypeError, "SGD lr must be a number >= 0, got '0.1' (a str)"),
    (lambda p: SGD(p, lr=10**400), ValueError, "SGD lr must be a finite number >= 0, got an int"),
    (lambda p: SGD(p, 0.1, momentum="0.9"), TypeError, "SGD momentum must be a number >= 0"),
    (lambda p: SGD(p, 0.1, weight_decay=nan), ValueError, "SGD weight_decay must be a finite"),
    (lambda p: Adam(p, betas=(0.9,)), ValueError, "Adam betas must be a pair (beta1, beta2)"),
    (lambda p: Adam(p, betas=0.9), TypeError, "Adam betas must be a pair (beta1, beta2)"),
    (lambda p: Adam(p, betas=(0.9, 0.99, 0.1)), ValueError, "Adam betas must be a pair (beta1,"),
    (lambda p: Adam(p, betas=("0.9", 0.999)), TypeError, "Adam betas[0] must be a number in [0,"),
    (
        lambda p: Adam(p, betas=(nan, 0.999)),
        ValueError,
        "Adam betas[0] must be a number in [0, 1)",
    ),
    (lambda p: Adam(p, eps="1e-8"), TypeError, "Adam eps must be a number > 0, got '1e-8'"),
    (lambda p: Adam(p, lr=-0.5), ValueError, "Adam lr must be a finite number >= 0, got -0.5"),
    (lambda p: RMSprop(p, alpha=1.0), ValueError, "RMSprop alpha must be a number in [0, 1)"),
    (
        lambda p: SGD(MODEL, 0.1),
        TypeError,
        "SGD takes the model's parameters, not the model: pass",
    ),
    (lambda p: Adam(MODEL), TypeError, "Adam takes the model's parameters, not the model: pass m"),
    (lambda p: RMSprop(MODEL), TypeError, "RMSprop takes the model's parameters, not the model"),
    (
        lambda p: SGD(p[0], 0.1),
        TypeError,
        "SGD takes a list of parameters, got one Value: pass [w]",
    ),
    (lambda p: SGD(5, 0.1), TypeError, "SGD takes a list of parameters, such as model.parameters"),
    (lambda p: l1_penalty(MODEL), TypeError, "l1_penalty() takes the model's parameters, not the"),
    (lambda p: l2_penalty(MODEL), TypeError, "l2_penalty() takes the model's parameters, not the"),
    (lambda p: clip_grad_norm(MODEL, 1.0), TypeError, "clip_grad_norm() takes the model's param"),
    (lambda p: clip_grad_norm(p, nan), ValueError, "clip_grad_norm() max_norm must be a finite"),
    (lambda p: clip_grad_norm(p, "1"), TypeError, "clip_grad_norm() max_norm must be a number"),
    (lambda p: StepLR(SGD(p, 1.0), True), TypeError, "StepLR step_size must be a whole number"),
    (lambda p: StepLR(SGD(p, 1.0), 1.5), ValueError, "StepLR step_size must be a whole number"),
    (lambda p: StepLR(SGD(p, 1.0), 1, "0.5"), TypeError, "StepLR gamma must be a number >= 0"),
    (lambda p: CosineLR(SGD(p, 1.0), "4"), TypeError, "CosineLR total must be a whole number"),
    (lambda p: StepLR(None, 1), TypeError, "StepLR optimizer must be an optimizer, such as SGD("),
    (lambda p: CosineLR(SGD, 4), TypeError, "CosineLR optimizer must be an optimizer, such as S"),
]


@pytest.mark.parametrize(("make", "error", "fragment"), OPTIMIZER_REFUSALS)
def test_optimizer_settings_are_refused_clearly(
    make: Callable[[list[Value]], object], error: type, fragment: str
) -> None:
    params = _params()
    for p, g in zip(params, (3.0, 4.0), strict=True):
        p.grad = g
    with pytest.raises(error) as raised:
        make(params)
    assert fragment in str(raised.value)
    assert [(p.data, p.grad) for p in params] == [(1.0, 3.0), (-2.0, 4.0)]


def test_nesterov_takes_real_bools_and_still_works() -> None:
    # p -= lr * (g + mu * b), b = g on the first step: 1 - 0.5 * (2 + 0.5 * 2) = -0.5
    w = Value(1.0)
    opt = SGD([w], lr=0.5, momentum=0.5, nesterov=True)
    w.grad = 2.0
    opt.step()
    assert opt.nesterov is True and w.data == -0.5


# -- init ----------------------------------------------------------------------------

INIT_REFUSALS = [
    (("constant", 10**400), ValueError, "init 'constant' val must be a finite number, got an int"),
    (("constant", nan), ValueError, "init 'constant' val must be a finite number, got nan"),
    (("constant", True), TypeError, "init 'constant' val must be a number, got True (a bool)"),
    (("uniform", -1e308, 1e308), ValueError, "init 'uniform' needs b - a to be a finite number"),
    (("uniform", 1.0, 0.0), ValueError, "init 'uniform' (a, b) needs a <= b: got (1.0, 0.0)"),
    (("uniform", nan, 1.0), ValueError, "init 'uniform' a must be a finite number, got nan"),
    (("uniform", 0.0, "1"), TypeError, "init 'uniform' b must be a number, got '1' (a str)"),
    (("normal", 0.0, inf), ValueError, "init 'normal' std must be a finite number >= 0, got inf"),
    (("normal", 0.0, nan), ValueError, "init 'normal' std must be a finite number >= 0, got nan"),
    (("normal", -inf, 1.0), ValueError, "init 'normal' mean must be a finite number, got -inf"),
    (("normal", 1e308, 1e308), ValueError, "drew an infinite weight: mean and std are too large"),
]


@pytest.mark.parametrize(("bad", "error", "fragment"), INIT_REFUSALS)
def test_init_numbers_are_finite_and_in_torchs_ranges(
    bad: Any, error: type, fragment: str
) -> None:
    with pytest.raises(error) as raised:
        MLP(60, [1], seed=0, init=bad)
    assert fragment in str(raised.value)


def test_uniform_with_a_equal_to_b_is_accepted_as_torch_accepts_it() -> None:
    neuron = Neuron(3, init=("uniform", 0.5, 0.5))
    assert [w.data for w in neuron.w] == [0.5, 0.5, 0.5] and neuron.b.data == 0.0


# -- nn.load --------------------------------------------------------------------------

LOAD_REFUSALS = [
    (nan, ValueError, "load() max_bytes must be a whole number >= 1, got nan"),
    (inf, ValueError, "load() max_bytes must be a whole number >= 1, got inf"),
    ("100", TypeError, "load() max_bytes must be a whole number >= 1, got '100' (a str)"),
    (0, ValueError, "load() max_bytes must be a whole number >= 1, got 0"),
    (True, TypeError, "load() max_bytes must be a whole number >= 1, got True (a bool)"),
    (2.5, ValueError, "load() max_bytes must be a whole number >= 1, got 2.5"),
    (None, TypeError, "load() max_bytes must be a whole number >= 1, got None"),
]


@pytest.mark.parametrize(("max_bytes", "error", "fragment"), LOAD_REFUSALS)
def test_load_checks_max_bytes_before_it_reads(
    tmp_path: Path, max_bytes: Any, error: type, fragment: str
) -> None:
    path = tmp_path / "model.json"
    nn.save(MLP(2, [3, 1], seed=1), path)
    model = MLP(2, [3, 1], seed=0)
    before = model.state_dict()
    with pytest.raises(error) as raised:
        nn.load(model, path, max_bytes=max_bytes)
    assert fragment in str(raised.value) and model.state_dict() == before
    # checked at the door: a file that does not exist is not even looked for
    with pytest.raises(error):
        nn.load(model, tmp_path / "missing.json", max_bytes=max_bytes)


# -- Dropout and LayerNorm -------------------------------------------------------------


def test_dropout_on_a_single_value_gives_a_single_value_as_torch_on_a_0d_tensor() -> None:
    x = Value(0.5)
    assert Dropout(0.5).eval()(x) is x  # evaluation: the identity
    assert Dropout(1.0)(Value(2.0)).data == 0.0  # p = 1 drops everything
    kept, dropped = 0, 0
    for seed in range(20):
        x = Value(0.5)
        out = Dropout(0.5, seed=seed)(x)
        out.backward()
        # kept: 0.5 / (1 - 0.5) = 1.0 with gradient 2.0; dropped: 0.0 with gradient 0.0
        assert (out.data, x.grad) in ((1.0, 2.0), (0.0, 0.0))
        kept, dropped = kept + (out.data == 1.0), dropped + (out.data == 0.0)
    assert kept and dropped
    assert isinstance(Dropout(0.0)(0.25), Value) and Dropout(0.0)(0.25).data == 0.25


DROPOUT_REFUSALS = [
    (["1.5"], "Dropout input[0] must be a Value or a number, got '1.5' (a str)"),
    ([True, 1.0], "Dropout input[0] must be a Value or a number, got True (a bool)"),
    ([Value(1.0), None], "Dropout input[1] must be a Value or a number, got None"),
    ("1.5", "Dropout input must be a Value or a list of Values, got '1.5' (a str)"),
    (True, "Dropout input must be a Value or a list of Values, got True (a bool)"),
    (None, "Dropout input must be a Value or a list of Values, got None"),
]


@pytest.mark.parametrize(("given", "fragment"), DROPOUT_REFUSALS)
@pytest.mark.parametrize("training", [True, False])
def test_dropout_never_reads_strings_or_bools_as_numbers(
    training: bool, given: Any, fragment: str
) -> None:
    drop = Dropout(0.5, seed=0).train(training)
    with pytest.raises(TypeError) as raised:
        drop(given)
    assert fragment in str(raised.value)


def test_dropout_refuses_a_bad_seed() -> None:
    with pytest.raises(
        TypeError, match=r"Dropout seed must be a whole number >= 0 or None, got 'x'"
    ):
        Dropout(0.5, seed="x")  # type: ignore[arg-type]


LAYER_NORM_REFUSALS = [
    (lambda: LayerNorm(3)([1.0, nan, 2.0]), ValueError, "LayerNorm input[1] is nan: LayerNorm n"),
    (lambda: LayerNorm(3)([Value(inf), 1.0, 2.0]), ValueError, "LayerNorm input[0] is inf"),
    (lambda: LayerNorm(3)([1.0, "2", 3.0]), TypeError, "LayerNorm input[1] must be a Value or a"),
    (lambda: LayerNorm(1)(Value(1.0)), TypeError, "LayerNorm input must be a list of 1 values"),
    (
        lambda: MLP(2, [3, 3, 1], layer_norm=True, seed=0)([nan, 1.0]),
        ValueError,
        "LayerNorm input[0] is nan",
    ),
    (lambda: LayerNorm(True), TypeError, "LayerNorm n must be a whole number >= 1, got True"),
    (lambda: LayerNorm(2, eps="0"), TypeError, "LayerNorm eps must be a number >= 0, got '0'"),
]


@pytest.mark.parametrize(("call", "error", "fragment"), LAYER_NORM_REFUSALS)
def test_layer_norm_names_the_bad_input(
    call: Callable[[], Any], error: type, fragment: str
) -> None:
    with pytest.raises(error) as raised:
        call()
    assert fragment in str(raised.value)


# -- EarlyStopping ----------------------------------------------------------------------

STOPPING_REFUSALS = [
    ({"min_delta": "0.1"}, TypeError, "EarlyStopping min_delta must be a number >= 0, got '0.1'"),
    ({"min_delta": inf}, ValueError, "EarlyStopping min_delta must be a finite number >= 0"),
    ({"patience": True}, TypeError, "EarlyStopping patience must be a whole number >= 1, got T"),
    ({"patience": "3"}, TypeError, "EarlyStopping patience must be a whole number >= 1, got '3"),
    ({"patience": nan}, ValueError, "EarlyStopping patience must be a whole number >= 1, got n"),
    ({"restore_best": 1}, TypeError, "EarlyStopping restore_best must be True or False, got 1"),
    ({"restore_best": None}, TypeError, "EarlyStopping restore_best must be True or False"),
]


@pytest.mark.parametrize(("options", "error", "fragment"), STOPPING_REFUSALS)
def test_early_stopping_settings_are_refused_clearly(
    options: dict[str, Any], error: type, fragment: str
) -> None:
    with pytest.raises(error) as raised:
        EarlyStopping(**options)
    assert fragment in str(raised.value)


# -- data sets and splits -------------------------------------------------------------

DATA_REFUSALS: list[tuple[Callable[[], object], type, str]] = [
    (lambda: make_moons(10, noise=inf), ValueError, "make_moons() noise must be a finite number"),
    (lambda: make_moons(10, noise="0.1"), TypeError, "make_moons() noise must be a number >= 0"),
    (lambda: make_moons(10, noise=nan), ValueError, "make_moons() noise must be a finite number"),
    (lambda: make_moons(True), TypeError, "make_moons() n_samples must be a whole number >= 1"),
    (lambda: make_moons(10.0), ValueError, "make_moons() n_samples must be a whole number >= 1"),
    (lambda: make_moons(10, seed="abc"), TypeError, "make_moons() seed must be a whole number"),
    (lambda: make_moons(10, seed=1.5), ValueError, "make_moons() seed must be a whole number"),
    (lambda: make_circles(10, factor=nan), ValueError, "make_circles() factor must be a number i"),
    (lambda: make_circles(10, noise=True), TypeError, "make_circles() noise must be a number >="),
    (lambda: make_blobs(10, std=nan), ValueError, "make_blobs() std must be a finite number >= 0"),
    (lambda: make_blobs(10, std=-1.0), ValueError, "make_blobs() std must be a finite number >="),
    (lambda: make_blobs(centers=[(nan, 0)]), ValueError, "make_blobs() centers[0][0] must be a f"),
    (lambda: make_blobs(centers=[(0, 0), (0.0, inf)]), ValueError, "make_blobs() centers[1][1]"),
    (lambda: make_blobs(centers=[("a", 0)]), TypeError, "make_blobs() centers[0][0] must be a nu"),
    (lambda: make_blobs(centers=[(0.0,)]), ValueError, "make_blobs() centers[0] must be a point"),
    (lambda: make_blobs(centers=[]), ValueError, "make_blobs() centers must be a non-empty list"),
    (lambda: make_blobs(centers="ab"), TypeError, "make_blobs() centers must be a non-empty list"),
    (
        lambda: make_blobs(4, centers=[(1e308, 1e308)], std=1e308, seed=0),
        ValueError,
        "make_blobs() made points too large to be finite",
    ),
    (lambda: train_test_split(_rows(), Y4), TypeError, "train_test_split() X must be a list (or"),
    (lambda: train_test_split(X4, Y4, seed="abc"), TypeError, "train_test_split() seed must be a"),
    (lambda: train_test_split(X4, Y4, nan), ValueError, "train_test_split() test_size as a fract"),
    (lambda: list(batches(X4, Y4, True)), TypeError, "batches() batch_size must be a whole numbe"),
    (lambda: list(batches(_rows(), Y4, 2)), TypeError, "batches() X must be a list (or an array"),
    (lambda: list(batches(X4, Y4, 2, shuffle="yes")), TypeError, "batches() shuffle must be True"),
]


@pytest.mark.parametrize(("call", "error", "fragment"), DATA_REFUSALS)
def test_data_set_arguments_are_refused_clearly(
    call: Callable[[], object], error: type, fragment: str
) -> None:
    with pytest.raises(error) as raised:
        call()
    assert fragment in str(raised.value)


def test_a_generator_gets_told_to_pass_a_list() -> None:
    with pytest.raises(TypeError, match=r"pass list\(\.\.\.\) of it"):
        train_test_split(_rows(), Y4)
    model = MLP(2, [1], seed=0)
    with pytest.raises(TypeError, match=r"pass list\(\.\.\.\) of it"):
        fit(model, _rows(), Y4, loss=mse, optimizer=SGD(model.parameters(), 0.1), epochs=1)


# -- NumPy integers are counts wherever a count is taken ------------------------------

i64 = np.int64


def _fit_state(epochs: Any, batch_size: Any, seed: Any) -> dict[str, float]:
    model = MLP(2, [3, 1], seed=0)
    opt = SGD(model.parameters(), lr=0.1)
    stop = EarlyStopping(patience=seed + 1)
    schedule = StepLR(opt, seed + 1)
    options = {
        "batch_size": batch_size,
        "seed": seed,
        "early_stopping": stop,
        "scheduler": schedule,
    }
    fit(model, X4, Y4, loss=mse, optimizer=opt, epochs=epochs, progress=False, **options)
    return model.state_dict()


def _masks(seed: int) -> list[float]:
    return [v.data for v in Dropout(0.5, seed=seed)([1.0] * 8)]


def _weights(*args: Any, **options: Any) -> dict[str, float]:
    return MLP(*args, **options).state_dict()


NUMPY_COUNTS: list[tuple[Callable[[], object], Callable[[], object]]] = [
    (lambda: _fit_state(i64(3), i64(2), i64(1)), lambda: _fit_state(3, 2, 1)),
    (lambda: _weights(i64(2), [i64(3), 1], seed=0), lambda: _weights(2, [3, 1], seed=0)),
    (lambda: _weights(2, np.array([3, 1]), seed=i64(4)), lambda: _weights(2, [3, 1], seed=4)),
    (lambda: make_moons(i64(10), seed=i64(0)), lambda: make_moons(10, seed=0)),
    (lambda: make_blobs(i64(6), seed=i64(1)), lambda: make_blobs(6, seed=1)),
    (lambda: train_test_split(X4, Y4, i64(2), seed=i64(0)), lambda: train_test_split(X4, Y4, 2)),
    (lambda: list(batches(X4, Y4, i64(3), seed=i64(1))), lambda: list(batches(X4, Y4, 3, seed=1))),
    (lambda: EarlyStopping(patience=i64(3)), lambda: EarlyStopping(patience=3)),
    (lambda: StepLR(SGD([Value(0.0)], 1.0), i64(2)).step_size, lambda: 2),
    (lambda: CosineLR(SGD([Value(0.0)], 1.0), i64(4)).total, lambda: 4),
    (lambda: repr(LayerNorm(i64(3))), lambda: repr(LayerNorm(3))),
    (lambda: repr(Layer(2, i64(3))), lambda: repr(Layer(2, 3))),
    (lambda: repr(Neuron(i64(2))), lambda: repr(Neuron(2))),
    (lambda: [v.data for v in Dropout(0.5, seed=i64(3))([1.0] * 8)], lambda: _masks(3)),
]


@pytest.mark.parametrize(("numpy", "plain"), NUMPY_COUNTS)
def test_numpy_integers_are_counts(
    numpy: Callable[[], object], plain: Callable[[], object]
) -> None:
    found = numpy()
    assert found == plain()
    if isinstance(found, EarlyStopping):
        assert type(found.patience) is int


def test_load_takes_a_numpy_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    nn.save(MLP(2, [3, 1], seed=1), path)
    loaded = nn.load(MLP(2, [3, 1], seed=0), path, max_bytes=i64(10**6))
    assert loaded.state_dict() == MLP(2, [3, 1], seed=1).state_dict()
