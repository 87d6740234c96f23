"""Drawing computation graphs. ``to_dot`` is pure text and needs no Graphviz.

>>> from autograd import Value
>>> to_dot(Value(1.0)).startswith("digraph {")
True
"""

from autograd.viz.dot import to_dot

__all__ = ["to_dot"]
