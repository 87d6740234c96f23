"""nn.explain: one example's backward pass and the next step, against grad and optimizer.step()."""

from __future__ import annotations

import copy
import math
import re

import pytest

import nn
from autograd import Value, grad
from nn import MLP, Module
from nn.losses import binary_cross_entropy_with_logits, cross_entropy, mse
from nn.optim import SGD, Adam, Optimizer, RMSprop
from nn.pictures.explain import Explanation
from nn.preview import preview

X, Y = [0.5, -1.0], 1.0


def _trained(opt_of, steps: int = 2) -> tuple[Module, Optimizer]:
    """An MLP and its optimizer after a few steps on other data, so the state is not empty."""
    model = MLP(2, [3, 1], seed=1)
    opt = opt_of(model.parameters())
    for x, y in [([1.0, 2.0], 0.0), ([-1.0, 0.5], 1.0)][:steps]:
        opt.zero_grad()
        binary_cross_entropy_with_logits([model(x)], [y]).backward()
        opt.step()
    opt.zero_grad()
    return model, opt


OPTIMIZERS = {
    "sgd": lambda ps: SGD(ps, lr=0.1),
    "momentum": lambda ps: SGD(ps, lr=0.1, momentum=0.9),
    "nesterov": lambda ps: SGD(ps, lr=0.1, momentum=0.5, nesterov=True, weight_decay=0.01),
    "adam": lambda ps: Adam(ps, lr=0.05, weight_decay=0.001),
    "rmsprop": lambda ps: RMSprop(ps, lr=0.01, alpha=0.9),
}

# -- by hand ---------------------------------------------------------------------------


def test_one_linear_unit_by_hand():
    model = MLP(2, [1], seed=0)
    w0, w1, b = model.parameters()
    w0.data, w1.data, b.data = 0.5, 0.25, 0.0
    shown = nn.explain(model, [2.0, 0.0], 0.0, mse, SGD(model.parameters(), lr=0.125))
    # out = 0.5 * 2 = 1; loss (1 - 0)^2 = 1; dL/dout = 2; dL/dw = 2 * x, dL/db = 2.
    assert shown.loss == 1.0
    assert [u.grad for u in shown.updates] == [4.0, 0.0, 2.0]
    assert [u.new for u in shown.updates] == [0.0, 0.25, -0.25]
    assert shown.loss_after == 0.0625  # (0 * 2 + 0.25 * 0 - 0.25)^2
    # w0's update frame: its one term, dL/ddot1 = 2 times x0 = 2, then SGD's rule.
    assert shown.captions[-4].splitlines()[1:] == [
        "  from dot1: 2.0 · 2.0 = 4.0",
        "SGD, lr 0.125:",
        "  layers.0.neurons.0.w.0 = layers.0.neurons.0.w.0 - lr · g = 0.5 - 0.125 · 4.0 = 0.0",
    ]
    assert isinstance(shown, Explanation)


def test_first_adam_step_moves_lr_by_hand():
    model = MLP(1, [1], seed=0)
    w, b = model.parameters()
    w.data, b.data = 1.0, 0.0
    shown = nn.explain(model, [1.0], 0.0, "mse", Adam(model.parameters(), lr=0.125))
    # Adam's first step is lr * g / |g| (bias-corrected m / sqrt(v)), up to eps: 6e-10 here.
    assert [round(u.new, 6) for u in shown.updates] == [0.875, -0.125]
    assert "m = m + (1 - 0.9) · (g - m) = 0.0 + 0.1 · (2.0 - 0.0) = 0.2" in shown.captions[-3]


def test_frames_forward_backward_updates_after():
    model = MLP(2, [2, 1], seed=0)
    shown = nn.explain(model, X, Y, "binary_cross_entropy_with_logits")
    n = len(model.parameters())
    assert shown.counters[0] == "forward"
    assert shown.counters[1] == "start"  # the backward pass starts from dL/dL
    done = shown.counters.index("backward done")
    assert shown.counters[done + 1 : -1] == [f"update {k} of {n}" for k in range(1, n + 1)]
    assert shown.counters[-1] == "after the step"
    # Each update frame lights its parameter, named as the graph names it.
    assert shown.highlights[done + 1 : -1] == [p.label for p in model.parameters()]
    assert "if this example's gradient were the whole gradient" in shown.captions[0]
    assert "SGD, lr 0.1:" in shown.captions[done + 1]  # optimizer=None: plain SGD, lr 0.1
    # The penalty-free loss uses every weight once: one term each.
    assert all(c.count("\n  from ") == 1 for c in shown.captions[done + 1 : -1])


