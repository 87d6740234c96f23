"""Atomic file writes, shared by everything that saves a file.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     path = Path(d) / "out.txt"
...     write_atomic(path, b"new")
...     path.read_bytes()
b'new'
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader sees the old file or the new one, never half of one; if anything
    fails, the temporary file is removed and the old file is untouched.

    Raises:
        ValueError: ``path`` exists and is not a regular file (a device such as
            /dev/null, a folder, a pipe): renaming over it would replace it.

    >>> write_atomic("/dev/null", b"x")
    Traceback (most recent call last):
    ...
    ValueError: refusing to replace /dev/null: it exists and is not a regular file
    """
    target = Path(path)
    if target.exists() and not target.is_file():
        raise ValueError(f"refusing to replace {target}: it exists and is not a regular file")
    # A fresh name beside the target (so the rename stays on one file system),
    # created exclusively; plain open() gives the usual umask permissions.
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    f = open(tmp, "xb")  # noqa: SIM115 (closed by the with below)
    try:
        with f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
