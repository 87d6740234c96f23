"""``chainrule draw``: formulas render, hostile input is refused without running it."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd.viz.cli import FormulaError, evaluate, run


def quiet(argv: list[str]) -> tuple[int, list[str]]:
    said: list[str] = []
    return run(argv, echo=said.append, warn=said.append), said


# -- examples ------------------------------------------------------------------


def test_formula_builds_the_graph_and_backpropagates() -> None:
    y = evaluate("x*w + b", {"x": 0.5, "w": -1.0, "b": 0.25})
    y.backward()
    x, w = y.parents[0].parents
    assert (y.data, y.label, x.label, x.grad, w.grad) == (-0.25, "x * w + b", "x", -1.0, 0.5)


def test_functions_powers_and_constants() -> None:
    y = evaluate("leaky_relu(-x, 0.25) + abs(x) ** 2 / 4 + sigmoid(0) + relu(x)", {"x": 2.0})
    assert y.data == -0.5 + 1.0 + 0.5 + 2.0


def test_draw_writes_a_dot_file(tmp_path: Path) -> None:
    out = tmp_path / "g.dot"
    code, said = quiet(["tanh(x*w + b)", "x=0.5", "w=-1.0", "b=0.5", "-o", str(out), "--flow"])
    assert (code, said) == (0, [f"wrote {out}"])
    text = out.read_text()
    # tanh(0) = 0, tanh'(0) = 1: every grad is 1 times a local derivative
    assert "<B>x</B>" in text and "grad -1.0" in text and "|grad|, log scale" in text


@pytest.mark.needs_dot
def test_command_line_renders_svg_and_png(dot_program: str, tmp_path: Path) -> None:
    for name in ("graph.svg", "graph.png"):
        result = subprocess.run(
            [
                *(sys.executable, "-c", "import sys; from nn.cli import main; sys.exit(main())"),
                *("draw", "tanh(x*w + b)", "x=0.5", "w=-1.0", "b=0.2", "-o", str(tmp_path / name)),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
    svg = (tmp_path / "graph.svg").read_text()
    assert "tanh(x * w + b)" in svg and "&#45;0.291313" in svg  # tanh(-0.3), as SVG writes it
    assert (tmp_path / "graph.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    ("argv", "why"),
    [
        (["__import__('os').system('touch pwned')"], "calls are only allowed"),
        (["x.__class__", "x=1"], "Attribute is not allowed"),
        (["x[0]", "x=1"], "Subscript is not allowed"),
        (["(lambda: 1)()"], "calls are only allowed"),
        (["[x for x in ()]"], "ListComp is not allowed"),
        (["exp(x=1)"], "takes 1 plain argument"),
        (["tanh(x, x)", "x=1"], "takes 1 plain argument"),
        (["'a' * 3"], "only numbers"),
        (["x < 1", "x=1"], "Compare is not allowed"),
        (["x // 2", "x=1"], "FloorDiv is not allowed"),
        (["y + 1", "x=1"], "unknown name 'y'"),
        (["tanh + 1"], "unknown name 'tanh'"),
        (["1e300 * x", "x=1"], "larger than"),
        (["x" + "+x" * 300, "x=1"], "the limit is 500"),
        (["x +", "x=1"], "not a formula"),
        (["x", "x=abc"], "'abc' is not a number"),
        (["x", "x=nan"], "must be finite"),
        (["x", "1x=2"], "expected name=number"),
        (["x", "x"], "expected name=number"),
        (["log(x)", "x=-1"], "log() needs a positive input, got -1.0 (Value 'x')"),
        (["1 / (x - x)", "x=1"], "division by zero"),
        (["(-8) ** 0.5"], "no real value"),
        (["exp(x)", "x=1000"], "exp() of"),
        (["sqrt(x)", "x=0"], "backward through sqrt"),
    ],
)
def test_refused_with_exit_code_2_and_a_clear_message(
    argv: list[str], why: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, said = quiet([*argv, "-o", "g.dot"])
    assert code == 2
    assert len(said) == 1 and said[0].startswith("chainrule draw: ") and why in said[0]
    assert list(tmp_path.iterdir()) == []  # nothing written, nothing run


def test_bad_option_exits_2() -> None:
    with pytest.raises(SystemExit) as stop:
        quiet(["x", "x=1", "--format", "gif"])
    assert stop.value.code == 2


# -- properties ------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "x",
        "y",
        "(",
        ")",
        "+",
        "*",
        "**",
        ".",
        "__import__",
        "'os'",
        "[",
        "]",
        ",",
        "=",
        "tanh",
        "open",
        "lambda",
        ":",
        "1e308",
        "-",
        "/",
        "0",
        "exec",
        " ",
        "\n",
        ";",
        "@",
    ]
)


@given(st.one_of(st.text(max_size=60), st.lists(PIECES, max_size=25).map("".join)))
def test_garbage_is_refused_or_drawn_never_run(formula: str) -> None:
    said: list[str] = []
    try:
        y = evaluate(formula, {"x": 0.5, "y": 2.0})
    except (FormulaError, ValueError, ZeroDivisionError, OverflowError) as error:
        said.append(str(error))
    else:
        # only the engine's arithmetic ran: the result is a Value built from x, y
        assert type(y).__name__ == "Value"
    # Never "-o /dev/null": the atomic write (temp file + os.replace) would
    # replace the device with a regular file when the tests run as root.
    with tempfile.TemporaryDirectory() as scratch:
        code = (
            run(
                [formula, "x=0.5", "y=2.0", "--format", "dot", "-o", f"{scratch}/g.dot"],
                echo=said.append,
                warn=said.append,
            )
            if not formula.startswith("-")
            else 2
        )
    assert code in (0, 2)


def test_an_output_that_is_not_a_regular_file_is_refused_and_left_alone() -> None:
    import os
    import stat

    said: list[str] = []
    code = run(
        ["x * x", "x=1.0", "--format", "dot", "-o", "/dev/null"],
        echo=said.append,
        warn=said.append,
    )
    assert code == 2
    assert said == [
        "chainrule draw: refusing to replace /dev/null: it exists and is not a regular file"
    ]
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
