"""Save and load a module's parameters as JSON, atomically. No pickle.

The file holds a format name, a version and the ``state_dict``; ``load`` checks
all three and loads strictly, so a file from another architecture is refused
and the model left unchanged.

>>> import tempfile, os
>>> from nn import MLP
>>> with tempfile.TemporaryDirectory() as d:
...     path = os.path.join(d, "model.json")
...     save(MLP(2, [3, 1], seed=0), path)
...     load(MLP(2, [3, 1], seed=1), path).state_dict() == MLP(2, [3, 1], seed=0).state_dict()
True
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TypeVar

from autograd.files import write_atomic
from nn.module import Module

FORMAT = "chainrule.nn.state"
VERSION = 1
M = TypeVar("M", bound=Module)


def save(module: Module, path: str | os.PathLike[str]) -> None:
    """Write ``module``'s parameters to ``path`` as JSON, atomically.

    Raises:
        ValueError: a parameter is NaN or infinite (nothing is written).
    """
    state = module.state_dict()
    for name, value in state.items():
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"save(): parameter {name!r} is {value!r}; nothing was written")
    document = {"format": FORMAT, "version": VERSION, "model": repr(module), "state": state}
    write_atomic(path, (json.dumps(document, indent=1) + "\n").encode("utf-8"))


def load(module: M, path: str | os.PathLike[str]) -> M:
    """Load parameters saved by :func:`save` into ``module`` (strictly) and return it.

    Raises:
        ValueError: the file is not JSON or not in this format and version.
        KeyError, TypeError: the parameters do not match the module (see
            ``Module.load_state_dict``); the module is left unchanged.
    """
    text = Path(path).read_text(encoding="utf-8")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"load(): {os.fspath(path)!r} is not JSON: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f"load(): {os.fspath(path)!r} is not a saved chainrule model")
    if document.get("version") != VERSION:
        raise ValueError(
            f"load(): {os.fspath(path)!r} has format version {document.get('version')!r}; "
            f"this version reads {VERSION}"
        )
    state = document.get("state")
    if not isinstance(state, dict):
        raise ValueError(f"load(): {os.fspath(path)!r} has no parameter table")
    module.load_state_dict(state, strict=True)
    return module


__all__ = ["FORMAT", "VERSION", "load", "save", "write_atomic"]
