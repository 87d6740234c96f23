"""``chainrule draw`` at the door (issue 24, items 5, 12, 16): options checked before it runs.

Every refusal exits 2 (argparse's usage errors included) and leaves the output
folder as it was; a picture Graphviz gives back empty is never reported as
written; a formula may start with "-" or "--"; a graph with long edges is laid
out with cheap settings. Times are the benchmarks' (``make bench``, workload
8b), never measured here.
"""

from __future__ import annotations

import math
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from autograd import Value
from autograd.cli import main
from autograd.cli.draw import evaluate, run
from autograd.viz import draw_graph, step_through, to_dot


def quiet(argv: list[str]) -> tuple[int, list[str]]:
    said: list[str] = []
    return run(argv, echo=said.append, warn=said.append), said


def usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """What argparse says (its last line) when it refuses ``draw ARGV`` with exit code 2."""
    with pytest.raises(SystemExit) as stop:
        quiet(argv)
    assert stop.value.code == 2
    return capsys.readouterr().err.strip().splitlines()[-1]


def fake_dot(folder: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ``dot`` first on PATH that runs ``script`` (sh); returns the file its arguments go to."""
    program = folder / "bin" / "dot"
    program.parent.mkdir()
    calls = folder / "calls"
    program.write_text(f'#!/bin/sh\necho "$@" >> {calls}\ncat > /dev/null\n{script}\n')
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{program.parent}{os.pathsep}{os.environ['PATH']}")
    return calls


# -- item 5: --dpi from 10 to 2400, and never an empty file ------------------------


@pytest.mark.parametrize(
    ("dpi", "shown"),
    [
        ("0.01", "0.01"),  # the issue's: Graphviz wrote a 0-byte PNG and draw said "wrote"
        ("9.99", "9.99"),
        ("0", "0"),
        ("-96", "-96"),
        ("2401", "2401"),
        ("100000", "100000"),
        ("1e400", "1e400"),
        ("inf", "inf"),
        ("-inf", "-inf"),
        ("nan", "nan"),
        ("abc", "abc"),
        ("", "''"),
    ],
)
def test_dpi_outside_10_to_2400_is_refused_before_anything_runs(
    dpi: str, shown: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "--dpi -inf" is argparse's "expected one argument": -inf is no number to it
    option = [f"--dpi={dpi}"] if dpi == "-inf" else ["--dpi", dpi]
    said = usage_error(["x*2", "x=1", "-o", str(tmp_path / "g.png"), *option], capsys)
    # autograd.checks.real's words, as every range in the project is refused
    assert (
        said
        == f"chainrule draw: error: argument --dpi: must be a number in [10, 2400], got {shown}"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.needs_dot
@pytest.mark.parametrize("dpi", ["10", "2400"])
def test_dpi_at_either_bound_is_drawn(dot_program: str, dpi: str, tmp_path: Path) -> None:
    out = tmp_path / "g.png"
    code, said = quiet(["x*2", "x=1", "-o", str(out), "--dpi", dpi])
    assert (code, said) == (0, [f"wrote {out}"])
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 100


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_an_empty_picture_from_graphviz_exits_1_and_writes_nothing(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dot(tmp_path, "exit 0", monkeypatch)  # answers, successfully, with 0 bytes
    out = tmp_path / "out" / f"g.{fmt}"
    out.parent.mkdir()
    code, said = quiet(["x*2", "x=1", "-o", str(out)])
    assert code == 1  # Graphviz is there but failed us, as when it fails outright
    assert said == [f"chainrule draw: Graphviz's dot gave an empty {fmt.upper()}: nothing written"]
    assert list(out.parent.iterdir()) == []  # no file, no temporary file


def test_the_python_api_refuses_the_same_dpi_and_an_empty_picture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from autograd.viz.layout.draw import EmptyPicture, draw_graph, render_bytes, save

    graph = draw_graph(Value(0.5))
    for dpi in (0.01, 2401, math.nan):
        with pytest.raises(ValueError, match=r"^dpi must be a number in \[10, 2400\], got"):
            save(graph, tmp_path / "g.png", "png", dpi=dpi)
    fake_dot(tmp_path, "exit 0", monkeypatch)
    with pytest.raises(EmptyPicture, match=r"^Graphviz's dot gave an empty SVG: nothing written"):
        render_bytes(graph, "svg")
    with pytest.raises(EmptyPicture):
        save(graph, tmp_path / "g.svg", "svg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "calls"]  # only the fake dot


def test_an_empty_picture_is_refused_by_the_real_entry_point_too(tmp_path: Path) -> None:
    program = tmp_path / "bin" / "dot"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\ncat > /dev/null\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    out = tmp_path / "g.png"
    code = "import sys; from autograd.cli import main; sys.exit(main())"
    env = {**os.environ, "PATH": f"{program.parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        [sys.executable, "-c", code, "draw", "x*2", "x=1", "-o", str(out), "--dpi", "96"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1 and "empty PNG: nothing written" in done.stderr
    assert done.stdout == "" and not out.exists()


# -- item 12: an option without its value, a formula that starts with "-" ------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["x*2", "x=1", "-o"], "argument -o/--out: expected one argument"),  # the issue's
        (["x*2", "x=1", "--out"], "argument -o/--out: expected one argument"),
        (["x*2", "x=1", "--dpi"], "argument --dpi: expected one argument"),
        (["x*2", "x=1", "--format"], "argument --format: expected one argument"),
        (["x*2", "x=1", "--timeout"], "argument --timeout: expected one argument"),
        (["x*2", "x=1", "--rankdir"], "argument --rankdir: expected one argument"),
        (["-x", "x=1", "-o"], "argument -o/--out: expected one argument"),
    ],
)
def test_an_option_missing_its_value_never_takes_the_formula(
    argv: list[str],
    said: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert usage_error(argv, capsys) == f"chainrule draw: error: {said}"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("out", "said"),
    [
        ("x=1", "-o needs a file name, and x=1 is a value: e.g. -o graph.svg"),
        ("", "-o needs a file name, e.g. -o graph.svg"),
        ("folder", "folder is a folder: name a file in it, e.g. -o folder/graph.svg"),
        ("folder.svg", "folder.svg is a folder: name a file in it, e.g. -o folder.svg/graph.svg"),
        (".", ". is a folder: name a file in it, e.g. -o graph.svg"),
    ],
)
def test_an_output_that_names_no_file_says_what_to_give(
    out: str, said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder.svg").mkdir()
    assert quiet(["x*2", "-o", out, "x=1"]) == (2, [f"chainrule draw: {said}"])
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["folder", "folder.svg"]


@pytest.mark.parametrize(
    ("argv", "data"),
    [
        (["-x", "x=3"], -3.0),
        (["-x**2 / 2", "x=3"], -4.5),  # the README's example
        (["-2*x", "x=3"], -6.0),
        (["--x", "x=3"], 3.0),  # -(-x): x is given, so --x is no option
        (["--x*2", "x=3"], 6.0),  # no option has a * in its name
        (["---x", "x=3"], -3.0),
        (["--2*x", "x=3"], 6.0),
        (["-2"], -2.0),  # a negative number alone
        (["-2.5"], -2.5),
        (["-1e3"], -1000.0),
        (["-x", "x=-1"], 1.0),  # a negative value
        (["-(x)", "x=3"], -3.0),
    ],
)
def test_a_formula_that_starts_with_minus_is_drawn(
    argv: list[str], data: float, tmp_path: Path
) -> None:
    out = tmp_path / "g.dot"
    before, after, flow = ["-o", str(out), *argv], [*argv, "-o", str(out)], [*argv, "--flow"]
    for order in (before, after, [*flow, "-o", str(out)]):
        assert quiet(order) == (0, [f"wrote {out}"]), order
        boxes = [line for line in out.read_text().splitlines() if "shape=plain" in line]
        assert f"data {data!r}" in boxes[-1 if "--flow" not in order else -2], order


def test_after_a_double_dash_everything_is_the_formula_and_values(tmp_path: Path) -> None:
    out = tmp_path / "g.dot"
    assert quiet(["-o", str(out), "--", "--x", "x=3"]) == (0, [f"wrote {out}"])
    assert "data 3.0" in out.read_text()


def test_the_real_entry_point_draws_a_formula_starting_with_two_minus_signs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "g.dot"
    assert main(["draw", "--x*2", "x=3", "-o", str(out)]) == 0
    assert capsys.readouterr().err == "" and "data 6.0" in out.read_text()


@pytest.mark.parametrize("typo", ["--flwo", "--x"])
def test_a_mistyped_option_is_still_named_as_one(
    typo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --x with no x= given is an unknown option, not a formula
    said = usage_error(["x*2", typo, "y=1", "-o", str(tmp_path / "g.dot")], capsys)
    assert said == f"chainrule: error: unrecognized arguments: {typo}"
    assert list(tmp_path.iterdir()) == []


# -- numbers on the command line: each checked once, in autograd.checks' words -------


@pytest.mark.parametrize(
    ("timeout", "shown"),
    [
        ("0", "0"),
        ("-1", "-1"),
        ("nan", "nan"),
        ("inf", "inf"),
        ("1e300", "1e300"),  # was "timestamp too large to convert to C _PyTime_t"
        ("86401", "86401"),
        ("abc", "abc"),
    ],
)
def test_timeout_outside_0_to_a_day_is_a_usage_error(
    timeout: str, shown: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    said = usage_error(["x", "x=1", "-o", str(tmp_path / "g.svg"), "--timeout", timeout], capsys)
    assert said == (
        f"chainrule draw: error: argument --timeout: must be a number in (0, 86400], got {shown}"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_day_is_the_longest_timeout(tmp_path: Path) -> None:
    out = tmp_path / "g.dot"
    assert quiet(["x", "x=1", "-o", str(out), "--timeout", "86400"]) == (0, [f"wrote {out}"])


@pytest.mark.parametrize("timeout", [1e300, 86_401, float("nan"), 0])
def test_draw_graph_and_step_through_share_the_timeout_check(timeout: float) -> None:
    wanted = "timeout must be a number in (0, 86400]"
    with pytest.raises(ValueError, match=rf"^{__import__('re').escape(wanted)}, got "):
        draw_graph(Value(1.0), timeout=timeout)
    with pytest.raises(ValueError, match=r"timeout must be a number in \(0, 86400\]"):
        step_through(Value(1.0), timeout=timeout)


@pytest.mark.parametrize(
    ("values", "said"),
    [
        (["x=nan"], "x: 'nan' is not a finite number"),
        (["x=inf"], "x: 'inf' is not a finite number"),
        (["x=-inf"], "x: '-inf' is not a finite number"),
        (["x=1e400"], "x: '1e400' is not a finite number"),
        (["x=abc"], "x: 'abc' is not a number"),
        (["x="], "x: '' is not a number"),
        (["=1"], "'' cannot name a number"),
        (["x=1", "x=2"], "x is given twice: x=1.0 and x=2.0"),
        (["x=0x10"], "x: '0x10' is not a number"),
    ],
)
def test_values_that_are_no_finite_number_are_refused(
    values: list[str], said: str, tmp_path: Path
) -> None:
    code, told = quiet(["x*2", *values, "-o", str(tmp_path / "g.dot")])
    assert code == 2 and len(told) == 1 and told[0].startswith(f"chainrule draw: {said}")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("formula", ["", "   ", "\t"])
def test_an_empty_formula_is_refused(formula: str, tmp_path: Path) -> None:
    assert quiet([formula, "-o", str(tmp_path / "g.dot")]) == (
        2,
        ["chainrule draw: the formula is empty"],
    )


# -- item 16: a graph of long edges is laid out cheaply -------------------------------


def test_strain_of_the_76_term_sum_worked_by_hand() -> None:
    # With labels, dot puts two ranks on each edge: x at 0, the k-th + at 4k - 2,
    # its result at 4k. Every short edge spans one hidden rank (1 each: 2 edges
    # x -> first +, 75 into results, 74 along the chain); x -> the k-th + spans
    # 4k - 3 (k = 2..75): sum (4k - 3)^2 = 16*143450 - 24*2850 + 9*75 - 1 = 2,227,474.
    from autograd.viz.layout.graphviz_program import strain

    root = evaluate("+".join(["x"] * 76), {"x": 1.0})
    root.backward()
    assert strain(to_dot(root, flow=True, max_nodes=5000)) == 2 + 75 + 74 + 2_227_474


def test_the_76_term_sum_with_flow_gets_cheap_settings_and_a_small_graph_keeps_dots(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = fake_dot(tmp_path, "echo '<svg/>'", monkeypatch)
    code, said = quiet(["+".join(["x"] * 76), "x=1", "--flow", "-o", str(tmp_path / "long.svg")])
    assert code == 0, said
    code, said = quiet(
        ["tanh(x*w + b)", "x=0.5", "w=-1.0", "b=0.2", "-o", str(tmp_path / "g.svg")]
    )
    assert code == 0, said
    long, small = calls.read_text().splitlines()
    assert "-Gnslimit=0" in long.split() and "-Gsplines=line" in long.split()
    assert "-Gnslimit=0" not in small.split() and "-Gsplines=line" not in small.split()
