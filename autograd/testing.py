"""Hypothesis strategies for testing derivatives (needs ``hypothesis``).

Import these into your own tests: they read each op's domain, kinks and poles
from the op table, so the inputs they draw are ones where finite differences
are meaningful.

>>> from autograd import ops
>>> from hypothesis import given
>>> @given(reals(ops.LOG.domains[0]))
... def test_log_input_is_positive(x):
...     assert x > 0
>>> test_log_input_is_positive()
"""

from __future__ import annotations

from hypothesis import strategies as st

from autograd.ops import DOT, REALS, Domain, Op

#: How far from a kink, pole or open end an input stays, so that a central
#: difference with step up to 1e-3 never straddles it.
MARGIN = 0.05
#: Inputs are drawn from [-BOUND, BOUND] intersected with the domain, which
#: keeps exp, powers and products of a few ops far from overflow.
BOUND = 8.0


def reals(
    domain: Domain = REALS, *, bound: float = BOUND, margin: float = MARGIN
) -> st.SearchStrategy[float]:
    """Finite floats inside ``domain``, at least ``margin`` from its ends and kinks.

    Args:
        domain: an operand's domain from the op table (default: all reals).
        bound: largest magnitude drawn.
        margin: distance kept from open ends, kinks and poles.

    >>> from hypothesis import find
    >>> x = find(reals(Domain(low=0.0)), lambda x: x < 1.0)
    >>> 0.05 <= x < 1.0
    True
    """
    low = max(domain.low + margin, -bound)
    high = min(domain.high - margin, bound)
    if low > high:
        raise ValueError(f"domain {domain} has no room inside [-{bound}, {bound}]")
    return st.floats(low, high).filter(lambda x: all(abs(x - a) >= margin for a in domain.avoid))


def operands(op: Op, *, max_terms: int = 4) -> st.SearchStrategy[list[float]]:
    """Lists of inputs for ``op``, each inside its operand's domain.

    Ops with any number of operands get 1 to ``max_terms`` terms (``dot`` gets
    that many weights and as many inputs).

    >>> from autograd import ops
    >>> from hypothesis import find
    >>> len(find(operands(ops.DOT), lambda xs: True)) % 2
    0
    """
    if op.variadic is None:
        return st.tuples(*(reals(d) for d in op.domains)).map(list)
    per_term = 2 if op is DOT else 1
    return st.integers(1, max_terms).flatmap(
        lambda n: st.lists(reals(op.domain(0)), min_size=n * per_term, max_size=n * per_term)
    )


__all__ = ["BOUND", "MARGIN", "operands", "reals"]
