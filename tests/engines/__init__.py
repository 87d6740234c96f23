"""Learners' own engines for the engine checker's tests: a correct one and one per classic bug.

Each module defines a micrograd-style ``Value`` (``data``, ``grad``, ``_prev``,
``_op``, ``_backward``, ``backward()``) the way a learner writes one after the
"spelled-out" lecture. :mod:`tests.engines.correct` has no bug; every other
module copies it and changes one thing, named in its docstring; ``WRONG_OPS``
is the op ``check_engine`` should blame, and tests/autograd/engines/test_check.py
the cause it should give.
"""
