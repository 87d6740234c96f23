"""Atomic file writes, shared by everything that saves a file.

Every file the project writes (``nn.save``, ``render``, ``Stepper.save_html``,
the CLIs, the notebooks' builder, the benchmark report) goes through
``write_atomic``, so all of them refuse the same things and give the same
permissions.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     path = Path(d) / "out.txt"
...     write_atomic(path, b"new")
...     path.read_bytes()
b'new'
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

# The temporary file's name: short, so that a target name of any length the
# file system allows (255 bytes on most) still leaves room for it. Naming it
# after the target (".name.1a2b3c4d.tmp", 14 bytes more) made a 242-byte name
# fail with "File name too long".
_TEMPORARY = ".tmp{}"
# Fresh random names to try before giving up (each is 64 random bits: a clash
# means another writer is using the very same name, not bad luck).
_ATTEMPTS = 8


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader sees the old file or the new one, never half of one; if anything
    fails, the temporary file is removed and the old file is untouched. A file
    that exists keeps its permission bits (set-user-ID and set-group-ID are
    dropped); a new one gets what ``open()`` gives, 0o666 less the umask
    (0o644 under the usual umask 022).

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
    mode = _existing_mode(target)
    tmp, fd = _create_beside(target)
    try:
        with open(fd, "wb") as f:
            f.write(data)
            f.flush()
            if mode is not None:
                os.fchmod(fd, mode)
            os.fsync(fd)
        os.replace(tmp, target)
    except BaseException as error:
        tmp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _about(error, target) from None
        raise


def _existing_mode(target: Path) -> int | None:
    """The permission bits of the regular file at ``target``; None if there is none.

    Raises:
        ValueError: something other than a regular file is there.
    """
    try:
        found = os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _about(error, target) from None
    if not stat.S_ISREG(found.st_mode):
        raise ValueError(f"refusing to replace {target}: it exists and is not a regular file")
    return stat.S_IMODE(found.st_mode) & ~(stat.S_ISUID | stat.S_ISGID)


def _create_beside(target: Path) -> tuple[Path, int]:
    """A new empty file in ``target``'s folder, so that the rename stays on one file system.

    Created exclusively with mode 0o666, which the kernel reduces by the umask
    (and a default ACL) exactly as for a file made by ``open()``.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_ATTEMPTS):
        tmp = target.with_name(_TEMPORARY.format(secrets.token_hex(8)))
        try:
            return tmp, os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise _about(error, target) from None
    taken = FileExistsError(errno.EEXIST, "every temporary name tried beside it was taken")
    raise _about(taken, target)


def _about(error: OSError, target: Path) -> OSError:
    """``error`` naming the file the caller asked for, never the temporary one.

    >>> error = FileNotFoundError(2, "No such file or directory", "out/.tmp1a2b3c4d")
    >>> str(_about(error, Path("out/g.svg")))
    "[Errno 2] No such file or directory: 'out/g.svg'"
    """
    if error.errno is None:
        return error
    return OSError(error.errno, error.strerror, str(target))  # the same subclass, by errno
