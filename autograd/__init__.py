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

from autograd.gradcheck import gradcheck
from autograd.gradient import grad
from autograd.higher import derivative, hessian, jacobian
from autograd.mode import detect_anomaly, enable_grad, no_grad
from autograd.nary import dot
from autograd.nary import sum as sum
from autograd.trace import BackwardStep, backward_steps, forward_steps
from autograd.value import Value

# ``sum`` is autograd.sum, deliberately left out of __all__ so that
# ``from autograd import *`` never shadows the builtin.
__all__ = [
    "BackwardStep",
    "Value",
    "backward_steps",
    "derivative",
    "detect_anomaly",
    "dot",
    "enable_grad",
    "forward_steps",
    "grad",
    "gradcheck",
    "hessian",
    "jacobian",
    "no_grad",
]
