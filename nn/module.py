"""``Module``: the base of every model, with named parameters and a state dict.

A module's parameters are found by looking at its attributes (``__slots__``
first, in declaration order, then ``__dict__``): a ``Value`` is a parameter, a
``Module`` is a child, and a list or tuple of either is numbered. So names are
stable dotted paths such as ``layers.0.neurons.3.w.1``.

>>> from autograd import Value
>>> class Scale(Module):
...     def __init__(self) -> None:
...         self.k = Value(2.0)
...     def forward(self, x: float) -> Value:
...         return self.k * x
>>> m = Scale()
>>> m(0.5).data, m.named_parameters(), m.state_dict()
(1.0, [('k', Value(data=2.0, grad=0.0, label='k'))], {'k': 2.0})
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from autograd import Value
from autograd.checks import flag, shown
from autograd.kinds import class_name
from autograd.reached import forget
from autograd.value import is_real


def _members(obj: object) -> Iterator[tuple[str, object]]:
    """(name, attribute) for ``obj``'s slots (base classes first) and then its ``__dict__``."""
    seen: set[str] = set()
    for cls in reversed(type(obj).__mro__):
        slots = cls.__dict__.get("__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            if name not in seen and not name.startswith("__") and hasattr(obj, name):
                seen.add(name)
                yield name, getattr(obj, name)
    yield from getattr(obj, "__dict__", {}).items()


def zero_grad(params: Iterable[Value], set_to_none: bool = True) -> None:
    """Reset each parameter's gradient: ``.grad`` to 0.0 and ``.grad_value`` to None.

    As PyTorch's ``zero_grad(set_to_none=True)``, the default, the gradient
    becomes "not computed yet" (drawn ``grad —``, :mod:`autograd.reached`);
    ``.grad`` still reads 0.0. ``set_to_none=False`` leaves a 0.0 that is
    drawn as one, as PyTorch's zero-filled ``.grad``.
    """
    if not isinstance(set_to_none, bool):
        raise TypeError(f"zero_grad: set_to_none must be True or False, got {set_to_none!r}")
    for p in params:
        if set_to_none:
            forget(p)
        else:
            p.grad = 0.0
        p.grad_value = None


def not_a_model(params: object, where: str) -> None:
    """Refuse a model, one Value, or something that is not a list, where parameters are wanted.

    ``SGD(model, lr)`` is the slip of a PyTorch user who wrote
    ``model.parameters()`` a thousand times; the message says what to pass.

    >>> from nn import MLP
    >>> not_a_model(MLP(1, [1]), "SGD")
    Traceback (most recent call last):
    ...
    TypeError: SGD takes the model's parameters, not the model: pass model.parameters()
    """
    if isinstance(params, Module):
        raise TypeError(
            f"{where} takes the model's parameters, not the model: pass model.parameters()"
        )
    if isinstance(params, Value):
        raise TypeError(f"{where} takes a list of parameters, got one Value: pass [w]")
    if not isinstance(params, Iterable) or isinstance(params, (str, bytes)):
        kind = class_name(params)
        raise TypeError(
            f"{where} takes a list of parameters, such as model.parameters(), "
            f"got {shown(params)} (a {kind})"
        )


def parameter_list(params: Iterable[Value], where: str) -> list[Value]:
    """``params`` as a list, checked: not empty, every item a Value, none twice.

    Shared by the optimizers and the penalties, which would update or count a
    repeated parameter twice.

    >>> parameter_list([], "SGD")
    Traceback (most recent call last):
    ...
    ValueError: SGD got no parameters (an empty list)
    """
    not_a_model(params, where)
    found = list(params)
    if not found:
        raise ValueError(f"{where} got no parameters (an empty list)")
    for i, p in enumerate(found):
        if not isinstance(p, Value):
            raise TypeError(f"{where} parameter {i} must be a Value, got {shown(p)}")
    if len(set(found)) != len(found):
        raise ValueError(f"{where} got the same parameter twice; it would count twice")
    return found


class Module:
    """Base class for models: parameters, names, gradients and state.

    Subclasses store their parameters (``Value``), submodules (``Module``) and
    lists of either as attributes, and define ``forward``; calling the module
    calls ``forward``.
    """

    # Set by train(); unset means training, so subclasses need not call __init__.
    __slots__ = ("_training",)
    _training: bool

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        """The computation; subclasses define it."""
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)

    def named_parameters(self) -> list[tuple[str, Value]]:
        """Every parameter with its dotted name, in a stable order.

        Each parameter's ``label`` is set to its name, so drawings show it.
        A parameter reachable twice (a shared weight) is listed once, under
        its first name; so is every module, so a module that refers back to
        its parent is walked once.
        """
        found: list[tuple[str, Value]] = []
        seen: set[Value] = set()
        for name, item in self._walk():
            if isinstance(item, Value) and item not in seen:
                seen.add(item)
                item.label = name
                found.append((name, item))
        return found

    def modules(self) -> list[Module]:
        """This module and every submodule, each once, in the order of :meth:`named_parameters`."""
        return [item for _, item in self._walk() if isinstance(item, Module)]

    @property
    def training(self) -> bool:
        """True in training mode (the default), False after :meth:`eval`."""
        return getattr(self, "_training", True)

    def train(self, mode: bool = True) -> Module:
        """Set training mode (``mode=False``: evaluation) on this module and every submodule.

        Only :class:`nn.Dropout` behaves differently; returns ``self``, as PyTorch.

        >>> from nn import MLP
        >>> model = MLP(2, [3, 1], dropout=0.5, seed=0).eval()
        >>> model.training, model.dropouts[0].training
        (False, False)
        >>> model.train().dropouts[0].training
        True
        """
        mode = flag(mode, f"{type(self).__name__}.train() mode")
        for module in self.modules():
            module._training = mode
        return self

    def eval(self) -> Module:
        """Evaluation mode: ``train(False)``; returns ``self``."""
        return self.train(False)

    def _walk(self) -> Iterator[tuple[str, object]]:
        """(dotted name, item) for every Value reached and every module, list and tuple once."""
        # Each module, list and tuple is walked once, under its first name: a
        # child that refers back to its parent (``self.parent = parent``), or a
        # module reachable twice, would otherwise be walked again and again.
        # Keyed by id() only to know what was walked; the order comes from the
        # attributes. (prefix, object) pairs, pushed in reverse.
        walked: set[int] = set()
        stack: list[tuple[str, object]] = [("", self)]
        while stack:
            name, item = stack.pop()
            if isinstance(item, Value):
                yield name, item
                continue
            if not isinstance(item, (Module, list, tuple)) or id(item) in walked:
                continue
            walked.add(id(item))
            yield name, item
            if isinstance(item, Module):
                children = list(_members(item))
            else:
                children = [(str(i), x) for i, x in enumerate(item)]
            prefix = f"{name}." if name else ""
            stack.extend((prefix + key, child) for key, child in reversed(children))

    def parameters(self) -> list[Value]:
        """Every parameter, in the order of :meth:`named_parameters`."""
        return [p for _, p in self.named_parameters()]

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Reset every parameter's gradient (do this before each backward).

        ``.grad`` reads 0.0 after; by default it is drawn ``grad —`` (not
        computed yet, PyTorch's ``set_to_none=True``), with
        ``set_to_none=False`` ``grad 0.0`` (see ``nn.module.zero_grad``).
        """
        zero_grad(self.parameters(), set_to_none)

    def draw_network(
        self,
        x: Any = None,
        *,
        loss: Value | None = None,
        show: str = "grad",
        scale: tuple[float, float] | None = None,
        heatmaps: bool = False,
        data: Any = None,
        bounds: tuple[float, float, float, float] | None = None,
    ) -> Any:
        """This model as a network diagram: ``nn.draw_network(self, ...)`` (see there)."""
        from nn.pictures.draw import draw_network  # needs graphviz: only when drawing

        return draw_network(
            self, x, loss=loss, show=show, scale=scale, heatmaps=heatmaps, data=data, bounds=bounds
        )

    def state_dict(self) -> dict[str, float]:
        """``{name: value}`` for every parameter, ordered and JSON-serialisable."""
        return {name: p.data for name, p in self.named_parameters()}

    def load_state_dict(self, state: Mapping[str, object], strict: bool = True) -> None:
        """Set the parameters from ``state``; all or nothing.

        Args:
            state: ``{name: number}``, as made by :meth:`state_dict`.
            strict: when True, every parameter must be present and nothing else;
                when False, missing and unexpected names are ignored.

        Raises:
            KeyError: (strict) names missing from ``state`` or not in the model.
            TypeError: a value for a known name is not a real number.
            ValueError: a value is NaN or infinite.

        The model is left unchanged when anything is wrong.

        >>> from nn import Neuron
        >>> n = Neuron(1, rng=None)
        >>> n.load_state_dict({"w.0": 0.5, "b": 0.25})
        >>> n.state_dict()
        {'w.0': 0.5, 'b': 0.25}
        >>> n.load_state_dict({"w.0": 1.0})
        Traceback (most recent call last):
        ...
        KeyError: "Neuron.load_state_dict: missing ['b']"
        """
        where = f"{type(self).__name__}.load_state_dict"
        if not isinstance(state, Mapping):
            raise TypeError(f"load_state_dict needs a mapping, got {class_name(state)}")
        strict = flag(strict, f"{where} strict")
        params = dict(self.named_parameters())
        if strict:
            missing = [name for name in params if name not in state]
            unexpected = [name for name in state if name not in params]
            if missing or unexpected:
                parts = [f"missing {missing}"] if missing else []
                parts += [f"unexpected {unexpected}"] if unexpected else []
                raise KeyError(f"{where}: {'; '.join(parts)}")
        updates: list[tuple[Value, float]] = []
        for name, p in params.items():
            if name not in state:
                continue
            value = state[name]
            if not is_real(value):
                raise TypeError(f"{where}: {name!r} must be a real number, got {value!r}")
            number = float(value)  # type: ignore[arg-type]
            if not math.isfinite(number):
                raise ValueError(f"{where}: {name!r} must be finite, got {number!r}")
            updates.append((p, number))
        for p, number in updates:
            p.data = number


__all__ = ["Module", "not_a_model", "parameter_list"]
