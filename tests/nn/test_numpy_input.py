"""NumPy input to nn: rows, targets and datasets as arrays give what the lists give, to the bit."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nn
from autograd import Value, grad
from nn import MLP, Dropout, Layer, LayerNorm, Neuron
from nn.data import batches, make_moons, train_test_split
from nn.losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    hinge,
    mse,
    softmax,
)
from nn.optim import SGD
from nn.train import evaluate

np = pytest.importorskip("numpy")


# -- modules: one example as a 1-D array ----------------------------------------


def test_a_neuron_takes_an_int_array_row() -> None:
    n = Neuron(3, "linear")
    n.load_state_dict({"w.0": 2.0, "w.1": 3.0, "w.2": 5.0, "b": 0.5})
    out = n(np.array([1, 0, 1]))
    assert out.data == 2.0 + 5.0 + 0.5
    assert grad(out, n.w) == [1.0, 0.0, 1.0]


@pytest.mark.parametrize(
    "module",
    [Neuron(3, "tanh"), Layer(3, 2), MLP(3, [4, 2]), MLP(3, [4, 1], layer_norm=True)],
    ids=["Neuron", "Layer", "MLP", "MLP-layer_norm"],
)
def test_a_module_gives_the_same_output_and_gradients_for_a_row_array(module: Any) -> None:
    row = [0.5, -1.25, 2.0]
    outputs = []
    for x in (row, np.array(row), np.array(row, dtype=np.float32)):
        out = module(x)
        values = [out] if isinstance(out, Value) else out
        loss = mse(values, [0.0] * len(values))
        outputs.append(([v.data for v in values], grad(loss, module.parameters())))
    assert outputs[0] == outputs[1] == outputs[2]


def test_dropout_and_layer_norm_take_arrays_as_lists() -> None:
    assert [v.data for v in Dropout(0.5).eval()(np.array([0.5, 0.25]))] == [0.5, 0.25]
    drawn = [v.data for v in Dropout(0.5, seed=3)(np.ones(8))]
    assert drawn == [v.data for v in Dropout(0.5, seed=3)([1.0] * 8)]
    # Bools are refused, listed or in an array: never read as 1.0 and 0.0 (issue 24).
    with pytest.raises(TypeError, match=r"Dropout input\[0\] must be a Value or a number"):
        Dropout(0.0)(np.array([True, False]))
    assert [v.data for v in LayerNorm(2, eps=0.0)(np.array([1.0, 3.0]))] == [-1.0, 1.0]


@pytest.mark.parametrize(
    ("module", "array", "message"),
    [
        (
            MLP(3, [1]),
            np.ones(2),
            r"MLP input must be one example, an array of shape \(3,\), "
            r"got a NumPy array of shape \(2,\)",
        ),
        (MLP(3, [1]), np.ones((2, 3)), r"MLP input must be one example, .* shape \(2, 3\)"),
        (Layer(2, 2), np.ones((1, 2)), r"Layer input must be one example, .* \(2,\), .* \(1, 2\)"),
        (Neuron(2), np.ones(3), r"Neuron input must be one example, .* \(2,\), .* \(3,\)"),
        (LayerNorm(2), np.ones(3), r"LayerNorm input must be one example, .* \(2,\), .* \(3,\)"),
        (Dropout(0.5), np.ones((2, 2)), r"Dropout input must be a 1-D array, got .* \(2, 2\)"),
    ],
)
def test_a_row_of_the_wrong_shape_names_both_shapes(module: Any, array: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        module(array)


def test_a_complex_or_object_row_is_refused_by_dtype() -> None:
    with pytest.raises(TypeError, match=r"MLP input needs real numbers, .* dtype complex128"):
        MLP(2, [1])(np.array([1j, 1.0]))
    with pytest.raises(TypeError, match=r"MLP input needs real numbers, .* dtype object"):
        MLP(2, [1])(np.array([1.0, None]))


# -- losses ---------------------------------------------------------------------


def test_mse_takes_a_1d_or_column_array_of_targets() -> None:
    p = [Value(1.0), Value(2.0)]
    assert mse(p, np.array([0.0, 0.0])).data == 2.5  # (1 + 4) / 2
    assert mse(p, np.array([[0.0], [0.0]])).data == 2.5  # a column: one target each
    assert mse(Value(1.0), np.array([[0.5]])).data == 0.25
    assert mse(np.array([1.0, 2.0]), [0.0, 0.0]).data == 2.5  # predictions as constants


def test_a_2d_target_array_that_is_not_a_column_is_refused_by_shape() -> None:
    message = r"mse\(\) targets must be .* a column \(n, 1\), got .* \(2, 2\)"
    with pytest.raises(ValueError, match=message):
        mse([Value(1.0), Value(2.0)], np.ones((2, 2)))


def test_classification_losses_take_arrays() -> None:
    logits = [Value(0.0), Value(0.0)]
    assert cross_entropy(logits, np.int64(1)).data == cross_entropy(logits, 1).data
    batch = cross_entropy(np.array([[0.0, 0.0], [1.0, 3.0]]), np.array([[0], [1]]))
    assert batch.data == cross_entropy([[0.0, 0.0], [1.0, 3.0]], [0, 1]).data
    assert [p.data for p in softmax(np.array([1000.0, 1000.0]))] == [0.5, 0.5]
    assert hinge([Value(2.0), Value(0.5)], np.array([1, 1])).data == 0.25
    float32_target = binary_cross_entropy([Value(0.5)], np.array([1.0], dtype=np.float32))
    assert float32_target.data == binary_cross_entropy([Value(0.5)], [1.0]).data
    with_logits = binary_cross_entropy_with_logits([Value(0.0)], np.array([[1.0]]))
    assert with_logits.data == binary_cross_entropy_with_logits([Value(0.0)], [1.0]).data


def test_bool_targets_are_refused_as_listed_bools_are() -> None:
    message = r"targets\[0\] must be a Value or a real number, got True"
    for targets in ([True], np.array([True])):
        with pytest.raises(TypeError, match=message):
            binary_cross_entropy([Value(0.5)], targets)


# -- data and training ----------------------------------------------------------


def test_train_test_split_and_batches_give_the_lists_of_the_arrays() -> None:
    X = [[0.0, 1.0], [2.0, 3.0], [4.0, 5.0], [6.0, 7.0]]
    y = [0, 1, 1, 0]
    split = train_test_split(X, y, 0.5, seed=1)
    assert train_test_split(np.array(X), np.array(y), 0.5, seed=1) == split
    assert train_test_split(np.array(X), np.array(y).reshape(-1, 1), 0.5, seed=1) == split
    assert list(batches(np.array(X), np.array(y), 3, seed=2)) == list(batches(X, y, 3, seed=2))


def _trained(X: Any, y: Any, validation: Any) -> tuple[nn.History, dict[str, float]]:
    model = MLP(2, [4, 1], seed=0)
    history = nn.fit(
        model,
        X,
        y,
        loss=hinge,
        optimizer=SGD(model.parameters(), lr=0.1),
        epochs=3,
        batch_size=5,
        progress=False,
        validation=validation,
    )
    return history, model.state_dict()


@pytest.mark.parametrize("shape", ["1-D", "column"])
def test_fit_on_arrays_trains_exactly_as_on_lists(shape: str) -> None:
    X, labels = make_moons(12, noise=0.1, seed=0)
    y = [2 * label - 1 for label in labels]  # hinge's -1/+1
    y_array = np.array(y) if shape == "1-D" else np.array(y).reshape(-1, 1)
    by_list = _trained(X, y, (X[:4], y[:4]))
    by_array = _trained(np.array(X), y_array, (np.array(X[:4]), y_array[:4]))
    assert by_array == by_list
    assert by_array[0].accuracy  # int array targets count as class labels


def test_evaluate_takes_arrays() -> None:
    model = MLP(1, [1], seed=0)
    model.load_state_dict({"layers.0.neurons.0.w.0": 1.0, "layers.0.neurons.0.b": 0.0})
    # relu(1 - 2) and relu(1 + 0.5): loss 0.75, one of two right.
    assert evaluate(model, np.array([[2.0], [-0.5]]), np.array([1, 1]), loss=hinge) == (0.75, 0.5)


# -- property: any real row array gives the list's output and gradients ----------

rows = st.one_of(
    st.lists(st.floats(-4.0, 4.0), min_size=3, max_size=3).map(lambda xs: (xs, np.float64)),
    st.lists(st.floats(-4.0, 4.0, width=32), min_size=3, max_size=3).map(
        lambda xs: (xs, np.float32)
    ),
    st.lists(st.integers(-4, 4), min_size=3, max_size=3).map(lambda xs: (xs, np.int32)),
)


@given(rows)
def test_an_mlp_on_an_array_row_equals_the_mlp_on_its_list(row: Any) -> None:
    numbers, dtype = row
    model = MLP(3, [3, 1], seed=0)
    by_list = model(numbers)
    list_grads = grad(by_list, model.parameters())
    by_array = model(np.array(numbers, dtype=dtype))
    assert by_array.data == by_list.data
    assert grad(by_array, model.parameters()) == list_grads
