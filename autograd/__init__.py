"""chainrule's scalar reverse-mode autograd engine.

>>> from autograd import Value
>>> x = Value(0.5, label="x")
>>> y = (x * 2.0).tanh()
>>> y.backward()
>>> round(x.grad, 6)
0.839949

The import name ``autograd`` is shared with the unrelated HIPS autograd
package; install the two in separate environments.
"""

from autograd.backward import grad
from autograd.mode import detect_anomaly, no_grad
from autograd.value import Value

__all__ = ["Value", "detect_anomaly", "grad", "no_grad"]
