"""Save and load a module's parameters as JSON, atomically. No pickle.

The file holds a format name, a version and the ``state_dict``; ``load`` checks
all three and loads strictly, so a file from another architecture is refused
and the model left unchanged.

``load`` reads only what a saved model can be: a regular file (never a FIFO,
a device such as ``/dev/zero``, or a folder) of at most ``MAX_BYTES`` bytes
(``max_bytes=`` raises the limit), in UTF-8, of plain JSON. Every file it
cannot read as a saved model raises :class:`LoadError`, which names the file.

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
import math
import os
import stat
from typing import Any, TypeVar

from autograd.checks import count, one_of_types
from autograd.files import write_atomic
from nn.module import Module

FORMAT = "chainrule.nn.state"
VERSION = 1
#: The largest file ``load`` reads by default: 64 MiB, about a million
#: parameters as ``save`` writes them (some 60 bytes each), far more than a
#: scalar engine trains. ``load(..., max_bytes=...)`` reads larger files.
MAX_BYTES = 64 * 2**20
M = TypeVar("M", bound=Module)


class LoadError(ValueError):
    """A file that ``nn.load`` cannot read as a saved model; the message names the file."""


def save(module: Module, path: str | os.PathLike[str]) -> None:
    """Write ``module``'s parameters to ``path`` as JSON, atomically.

    Raises:
        ValueError: a parameter is NaN or infinite (nothing is written).
    """
    one_of_types(module, "save() module", "a model such as MLP(2, [8, 1])", Module)
    state = module.state_dict()
    for name, value in state.items():
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"save(): parameter {name!r} is {value!r}; nothing was written")
    document = {"format": FORMAT, "version": VERSION, "model": repr(module), "state": state}
    write_atomic(path, (json.dumps(document, indent=1) + "\n").encode("utf-8"))


def load(module: M, path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> M:
    """Load parameters saved by :func:`save` into ``module`` (strictly) and return it.

    Args:
        max_bytes: the largest file read (default ``MAX_BYTES``, 64 MiB): a
            whole number >= 1, checked before the file is opened.

    Raises:
        LoadError: the file is not a regular file, is larger than
            ``max_bytes``, is not UTF-8 JSON, is not in this format and
            version, or a parameter in it is not a finite number.
        OSError: the file cannot be opened (missing, no permission).
        KeyError, TypeError: the parameters do not match the module (see
            ``Module.load_state_dict``); the module is left unchanged.
        TypeError, ValueError: ``max_bytes`` is not a whole number >= 1
            (``"100"``, NaN, infinity).

    >>> from nn import MLP
    >>> load(MLP(1, [1]), "/dev/null")
    Traceback (most recent call last):
    ...
    nn.io.LoadError: load(): '/dev/null' is not a regular file (a device, FIFO or folder)
    """
    one_of_types(module, "load() module", "a model such as MLP(2, [8, 1])", Module)
    max_bytes = count(max_bytes, "load() max_bytes")
    where = f"load(): {os.fspath(path)!r}"
    document = _document(_read(path, where, max_bytes), where)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise LoadError(f"{where} is not a saved chainrule model")
    if document.get("version") != VERSION:
        raise LoadError(
            f"{where} has format version {document.get('version')!r}; this version reads {VERSION}"
        )
    state = document.get("state")
    if not isinstance(state, dict):
        raise LoadError(f"{where} has no parameter table")
    _check_numbers(state, where)
    module.load_state_dict(state, strict=True)
    return module


def _read(path: str | os.PathLike[str], where: str, max_bytes: int) -> bytes:
    """The file's bytes: a regular file only, and at most ``max_bytes`` of it."""
    # Opened without blocking (a FIFO with no writer would block open() forever),
    # and checked on the open descriptor, so nothing can swap the file in between.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise LoadError(f"{where} is not a regular file (a device, FIFO or folder)")
    with open(fd, "rb") as file:
        # One byte more than allowed: a file that grew since fstat is caught too.
        data = b"" if info.st_size > max_bytes else file.read(max_bytes + 1)
    size = max(info.st_size, len(data))
    if size > max_bytes:
        raise LoadError(
            f"{where} is {size:,} bytes or more, over the limit of {max_bytes:,}; "
            f"pass max_bytes={size} to read it anyway"
        )
    return data


def _document(data: bytes, where: str) -> Any:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        why = f"{error.reason} at byte {error.start}"
        raise LoadError(f"{where} is not UTF-8 text: {why}") from None
    try:
        # Integers are read as floats (a parameter is one): a 5,000-digit integer
        # is then a number like any other, not Python's int-conversion limit.
        return json.loads(text, parse_int=float)
    except RecursionError:  # "[[[[...": json's decoder recurses once per bracket
        raise LoadError(f"{where} is not a saved model: its JSON is nested too deeply") from None
    except json.JSONDecodeError as error:
        raise LoadError(f"{where} is not JSON: {error}") from None


def _check_numbers(state: dict[str, Any], where: str) -> None:
    """Every value in the table is a finite number (the file's fault, not the model's)."""
    for name, value in state.items():
        if isinstance(value, bool) or not isinstance(value, float) or not math.isfinite(value):
            raise LoadError(f"{where}: parameter {name!r} is {value!r}, not a finite number")


__all__ = ["FORMAT", "MAX_BYTES", "VERSION", "LoadError", "load", "save", "write_atomic"]
