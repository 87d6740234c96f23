"""A learner's own class called Value is named by its module in each refusal, not "got Value"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from autograd import Value as Ours
from autograd import backward_steps, forward_steps, grad, gradcheck


class Value:
    """A learner's micrograd-style node: chainrule's functions do not take it."""

    def __init__(self, data: float) -> None:
        self.data, self.grad, self._prev, self._op = data, 0.0, (), ""


THEIRS = f"{__name__}.Value"


def drawn(root: Any) -> Any:
    from autograd.viz import to_dot

    return to_dot(root)


def played(root: Any) -> Any:
    from autograd.viz import step_through

    return step_through(root)


@pytest.mark.parametrize(
    "call",
    [
        lambda: gradcheck(lambda x: Value(x.data), [0.5]),
        lambda: backward_steps(Value(1.0)),  # type: ignore[arg-type]
        lambda: forward_steps(Value(1.0)),  # type: ignore[arg-type]
        lambda: grad(Value(1.0), [Ours(1.0)]),  # type: ignore[arg-type]
        lambda: grad(Ours(1.0), [Value(1.0)]),  # type: ignore[list-item]
        lambda: drawn(Value(1.0)),
        lambda: played(Value(1.0)),
    ],
)
def test_a_foreign_value_is_named_by_its_module(call: Callable[[], Any]) -> None:
    with pytest.raises(TypeError) as refused:
        call()
    message = str(refused.value)
    assert THEIRS in message, message
    assert "got Value" not in message
