"""Tables, the machine's description, and ``results.md``.

>>> s = Section("Demo", ["a note"], ["impl", "time"], [["chainrule", "1 ms"]])
>>> print(s.markdown())
### Demo
<BLANKLINE>
a note
<BLANKLINE>
| impl | time |
| --- | --- |
| chainrule | 1 ms |
<BLANKLINE>
"""

from __future__ import annotations

import datetime
import os
import platform
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from autograd.files import write_atomic


@dataclass
class Section:
    """One workload's table, with notes on how to read it."""

    title: str
    notes: list[str]
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def markdown(self) -> str:
        lines = [f"### {self.title}", ""]
        for note in self.notes:
            lines += [note, ""]
        lines.append("| " + " | ".join(self.header) + " |")
        lines.append("|" + " --- |" * len(self.header))
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines) + "\n"


@dataclass
class Target:
    """One of the issue's targets and what this run measured."""

    name: str
    measured: str
    met: bool

    def row(self) -> list[str]:
        return [self.name, self.measured, "met" if self.met else "**not met**"]


def cpu_model() -> str:
    """The CPU model from /proc/cpuinfo, else what ``platform`` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> list[str]:
    """Bullet lines: date, Python, machine, package versions."""
    now = datetime.datetime.now(datetime.timezone.utc)
    return [
        f"- Date: {now:%Y-%m-%d %H:%M} UTC",
        f"- Python: {platform.python_implementation()} {platform.python_version()} "
        f"({sys.executable})",
        f"- Machine: {cpu_model()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()} {platform.machine()}",
        f"- chainrule {_version('chainrule')}, micrograd {_version('micrograd')}",
    ]


def document(sections: list[Section], targets: list[Target], command: str) -> str:
    """The whole results.md."""
    target_table = Section(
        "Targets",
        ["Each figure is a ratio or a measurement taken in this one run."],
        ["target", "measured", "status"],
        [t.row() for t in targets],
    )
    parts = [
        "# chainrule benchmarks",
        "",
        f"Written by `{command}`; do not edit by hand.",
        "",
        *machine(),
        "",
        target_table.markdown(),
        *(s.markdown() for s in sections),
    ]
    return "\n".join(parts)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (folders made as needed) with the project's one atomic writer.

    ``autograd.files.write_atomic``: an existing file keeps its mode, a new one
    is 0o644 under umask 022 (``mkstemp``, used here before, made it 0o600).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
