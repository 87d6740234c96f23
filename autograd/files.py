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
        OSError: the folder is missing or read-only, the disk full...; the
            error names ``path``, not the temporary file.

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
    try:
        f = open(tmp, "xb")  # noqa: SIM115 (closed by the with below)
    except OSError as error:
        raise _about(error, target) from None
    try:
        with f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException as error:
        tmp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _about(error, target) from None
        raise


def _about(error: OSError, target: Path) -> OSError:
    """``error`` naming the file the caller asked for, never the temporary one.

    >>> error = FileNotFoundError(2, "No such file or directory", "out/.g.svg.1a2b.tmp")
    >>> str(_about(error, Path("out/g.svg")))
    "[Errno 2] No such file or directory: 'out/g.svg'"
    """
    if error.errno is None:
        return error
    return OSError(error.errno, error.strerror, str(target))  # the same subclass, by errno