# -- against grad and step() -------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(OPTIMIZERS))
def test_gradients_are_grad_of_the_example_loss(kind):
    model, opt = _trained(OPTIMIZERS[kind])
    shown = nn.explain(model, X, Y, binary_cross_entropy_with_logits, opt)
    twin = copy.deepcopy(model)
    binary_cross_entropy_with_logits([twin(X)], [Y]).backward()
    assert [u.grad for u in shown.updates] == pytest.approx(
        [p.grad for p in twin.parameters()], rel=1e-12, abs=1e-15
    )


@pytest.mark.parametrize("kind", sorted(OPTIMIZERS))
def test_update_is_what_step_does_to_a_copy(kind):
    model, opt = _trained(OPTIMIZERS[kind])
    kept = [(p.data, p.grad) for p in model.parameters()]
    state = copy.deepcopy(vars(opt))
    shown = nn.explain(model, X, Y, binary_cross_entropy_with_logits, opt)
    twin_model, twin_opt = copy.deepcopy((model, opt))
    for p, u in zip(twin_opt.params, shown.updates, strict=True):
        p.grad = u.grad
    twin_opt.step()
    assert [u.new for u in shown.updates] == [p.data for p in twin_model.parameters()]
    after = binary_cross_entropy_with_logits([twin_model(X)], [Y]).data
    assert shown.loss_after == after
    # Nothing was changed: weights, gradients, the optimizer's state.
    assert [(p.data, p.grad) for p in model.parameters()] == kept
    assert repr(vars(opt)) == repr(state)


def test_a_playground_objective_with_a_penalty():
    """A loss that reads the model's parameters itself (an L2 penalty) sees the step's values."""
    model, opt = _trained(OPTIMIZERS["momentum"])

    def objective(preds, targets):
        return binary_cross_entropy_with_logits(preds, targets) + 0.01 * sum(
            (p * p for p in model.parameters()), Value(0.0)
        )

    shown = nn.explain(model, X, Y, objective, opt)
    twin_model, twin_opt = copy.deepcopy((model, opt))
    for p, u in zip(twin_opt.params, shown.updates, strict=True):
        p.grad = u.grad
    twin_opt.step()
    penalty = 0.01 * math.fsum(p.data * p.data for p in twin_model.parameters())
    expected = binary_cross_entropy_with_logits([twin_model(X)], [Y]).data + penalty
    assert shown.loss_after == pytest.approx(expected, rel=1e-12)


def test_against_torch(torch):
    model, opt = _trained(OPTIMIZERS["adam"], steps=0)
    shown = nn.explain(model, X, Y, binary_cross_entropy_with_logits, opt)
    params = [torch.tensor(p.data, dtype=torch.float64, requires_grad=True) for p in opt.params]
    layer = model.layers[0].neurons
    hidden = [torch.tanh(params[3 * k] * X[0] + params[3 * k + 1] * X[1] + params[3 * k + 2])
              for k in range(len(layer))]  # fmt: skip
    out = sum(params[9 + k] * h for k, h in enumerate(hidden)) + params[12]
    torch.nn.functional.binary_cross_entropy_with_logits(out, torch.tensor(Y)).backward()
    topt = torch.optim.Adam(params, lr=0.05, weight_decay=0.001)
    topt.step()
    assert [u.new for u in shown.updates] == pytest.approx([p.item() for p in params], rel=1e-9)


# -- refused at the door -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("model", X, Y, "mse"), TypeError,
         "explain() needs a Module (an MLP, Layer, ...), got str"),
        ((None, [1.0, 2.0, 3.0], Y, "mse"), ValueError,
         "explain() x has 3 numbers; MLP(2, [3, 1], activation='tanh') takes 2"),
        ((None, "ab", Y, "mse"), TypeError, "explain() x must be a list of numbers"),
        ((None, X, "1", "mse"), TypeError, "explain() y must be a"),
        ((None, X, Y, "mean"), ValueError, "explain() loss must be a function or one of mse, "),
        ((None, X, Y, 3), TypeError,
         "explain() loss must be a function loss(predictions, targets)"),
        ((None, X, Y, lambda p, t: 1.0), TypeError,
         "explain() loss must return a Value, got float"),
    ],
)  # fmt: skip
def test_refused(args, error, message):
    model = MLP(2, [3, 1], seed=1)
    args = (model if args[0] is None else args[0], *args[1:])
    with pytest.raises(error) as caught:
        nn.explain(*args)
    assert str(caught.value).startswith(message)


