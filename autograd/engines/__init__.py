"""Other people's engines: reading, drawing and checking a learner's own micrograd-style ``Value``.

:mod:`autograd.engines.chain` is what the chain rule says each node's gradient
should be, given the gradients the engine left; the other modules build on it.
Importing the package loads neither hypothesis nor the viz room.
"""
