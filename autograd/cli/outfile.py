"""Where ``chainrule draw`` writes, and in which format: checked before anything is drawn.

The format follows ``-o``'s extension unless ``--format`` is given, and the
two must agree: a file's name never lies about its bytes. Every refusal is an
:class:`OutputError` that says what to give instead.

>>> output_target("", None, None)
Traceback (most recent call last):
...
autograd.cli.outfile.OutputError: -o needs a file name, e.g. -o graph.svg
"""

from __future__ import annotations

from pathlib import Path

from autograd.cli.formula import VARIABLE

FORMATS = ("svg", "png", "pdf", "dot")


class OutputError(ValueError):
    """An output the command line cannot write: a format conflict, a missing folder, a file."""


def output_target(out: str | None, fmt: str | None, dpi: float | None) -> tuple[Path, str]:
    """Where to write and in which format, checked before anything is rendered.

    Raises:
        OutputError: ``-o`` is empty or a folder; the extension is unknown and
            no ``--format`` given, or they disagree; ``--dpi`` without PNG; the
            folder is missing; the path is no regular file.

    >>> [(str(path), fmt) for path, fmt in [output_target("slide.PDF", None, None)]]
    [('slide.PDF', 'pdf')]
    >>> output_target("g.svg", "png", None)
    Traceback (most recent call last):
    ...
    autograd.cli.outfile.OutputError: --format png does not match g.svg's extension .svg
    """
    if out == "":
        raise OutputError("-o needs a file name, e.g. -o graph.svg")
    path = Path(out if out is not None else f"graph.{fmt or 'svg'}")
    if out is not None and _is_folder(path):
        example = path / f"graph.{fmt or 'svg'}"
        raise OutputError(f"{out} is a folder: name a file in it, e.g. -o {example}")
    suffix = path.suffix.lower()
    if fmt is not None and out is not None and suffix and suffix != f".{fmt}":
        raise OutputError(f"--format {fmt} does not match {path.name}'s extension {suffix}")
    if fmt is None and suffix[1:] not in FORMATS:
        raise OutputError(_unknown_format(path, out))
    fmt = fmt or suffix[1:]
    if dpi is not None and fmt != "png":
        raise OutputError(f"--dpi is for PNG only, and {path.name} is {fmt.upper()}")
    try:
        if not path.parent.is_dir():
            missing = (
                "does not exist (create it first)" if not path.parent.exists() else "is a file"
            )
            raise OutputError(f"folder {path.parent} {missing}")
        if path.exists() and not path.is_file():
            raise OutputError(f"refusing to replace {path}: it exists and is not a regular file")
    except OSError as error:  # a folder we may not look into
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    return path, fmt


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a folder we may not look into: output_target's last checks say so
        return False


def _unknown_format(path: Path, out: str | None) -> str:
    """Why ``path`` has no format: a value taken for ``-o``'s file, or an unknown extension."""
    if out is not None and VARIABLE.match(out):  # "x*2" -o x=1: the file name is missing
        return f"-o needs a file name, and {out} is a value: e.g. -o graph.svg"
    known = ", ".join(f".{f}" for f in FORMATS[:-1]) + f" or .{FORMATS[-1]}"
    return f"cannot tell the format of {path}: end it in {known}, or give --format"


__all__ = ["FORMATS", "OutputError", "output_target"]