def test_refuses_an_optimizer_of_other_parameters_before_any_work():
    model, other = MLP(2, [1], seed=0), MLP(2, [1], seed=1)
    with pytest.raises(ValueError, match="exactly the model's parameters"):
        nn.explain(model, X, Y, "mse", SGD(other.parameters(), lr=0.1))
    with pytest.raises(TypeError, match="SGD, Adam or RMSprop, or None, got str"):
        nn.explain(model, X, Y, "mse", "adam")


def test_refuses_an_optimizer_it_cannot_read():
    class Halving(Optimizer):
        def step(self) -> None:
            for p in self.params:
                p.data -= self.lr * p.grad / 2

    model = MLP(2, [1], seed=0)
    with pytest.raises(TypeError, match=r"SGD, Adam or RMSprop, got .*Halving"):
        nn.explain(model, X, Y, "mse", Halving(model.parameters(), lr=0.1))


def test_refuses_a_model_whose_output_is_not_values():
    class Text(Module):
        def __init__(self):
            self.w = Value(1.0)

        def forward(self, x):
            return "no"

    with pytest.raises(ValueError, match=r"output is a Value .* or a list of Values .* got str"):
        nn.explain(Text(), X, Y, "mse")


def test_k_outputs_are_one_row_of_cross_entropy():
    """Three classes: the example's loss is -log softmax(z)[y], its gradients grad's."""
    model = MLP(2, [3, 3], seed=2)
    shown = nn.explain(model, X, 2, "cross_entropy")
    z = model(X)
    want = grad(cross_entropy([z], [2]), model.parameters())
    top = max(v.data for v in z)
    by_hand = -(z[2].data - top - math.log(sum(math.exp(v.data - top) for v in z)))
    assert shown.loss == pytest.approx(by_hand, rel=1e-12)
    assert [u.grad for u in shown.updates] == pytest.approx(want, rel=1e-12)


def test_preview_needs_one_gradient_a_parameter():
    with pytest.raises(ValueError, match="preview\\(\\) got 1 gradients for 2 parameters"):
        preview(SGD([Value(1.0), Value(2.0)], lr=0.1), [1.0])


# -- the update frame's picture: the weight's terms lit ----------------------------------


def test_update_frame_lights_the_weights_terms(torch):
    """A weight used once (w · x in its neuron's dot): its update frame lights exactly the
    edge out of it, labelled upstream · x0 = term, upstream from PyTorch."""
    model = MLP(2, [2, 1], seed=0)
    shown = nn.explain(model, X, Y, "mse")
    w = [torch.tensor(p.data, dtype=torch.float64, requires_grad=True) for p in shown.params]
    pre = w[0] * X[0] + w[1] * X[1] + w[2]  # the first hidden unit's w · x + b
    pre.retain_grad()
    hidden = [torch.tanh(pre), torch.tanh(w[3] * X[0] + w[4] * X[1] + w[5])]
    out = w[6] * hidden[0] + w[7] * hidden[1] + w[8]
    ((out - Y) ** 2).backward()
    source = shown.frames[shown.counters.index("update 1 of 9")].source
    boxes = [line.split()[0] for line in source.splitlines() if '"#ffe9d2"' in line]
    lit = [line.split() for line in source.splitlines() if "->" in line and "#ff7f0e" in line]
    assert len(boxes) == 1 and len(lit) == 1 and lit[0][0] == boxes[0]  # out of the weight
    found = re.search(r"xlabel=<\(?([-\d.e]+)\)? · ([-\d.e]+) = ([-\d.e]+)>", " ".join(lit[0]))
    assert found is not None
    upstream, local, made = (float(g) for g in found.groups())
    assert upstream == pytest.approx(pre.grad.item(), rel=1e-5)  # printed to 6 digits
    assert local == X[0]
    assert made == pytest.approx(pre.grad.item() * X[0], rel=1e-5)
    assert made == pytest.approx(shown.updates[0].grad, rel=1e-5)  # its only term: its grad
