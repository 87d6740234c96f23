"""The PyTorch twin of every op in the table, for the oracle tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from autograd import ops


def torch_forward(op: ops.Op, torch: Any) -> Callable[..., Any]:
    table: dict[ops.Op, Callable[..., Any]] = {
        ops.ADD: lambda x, y: x + y,
        ops.SUB: lambda x, y: x - y,
        ops.MUL: lambda x, y: x * y,
        ops.DIV: lambda x, y: x / y,
        ops.POW: lambda x, y: x**y,
        ops.POW_CONST: lambda x, y: x**y,
        ops.NEG: lambda x: -x,
        ops.ABS: torch.abs,
        ops.EXP: torch.exp,
        ops.LOG: torch.log,
        ops.SQRT: torch.sqrt,
        ops.TANH: torch.tanh,
        ops.SIGMOID: torch.sigmoid,
        ops.RELU: torch.relu,
        # F.leaky_relu takes only a float slope; torch.where also differentiates a tensor slope.
        ops.LEAKY_RELU: lambda x, a: torch.where(x > 0, x, a * x),
        # torch.heaviside has no backward; this is its value with value=0 and gradient 0.
        ops.STEP: lambda x: (x > 0).to(x.dtype) + 0.0 * x,
        ops.SIN: torch.sin,
        ops.COS: torch.cos,
        ops.SUM: lambda *xs: torch.stack(xs).sum(),
        # dot's operands are (*w, *x) or (*w, *x, bias).
        ops.DOT: lambda *args: (
            torch.dot(
                torch.stack(args[: len(args) // 2]),
                torch.stack(args[len(args) // 2 : len(args) // 2 * 2]),
            )
            + (args[-1] if len(args) % 2 else 0.0)
        ),
    }
    assert set(table) == set(ops.TABLE), "a new op needs its PyTorch twin here"
    return table[op]
