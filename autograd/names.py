"""Parameter names as ``nn.Module.named_parameters()`` writes them, read in one place.

A parameter of an MLP is named ``layers.<i>.neurons.<j>.w.<k>`` or
``layers.<i>.neurons.<j>.b``, with anything in front for a model inside a
model. The pictures group parameters by layer and by neuron from these names;
nothing else parses them.

>>> layer_of("layers.0.neurons.3.w.1"), neuron_of("head.layers.1.neurons.4.b")
('layers.0', ('head', 1, 4))
"""

from __future__ import annotations

import re

# layers.1.neurons.4, maybe then .w.0 or .b, with anything in front.
_NEURON = re.compile(r"(?:(.+)\.)?layers\.(\d+)\.neurons\.(\d+)(?:\.w\.\d+|\.b)?")


def layer_of(name: str) -> str:
    """The layer a dotted parameter name belongs to: up to its first number.

    >>> layer_of("layers.0.neurons.3.w.1"), layer_of("head.w"), layer_of("bias")
    ('layers.0', 'head', 'bias')
    """
    parts = name.split(".")
    for i, part in enumerate(parts):
        if part.isdigit():
            return ".".join(parts[: i + 1])
    return ".".join(parts[:-1]) or name


def neuron_of(name: str) -> tuple[str, int, int] | None:
    """``(prefix, layer, neuron)`` of a neuron or its parameter, or None for any other name.

    >>> neuron_of("layers.2.neurons.0.w.1"), neuron_of("layers.2.neurons.0"), neuron_of("head.w")
    (('', 2, 0), ('', 2, 0), None)
    >>> neuron_of("layers.2.neurons.0.gain") is None
    True
    """
    found = _NEURON.fullmatch(name)
    if found is None:
        return None
    return found[1] or "", int(found[2]), int(found[3])


__all__ = ["layer_of", "neuron_of"]
