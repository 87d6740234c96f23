"""Other people's engines: reading, drawing and checking a learner's own micrograd-style ``Value``.

- :mod:`~autograd.engines.chain`: what the chain rule says each node's gradient
  should be, from the gradients the engine left (the one place that sum is
  written; everything below builds on it).
- Reading a learner's graph: :mod:`~autograd.engines.foreign` (duck-typed
  nodes, walked without recursion), :mod:`~autograd.engines.op_text` (op
  strings as rows of the table), :mod:`~autograd.engines.mirror` (the graph as
  chainrule Values, for the pictures).
- Watching a learner's ``backward()``: :mod:`~autograd.engines.budget` (a budget
  of steps, no signals, no threads), :mod:`~autograd.engines.recorder` (each
  ``_backward`` call as it runs) and :mod:`~autograd.engines.played` (those
  calls as checked steps, for ``backward_steps`` and the player).
- Checking a learner's class: :mod:`~autograd.engines.check` (``check_engine``,
  ``assert_engine``), with :mod:`~autograd.engines.forms`,
  :mod:`~autograd.engines.build`, :mod:`~autograd.engines.trial`,
  :mod:`~autograd.engines.stages`, :mod:`~autograd.engines.causes`,
  :mod:`~autograd.engines.extras` and :mod:`~autograd.engines.report`.

Importing the package loads neither hypothesis nor the viz room.
"""
