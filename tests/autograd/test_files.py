"""write_atomic, and every writer of the project going through it: refusals, modes, long names."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import nn
from autograd import Value
from autograd.files import write_atomic
from benchmarks.report import write_atomically
from nn import MLP


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask for the test, whatever the one it runs under."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def longest_name(folder: Path, suffix: str) -> Path:
    """A path in ``folder`` whose name is as long as the file system allows (255 on most)."""
    limit = os.pathconf(folder, "PC_NAME_MAX")
    return folder / ("n" * (limit - len(suffix)) + suffix)


def test_a_new_file_gets_0644_under_umask_022(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "out.txt"
    write_atomic(path, b"new")
    assert (path.read_bytes(), stat.S_IMODE(path.stat().st_mode)) == (b"new", 0o644)


def test_the_umask_applies_to_a_new_file(tmp_path: Path) -> None:
    before = os.umask(0o077)
    try:
        write_atomic(tmp_path / "private.txt", b"x")
    finally:
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "private.txt").stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o755, 0o600, 0o640, 0o444])
def test_an_existing_file_keeps_its_mode(tmp_path: Path, umask_022: None, mode: int) -> None:
    path = tmp_path / "kept.sh"
    path.write_bytes(b"old")
    path.chmod(mode)
    write_atomic(path, b"new")
    assert (path.read_bytes(), stat.S_IMODE(path.stat().st_mode)) == (b"new", mode)


def test_the_longest_name_the_file_system_allows(tmp_path: Path) -> None:
    path = longest_name(tmp_path, ".html")
    write_atomic(path, b"first")
    write_atomic(path, b"second")
    assert path.read_bytes() == b"second"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_a_pipe_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(ValueError, match=r"refusing to replace .*fifo: it exists and is not a"):
        write_atomic(fifo, b"x")
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and list(tmp_path.iterdir()) == [fifo]


def save_model(path: Path) -> None:
    nn.save(MLP(1, [1], seed=0), path)


def save_player(path: Path) -> None:
    from autograd.viz import step_through

    x = Value(2.0, label="x")
    step_through(x * x).save_html(path)


def save_report(path: Path) -> None:
    write_atomically(path, "# results\n")


WRITERS: list[object] = [
    pytest.param(save_model, id="nn.save"),
    pytest.param(save_player, id="Stepper.save_html", marks=pytest.mark.needs_dot),
    pytest.param(save_report, id="benchmark report"),
]


@pytest.mark.parametrize("save", WRITERS)
def test_every_writer_keeps_modes_takes_long_names_and_refuses_pipes(
    tmp_path: Path, umask_022: None, save: Callable[[Path], None], request: pytest.FixtureRequest
) -> None:
    if save is save_player:
        request.getfixturevalue("dot_program")  # skipped with the reason where dot is missing
    new = longest_name(tmp_path, ".out")
    save(new)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    existing = tmp_path / "existing"
    existing.write_bytes(b"")
    existing.chmod(0o755)
    save(existing)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o755 and existing.stat().st_size > 0
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(ValueError, match="not a regular file"):
        save(fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([new.name, "existing", "fifo"])
