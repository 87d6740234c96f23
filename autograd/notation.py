"""The chain-rule notation in numbers: a factor, and one term ``upstream · local = contribution``.

The same text in every view (the trace's ``str()``, the player's captions, the
lab's derivations, the pictures' edge labels): negative factors bracketed,
``upstream · local = contribution``.
"""

from __future__ import annotations

import math

from autograd.text import number


def factor(x: float) -> str:
    """A number as a factor of a product: bracketed when negative.

    >>> factor(0.5), factor(-3.0)
    ('0.5', '(-3.0)')
    """
    text = number(x)
    return f"({text})" if text.startswith("-") else text


def term(upstream: float, local: float | None, contribution: float | None) -> str:
    """One chain-rule term in numbers, upstream · local = contribution.

    A gradient of 0.0 passes nothing on, however large the local derivative
    (backward skips the node): the term says so rather than write 0 · inf = 0.

    >>> term(-2.0, 3.0, -6.0), term(1.0, None, None)
    ('(-2.0) · 3.0 = -6.0', '1.0 · undefined')
    >>> term(0.0, float("inf"), 0.0)
    '0.0 · inf: nothing passes on from a gradient of 0.0'
    """
    if local is None or contribution is None:
        return f"{factor(upstream)} · undefined"
    if upstream == 0.0 and not math.isfinite(local):
        return f"{factor(upstream)} · {factor(local)}: nothing passes on from a gradient of 0.0"
    return f"{factor(upstream)} · {factor(local)} = {number(contribution)}"


__all__ = ["factor", "term"]
