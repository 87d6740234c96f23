"""``lab()``: the door to the lab widget, checking everything before the widget is built.

The widget (:mod:`autograd.viz.views.lab_widget`, which needs anywidget) is imported
when a lab is made; what it shows is read by :mod:`autograd.viz.views.lab_view`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from autograd.kinds import class_name
from autograd.viz.scene.sizing import node_limit
from autograd.viz.views.lab_inputs import MAX_NODES, ranges


def lab(f: Callable[..., Any], max_nodes: int = MAX_NODES, /, **inputs: object) -> Any:
    """A live lab: drag ``f``'s inputs and watch every value and gradient of its graph change.

    ``f`` takes one keyword argument per input (each a Value labelled with its
    name) and returns a Value. The widget shows a slider and a number box per
    input, ``f``'s graph drawn once, and, on every change, each node's data and
    gradient (coloured by |grad| on a log scale) and d(output)/d(input). Click
    a node for its derivation; "Step through" plays this evaluation's backward
    pass in the step-through player.

    Python holds the state: ``w.inputs = {"x": 1.0}`` redraws, ``w.reading``
    is the current :class:`Reading`, ``w.mode`` is "gradients" or "steps",
    ``w.step`` the player's step and ``w.model`` is ``f`` itself (a Module
    that ``f`` is, or uses, is the live one; ``w.refresh()`` reads it again
    after a change the widget cannot see).

    A change the lab cannot show is refused, and nothing changes: an unknown
    input, a value that is not a finite number on its slider, and new inputs
    at which ``f`` raises (any exception: ``log`` of a negative number, a
    ``KeyError`` of its own) or returns something other than a Value, or
    makes a graph larger than ``max_nodes``. Set from Python, the refusal is a
    ``traitlets.TraitError`` that says why; set in the browser, the inputs
    move back to the last ones shown and ``w.error`` says why. So the inputs,
    the reading and the picture always agree.

    Args:
        f: the function, ``f(**values) -> Value``.
        max_nodes: the largest graph drawn, counted as ``draw_graph`` counts
            its nodes (default :data:`~autograd.viz.views.lab_inputs.MAX_NODES`, 500:
            a first picture in about a second; a graph of 1,000 nodes takes 5
            to 15 s). ``f`` and ``max_nodes`` are given by position, so any
            name is free for an input: ``lab(f, 2000, x=1.0)``.
        inputs: each input's starting value, or ``(value, low, high)`` to set
            its slider's range; finite numbers, the value within its range.

    Raises:
        ImportError: anywidget is not installed (the message says how).
        TypeError, ValueError: see :func:`~autograd.viz.views.lab_inputs.ranges`;
            ``f`` not callable; a bad ``max_nodes`` (as ``draw_graph``'s); a graph
            larger than ``max_nodes`` (before any layout); what ``f`` raises at
            the starting inputs.

    >>> w = lab(lambda x: x * x, x=3.0)
    >>> w.reading.gradient("x")
    6.0
    >>> w.inputs = {"x": -0.5}
    >>> w.reading.gradient("x")
    -1.0
    >>> w.model(x=2.0)
    4.0
    >>> w.inputs = {"x": 9.0}  # off the slider, which runs from -6 to 6
    Traceback (most recent call last):
    ...
    traitlets.traitlets.TraitError: lab input x must be a number in [-6, 6], got 9.0
    >>> w.inputs["x"], w.reading.value
    (-0.5, 0.25)
    """
    from autograd.viz.views.widgets import need_anywidget

    need_anywidget("lab()")
    if not callable(f):
        raise TypeError(f"lab(f, ...) needs a function, got {class_name(f)}")
    limit = node_limit(max_nodes, "lab()")
    found = ranges(inputs)
    from autograd.viz.views.lab_widget import Lab  # needs anywidget: imported when a lab is made

    return Lab(f, found, limit)


__all__ = ["lab"]
