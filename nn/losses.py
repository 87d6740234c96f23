"""Loss functions built from engine ops, each the mean over a batch as PyTorch's.

Predictions are Values (or numbers); targets are plain numbers. A single
Value may stand for a batch of one. Either may be a NumPy array, 1-D or a
column ``(n, 1)``, read as the list of numbers it holds.

>>> from autograd import Value
>>> p = Value(0.5)
>>> loss = mse([p], [1.0])
>>> loss.backward()
>>> loss.data, p.grad                   # (0.5 - 1)**2 and 2 * (0.5 - 1)
(0.25, -1.0)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence

import autograd
from autograd import Value
from autograd.arrays import targets, to_python
from autograd.value import Operand, as_real, is_real
from nn.module import parameter_list

Batch = Operand | Sequence[Operand]


def _batch(xs: Batch, what: str) -> list[Operand]:
    xs = targets(xs, what, rows=False)
    items: list[Operand] = [xs] if isinstance(xs, Value) or is_real(xs) else list(xs)  # type: ignore[arg-type, list-item]
    if not items:
        raise ValueError(f"{what} is empty")
    for i, x in enumerate(items):
        if not isinstance(x, Value) and not is_real(x):
            raise TypeError(f"{what}[{i}] must be a Value or a real number, got {x!r}")
    return items


def _pair(preds: Batch, targets: Batch, name: str) -> tuple[list[Operand], list[Operand]]:
    p, t = _batch(preds, f"{name}() predictions"), _batch(targets, f"{name}() targets")
    if len(p) != len(t):
        raise ValueError(f"{name}() got {len(p)} predictions and {len(t)} targets")
    return p, t


def _value(x: Operand) -> Value:
    return x if isinstance(x, Value) else Value(float(x))


def _mean(terms: list[Value]) -> Value:
    return autograd.sum(terms) / float(len(terms))


def mse(preds: Batch, targets: Batch) -> Value:
    """Mean squared error, ``mean((p - t)**2)`` (targets may be Values too).

    >>> mse([Value(1.0), Value(2.0)], [0.0, 0.0]).data     # (1 + 4) / 2
    2.5
    """
    p, t = _pair(preds, targets, "mse")
    return _mean([(_value(x) - y) ** 2 for x, y in zip(p, t, strict=True)])


def binary_cross_entropy_with_logits(logits: Batch, targets: Batch) -> Value:
    """Binary cross-entropy of ``sigmoid(logit)`` against targets in [0, 1], stably.

    Raises:
        ValueError: a target is outside [0, 1] or the lengths differ.

    >>> round(binary_cross_entropy_with_logits([Value(0.0)], [1.0]).data, 6)  # log 2
    0.693147
    """
    xs, ys = _pair(logits, targets, "binary_cross_entropy_with_logits")
    terms = []
    for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
        target = as_real(y, f"binary_cross_entropy_with_logits() target {i}")
        if not 0.0 <= target <= 1.0:
            raise ValueError(
                f"binary_cross_entropy_with_logits() targets must lie in [0, 1], "
                f"got {target!r} at index {i}"
            )
        z = _value(x)
        # softplus(z) - z*y, with exp taken only of a non-positive number. The
        # branch is on the data, so each side is smooth and the gradient at
        # z = 0 is sigmoid(0) - y exactly; the relu/abs form would give -y there
        # (both kinks count as 0, as PyTorch's do).
        if z.data >= 0:
            terms.append(z - z * target + (1.0 + (-z).exp()).log())
        else:
            terms.append((1.0 + z.exp()).log() - z * target)
    return _mean(terms)


# PyTorch's binary_cross_entropy clamps each log at -100 and, in its backward,
# divides by max(p * (1 - p), 1e-12). Both only bite where p * (1 - p) < 1e-12
# (log p < -100 needs p < 4e-44), so elsewhere the plain formula is torch's.
# torch's epsilon is a float32 constant, so it is 1e-12 rounded to float32.
_LOG_FLOOR, _BCE_EPS = -100.0, 9.999999960041972e-13


def _bce_term(p: Value, y: float) -> Value:
    q = p.data
    if q * (1.0 - q) >= _BCE_EPS:
        return -(y * p.log() + (1.0 - y) * (1.0 - p).log())

    # Saturated (p within 1e-12 of 0 or 1, the ends included): torch's clamped
    # value, with torch's gradient (p - y) / 1e-12 as the slope of a line
    # through it. The value is a constant plus (p - q) * slope, which is zero.
    def clamped_log(v: float) -> float:
        return max(math.log(v), _LOG_FLOOR) if v > 0.0 else _LOG_FLOOR

    value = -(y * clamped_log(q) + (1.0 - y) * clamped_log(1.0 - q))
    return (p - q) * ((q - y) / _BCE_EPS) + value


def binary_cross_entropy(probs: Batch, targets: Batch) -> Value:
    """Binary cross-entropy ``mean(-(y log p + (1 - y) log(1 - p)))`` of probabilities.

    As ``torch.nn.functional.binary_cross_entropy``: probabilities of exactly
    0 and 1 are allowed (a sigmoid rounds to 1.0 for logits above about 37),
    each log is clamped at -100, so a confident wrong answer costs at most 100,
    and where ``p * (1 - p) < 1e-12`` the gradient is torch's
    ``(p - y) / 1e-12`` rather than unbounded. Prefer
    :func:`binary_cross_entropy_with_logits` when you have the logits.

    Raises:
        ValueError: a probability or a target is outside [0, 1] (named with its
            index), or the lengths differ.

    >>> p = Value(0.5)
    >>> loss = binary_cross_entropy([p], [1.0])
    >>> loss.backward()
    >>> round(loss.data, 6), p.grad          # -log 0.5 = log 2, and -1/p
    (0.693147, -2.0)
    >>> binary_cross_entropy([0.0], [1.0]).data    # -log 0, clamped
    100.0
    """
    ps, ys = _pair(probs, targets, "binary_cross_entropy")
    terms = []
    for i, (p, y) in enumerate(zip(ps, ys, strict=True)):
        prob = _value(p)
        target = as_real(y, f"binary_cross_entropy() target {i}")
        for what, number in (("probabilities", prob.data), ("targets", target)):
            if not 0.0 <= number <= 1.0:
                raise ValueError(
                    f"binary_cross_entropy() {what} must lie in [0, 1], "
                    f"got {number!r} at index {i}"
                )
        terms.append(_bce_term(prob, target))
    return _mean(terms)


def _logits(logits: Sequence[Operand], name: str) -> list[Value]:
    return [_value(x) for x in _batch(logits, f"{name}() logits")]


def _log_sum_exp(xs: list[Value]) -> Value:
    # log sum exp(x) = m + log sum exp(x - m); with m the largest input (a
    # constant, so the gradient is unchanged) every exp is at most 1.
    m = max(x.data for x in xs)
    return autograd.sum([(x - m).exp() for x in xs]).log() + m


def softmax(logits: Sequence[Operand]) -> list[Value]:
    """``exp(l_i) / sum_j exp(l_j)``, shifted by the largest logit so nothing overflows.

    >>> [p.data for p in softmax([Value(1000.0), Value(1000.0)])]
    [0.5, 0.5]
    """
    xs = _logits(logits, "softmax")
    m = max(x.data for x in xs)
    exps = [(x - m).exp() for x in xs]
    total = autograd.sum(exps)
    return [e / total for e in exps]


def _one_cross_entropy(logits: Sequence[Operand], target: object, where: str) -> Value:
    xs = _logits(logits, where)
    if not isinstance(target, numbers.Integral) or isinstance(target, bool):
        raise TypeError(f"{where} target must be a class index (int), got {target!r}")
    index = int(target)  # a NumPy int too
    if not 0 <= index < len(xs):
        raise ValueError(f"{where} target {index} is out of range for {len(xs)} classes")
    return _log_sum_exp(xs) - xs[index]


def cross_entropy(logits: Sequence[object], target_index: object) -> Value:
    """``-log softmax(logits)[target_index]``, by a stable log-sum-exp.

    For a batch, pass a list of logit lists and a list of class indices; the
    result is the mean. NumPy works too: logits of shape ``(k,)`` or ``(n, k)``
    and int class indices (a NumPy int, or an array of shape ``(n,)`` or ``(n, 1)``).

    Raises:
        ValueError: a target index is out of range, or the batch sizes differ.
        TypeError: a target is not an int.

    >>> round(cross_entropy([Value(0.0), Value(0.0)], 1).data, 6)   # log 2
    0.693147
    >>> # (log 2 + log(1 + e**-2)) / 2
    >>> round(cross_entropy([[0.0, 0.0], [1.0, 3.0]], [0, 1]).data, 6)
    0.410038
    """
    logits = to_python(logits, "cross_entropy() logits")
    target_index = targets(target_index, "cross_entropy() targets", rows=False)
    if logits and not isinstance(logits[0], Value) and not is_real(logits[0]):
        rows: list[Sequence[Operand]] = list(logits)  # type: ignore[arg-type]
        if not isinstance(target_index, Sequence) or len(target_index) != len(rows):
            raise ValueError(
                f"cross_entropy() needs one target per row: got {len(rows)} rows and "
                f"targets {target_index!r}"
            )
        return _mean(
            [
                _one_cross_entropy(row, t, f"cross_entropy() row {i}")
                for i, (row, t) in enumerate(zip(rows, target_index, strict=True))
            ]
        )
    return _one_cross_entropy(logits, target_index, "cross_entropy()")  # type: ignore[arg-type]


def hinge(scores: Batch, labels: Batch) -> Value:
    """Hinge loss ``mean(relu(1 - y * s))`` for labels ``y`` of +1 or -1.

    >>> hinge([Value(2.0), Value(0.5)], [1, 1]).data     # (0 + 0.5) / 2
    0.25
    """
    ss, ys = _pair(scores, labels, "hinge")
    terms = []
    for i, (s, y) in enumerate(zip(ss, ys, strict=True)):
        label = as_real(y, f"hinge() label {i}")
        if label not in (1.0, -1.0):
            raise ValueError(f"hinge() labels must be +1 or -1, got {label!r} at index {i}")
        terms.append((1.0 - label * _value(s)).relu())
    return _mean(terms)


def l1_penalty(params: Iterable[Value]) -> Value:
    """The L1 norm ``sum(|w|)`` of the parameters, to add to a loss (times a strength).

    ``abs`` has gradient 0 at 0, as PyTorch's.

    >>> w = [Value(-2.0), Value(0.5)]
    >>> penalty = l1_penalty(w)
    >>> penalty.backward()
    >>> penalty.data, [v.grad for v in w]
    (2.5, [-1.0, 1.0])
    """
    return autograd.sum([abs(p) for p in parameter_list(params, "l1_penalty()")])


def l2_penalty(params: Iterable[Value]) -> Value:
    """The squared L2 norm ``sum(w**2)`` of the parameters, with no factor of 1/2.

    Its gradient is ``2 w``, so adding ``(lam / 2) * l2_penalty(params)`` to a
    loss takes the same steps as ``SGD(params, lr, weight_decay=lam)``, whose
    decay adds ``lam * w`` to each gradient (as PyTorch's ``weight_decay``).

    >>> w = [Value(-2.0), Value(0.5)]
    >>> penalty = l2_penalty(w)
    >>> penalty.backward()
    >>> penalty.data, [v.grad for v in w]      # 4 + 0.25; 2 w
    (4.25, [-4.0, 1.0])
    """
    return autograd.sum([p * p for p in parameter_list(params, "l2_penalty()")])


__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "hinge",
    "l1_penalty",
    "l2_penalty",
    "mse",
    "softmax",
]
