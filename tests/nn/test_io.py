"""save/load: JSON round trip, strictness, and atomic writes."""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
from pathlib import Path

import pytest

import nn
from nn import MLP


def test_round_trip_restores_every_parameter_exactly(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    source = MLP(2, [4, 1], seed=0)
    nn.save(source, path)
    target = MLP(2, [4, 1], seed=1)
    assert nn.load(target, path) is target
    assert target.state_dict() == source.state_dict()
    assert target([0.5, 0.25]).data == source([0.5, 0.25]).data


def test_file_is_plain_json_with_format_and_version(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    nn.save(MLP(1, [1], seed=0), path)
    document = json.loads(path.read_text())
    assert document["format"] == "chainrule.nn.state" and document["version"] == 1
    assert list(document["state"]) == ["layers.0.neurons.0.w.0", "layers.0.neurons.0.b"]


def test_failed_write_leaves_the_old_file_intact_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "model.json"
    nn.save(MLP(2, [3, 1], seed=0), path)
    old = path.read_bytes()

    def crash(fd: int) -> None:
        raise OSError("disk full")

    # fsync comes after the new bytes are written to the temporary file and
    # before the rename: the worst moment to fail.
    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        nn.save(MLP(2, [3, 1], seed=1), path)
    assert path.read_bytes() == old
    assert os.listdir(tmp_path) == ["model.json"]


def test_non_finite_parameters_are_refused_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    model = MLP(1, [1], seed=0)
    model.layers[0].neurons[0].b.data = math.inf
    with pytest.raises(ValueError, match=r"'layers.0.neurons.0.b' is inf; nothing was written"):
        nn.save(model, path)
    assert not path.exists()


def test_loading_into_another_architecture_fails_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    nn.save(MLP(2, [3, 1], seed=0), path)
    other = MLP(2, [4, 1], seed=1)
    before = other.state_dict()
    with pytest.raises(KeyError, match=r"missing \['layers.0.neurons.3.w.0'"):
        nn.load(other, path)
    assert other.state_dict() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "is not JSON"),
        ('{"state": {}}', "is not a saved chainrule model"),
        ('{"format": "chainrule.nn.state", "version": 2, "state": {}}', "format version 2"),
        ('{"format": "chainrule.nn.state", "version": 1, "state": [1]}', "no parameter table"),
    ],
)
def test_bad_files_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(ValueError, match=message):
        nn.load(MLP(1, [1], seed=0), path)


def test_atomic_writes_never_replace_a_device_or_folder(tmp_path: Path) -> None:
    import stat

    from autograd.files import write_atomic

    with pytest.raises(ValueError, match="/dev/null: it exists and is not a regular file"):
        write_atomic("/dev/null", b"data")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    with pytest.raises(ValueError, match="not a regular file"):
        write_atomic(tmp_path, b"data")
    assert tmp_path.is_dir()


def test_an_atomic_write_into_a_missing_folder_names_the_file_not_its_temporary(
    tmp_path: Path,
) -> None:
    from autograd.files import write_atomic

    target = tmp_path / "missing" / "g.svg"
    with pytest.raises(FileNotFoundError) as error:
        write_atomic(target, b"data")
    assert error.value.filename == str(target) and ".tmp" not in str(error.value)
    assert list(tmp_path.iterdir()) == []


# -- load reads only what a saved model can be (issue 15) ----------------------


def test_load_refuses_devices_fifos_and_folders_without_reading_them(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)

    # A hang guard: should load ever block on the FIFO, a writer opens it and
    # closes it 10 s later, so the test fails rather than hangs. Once the test
    # is over the guard stands down; with no reader its open fails, also fine.
    done = threading.Event()

    def late_writer() -> None:
        if done.wait(10):
            return
        with contextlib.suppress(OSError):  # no reader: load is not blocked on the FIFO
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    guard = threading.Thread(target=late_writer, daemon=True)
    guard.start()
    try:
        for path in ["/dev/null", str(fifo), str(tmp_path)]:
            with pytest.raises(nn.LoadError, match=f"{re.escape(path)}' is not a regular file"):
                nn.load(MLP(1, [1], seed=0), path)
    finally:
        done.set()
        guard.join()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[" * 200_000, "nested too deeply"),
        (
            b'{"format": "chainrule.nn.state", "version": 1, "state": {"b": '
            + b"1" * 5000
            + b"}}",
            "'b' is inf, not a finite number",
        ),
        (b'{"format": "chainrule.nn.state", "version": 1, "state": {"\xff": 1}}', "not UTF-8"),
        (b" " * 2000 + b"{}", "2,002 bytes or more, over the limit of 1,000; pass max_bytes=2002"),
        (b'{"format": "chainrule.nn.state", "version": 1, "state": {"b": "x"}}', "'b' is 'x'"),
    ],
)
def test_every_bad_document_raises_load_error_naming_the_file(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(nn.LoadError, match=f"{re.escape(repr(str(path)))}.*{re.escape(message)}"):
        nn.load(MLP(1, [1], seed=0), path, max_bytes=1000 if len(content) < 3000 else 10**6)
