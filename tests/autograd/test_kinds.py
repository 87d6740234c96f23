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

    def backward(self) -> None:
        self.grad = 1.0


class Record:
    """Not a node (no grad, no parents, no op): refused even where a learner's node is taken."""

    def __init__(self, data: float) -> None:
        self.data = data


THEIRS = f"{__name__}.Value"
RECORD = f"{__name__}.Record"


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
        lambda: forward_steps(Value(1.0)),  # type: ignore[arg-type]
        lambda: grad(Value(1.0), [Ours(1.0)]),  # type: ignore[arg-type]
        lambda: grad(Ours(1.0), [Value(1.0)]),  # type: ignore[list-item]
    ],
)
def test_a_foreign_value_is_named_by_its_module(call: Callable[[], Any]) -> None:
    with pytest.raises(TypeError) as refused:
        call()
    message = str(refused.value)
    assert THEIRS in message, message
    assert "got Value" not in message


# Drawing, the trace and the player take a learner's node (issue 28); what is
# not node-like is refused there, named by its module.
@pytest.mark.parametrize("call", [backward_steps, drawn, played])
def test_what_is_not_a_node_is_named_by_its_module(call: Callable[[Any], Any]) -> None:
    with pytest.raises(TypeError) as refused:
        call(Record(1.0))
    message = str(refused.value)
    assert RECORD in message and "_op" in message, message


@pytest.mark.parametrize("call", [backward_steps, drawn, played])
def test_a_learners_node_is_taken(call: Callable[[Any], Any]) -> None:
    call(Value(1.0))  # a lone leaf: no step, a one-box drawing, a player of two frames
