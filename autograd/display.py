"""How a Value shows: its label (always a str), its repr and Jupyter's compact view.

:class:`Display` is a base class of ``Value`` with no state of its own (empty
``__slots__``): the label lives in Value's ``_label`` slot, which the hot path
(``autograd.value.apply``) writes directly. Drawing a Value is
``Value.draw``, in :mod:`autograd.value`, the one engine method that imports
the pictures (at call time).

>>> from autograd import Value
>>> Value(0.5, label="x")
Value(data=0.5, grad=0.0, label='x')
"""

from __future__ import annotations

import html

from autograd.kinds import class_name


class Display:
    """A Value's label, ``repr`` and ``_repr_html_``."""

    # No state: Value's own slots hold it, and Value stays without a __dict__.
    __slots__ = ()
    data: float
    grad: float
    _label: str

    @property
    def label(self) -> str:
        """The name shown in errors, reprs and drawings ("" for none); always a str.

        >>> from autograd import Value
        >>> v = Value(1.0)
        >>> v.label = 5
        Traceback (most recent call last):
        ...
        TypeError: Value label must be a str, got int: 5
        """
        return self._label

    @label.setter
    def label(self, label: str) -> None:
        # A property over the _label slot: the hot path (apply) writes the slot.
        if label.__class__ is not str and not isinstance(label, str):
            raise TypeError(f"Value label must be a str, got {class_name(label)}: {label!r}")
        self._label = label  # type: ignore[misc]  # the slot is Value's

    def __repr__(self) -> str:
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{label})"

    def _repr_html_(self) -> str:
        """Jupyter's compact view: label, data and grad.

        >>> from autograd import Value
        >>> Value(0.5, label="<x>")._repr_html_()
        '<code>Value <b>&lt;x&gt;</b> data=0.5 grad=0.0</code>'
        """
        label = f" <b>{html.escape(self.label)}</b>" if self.label else ""
        return f"<code>Value{label} data={self.data!r} grad={self.grad!r}</code>"


__all__ = ["Display"]
