"""``chainrule draw``: formulas render, hostile input is refused without running it."""

from __future__ import annotations

import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd.cli.draw import FormulaError, evaluate, run
from autograd.viz import to_dot

# Python's own words, which a refusal must never show (issue 14, part 6).
JARGON = (
    *("BinOp", "UnaryOp", "BitXor", "Attribute", "Subscript", "Constant", "Compare"),
    *("ListComp", "FloorDiv", "Expression", "SyntaxError", "Traceback"),
    *("<unknown>", "line 1", "literal", ".tmp"),
)


def quiet(argv: list[str]) -> tuple[int, list[str]]:
    said: list[str] = []
    return run(argv, echo=said.append, warn=said.append), said


def chainrule(*argv: str, hide_graphviz: bool = False) -> subprocess.CompletedProcess[str]:
    """``chainrule ARGV`` in a fresh Python, optionally with the graphviz package hidden."""
    hide = "sys.modules['graphviz'] = None; " if hide_graphviz else ""
    code = f"import sys; {hide}from autograd.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120
    )


def assert_plain(message: str, quoted: str = "") -> None:
    """``message`` holds none of Python's parser words (outside the user's own ``quoted``)."""
    found = [word for word in JARGON if word in message.replace(quoted, "")]
    assert not found, f"{found} in {message!r}"


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
                *(
                    sys.executable,
                    "-c",
                    "import sys; from autograd.cli import main; sys.exit(main())",
                ),
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
        (["__import__('os').system('touch pwned')"], "attribute access (a.b) is not allowed"),
        (["os.path", "x=1"], "attribute access (a.b) is not allowed: 'os.path'"),
        (["x.__class__", "x=1"], "attribute access (a.b) is not allowed: 'x.__class__'"),
        (["math.exp(x)", "x=1"], "(write exp(...))"),
        (["x[0]", "x=1"], "indexing (a[i]) is not allowed: 'x[0]'"),
        (["(lambda: 1)()"], "lambda is not allowed: 'lambda: 1'"),
        (["[x for x in ()]"], "comprehensions"),
        (["exp(x=1)"], "exp() takes its arguments in order, not by name: 'exp(x=1)'"),
        (["tanh(x, x)", "x=1"], "tanh() takes 1 argument, got 2"),
        (["leaky_relu(x, 1, 2)", "x=1"], "leaky_relu() takes 1 or 2 arguments, got 3"),
        (["'a' * 3"], "text (strings) is not allowed, only numbers: \"'a'\""),
        (["x < 1", "x=1"], "comparisons (<, ==, ...) are not allowed: 'x < 1'"),
        (["x if x else 1", "x=1"], "'if ... else' is not allowed"),
        (["x and 1", "x=1"], "'and' and 'or' are not allowed"),
        (["x // 2", "x=1"], "floor division (//) is not allowed, use /: 'x // 2'"),
        (["x % 2", "x=1"], "the remainder (%) is not allowed"),
        (["x, 1", "x=1"], "several values separated by commas are not allowed"),
        (["True * x", "x=1"], "True is not a number here"),
        (["1j * x", "x=1"], "imaginary numbers are not allowed: '1j'"),
        (["open(x)", "x=1"], "unknown function 'open': the functions are abs, cos, exp"),
        (["ln(x)", "x=1"], "unknown function 'ln' (did you mean log?)"),
        (["pow(x, 2)", "x=1"], "use ** for powers: x**2, not pow(x, 2)"),
        (
            ["x(y + 1)", "x=1", "y=2"],
            "x is a number, not a function: to multiply, write x*(y + 1)",
        ),
        (["2(x+1)", "x=1"], "to multiply, write 2*(x+1)"),
        (["(x+1)(x-1)", "x=1"], "to multiply, write (x+1)*(x-1)"),
        (["(x+1)x", "x=1"], "write (x+1)*x"),
        (["y + 1", "x=1"], "unknown name y: give it as y=NUMBER, e.g. y=1.0 (given: x)"),
        (["pi * 2"], "e.g. pi=3.14159"),
        (["__builtins__", "x=1"], "names cannot start with _"),
        (["1e300 * x", "x=1"], "1e300 is too large: numbers can be at most 1,000,000"),
        (["x" + "+x" * 300, "x=1"], "the limit is 500"),
        (["x +", "x=1"], "cannot read the formula: it ends too soon, after '+'"),
        (["tanh((x)", "x=1"], "cannot read the formula at column 5: this '(' is never closed"),
        (["x)", "x=1"], "at column 2: this ')' closes nothing"),
        (["(x]", "x=1"], "at column 3: this ']' does not match the '(' it closes"),
        (["x € 1", "x=1"], "the character '€' (U+20AC) has no meaning here"),
        (["012 * x", "x=1"], "write 12, not 012"),
        (["x=1", "x*2"], "is not NAME=NUMBER: the formula comes first"),
        (["x", "x=abc"], "x: 'abc' is not a number"),
        (["x", "x=nan"], "x: 'nan' is not a finite number"),
        (["x", "x=1e9"], "x: '1e9' is too large"),
        (["x", "x=1", "x=2"], "x is given twice"),
        (["x", "1x=2"], "'1x' cannot name a number"),
        (["x", "tanh=2"], "tanh is a function: pick another name"),
        (["x", "x"], "'x' is not NAME=NUMBER"),
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
    assert_plain(said[0])
    assert list(tmp_path.iterdir()) == []  # nothing written, nothing run


def test_bad_option_exits_2() -> None:
    with pytest.raises(SystemExit) as stop:
        quiet(["x", "x=1", "--format", "gif"])
    assert stop.value.code == 2


# -- issue 14, part 6: errors in the user's words, one test per row ---------------


def refusal(argv: list[str], tmp_path: Path) -> str:
    """What ``draw ARGV -o g.dot`` says on stderr, having refused with exit code 2."""
    code, said = quiet([*argv, "-o", str(tmp_path / "g.dot")])
    assert code == 2 and len(said) == 1, said
    assert not (tmp_path / "g.dot").exists()
    assert_plain(said[0])
    return said[0]


def test_a_caret_for_powers_says_use_double_star(tmp_path: Path) -> None:
    said = refusal(["x^2", "x=3"], tmp_path)
    assert said == "chainrule draw: use ** for powers: x**2, not x^2"
    # where ^ binds looser than + in Python, the advice keeps the user's grouping
    said = refusal(["x^2 + 1", "x=3"], tmp_path)
    assert "x**2 + 1, not x^2 + 1" in said


def test_a_misspelt_function_gets_the_close_match(tmp_path: Path) -> None:
    said = refusal(["tahn(x)", "x=1"], tmp_path)
    assert said == "chainrule draw: unknown function 'tahn' (did you mean tanh?)"
    said = refusal(["sigmod(x)", "x=1"], tmp_path)
    assert "(did you mean sigmoid?)" in said


@pytest.mark.parametrize(
    ("formula", "advice"),
    [
        ("2x", "write 2*x"),
        ("2x + 1", "write 2*x"),
        ("3 w", "write 3*w"),
        ("1e5x", "write 1e5*x"),  # the exponent belongs to the number
        ("2.5e-3x", "write 2.5e-3*x"),
        ("2tanh(x)", "write 2*tanh"),
    ],
)
def test_a_number_against_a_name_says_write_the_product(
    formula: str, advice: str, tmp_path: Path
) -> None:
    said = refusal([formula, "x=1", "w=2"], tmp_path)
    assert advice in said, said
    assert "decimal" not in said


def test_numbers_with_exponents_still_read_as_numbers() -> None:
    assert evaluate("1e5 * x + 2.5e-3 + 0x10", {"x": 1.0}).data == 100000.0 + 0.0025 + 16


def test_a_bare_function_name_says_call_it(tmp_path: Path) -> None:
    for formula in ("tanh + x", "tanh x", "2 * tanh"):
        said = refusal([formula, "x=1"], tmp_path)
        assert said == "chainrule draw: tanh is a function: write tanh(x)", formula


def test_every_missing_name_is_listed_at_once(tmp_path: Path) -> None:
    said = refusal(["a*x + b*a", "x=1"], tmp_path)
    assert said == (
        "chainrule draw: unknown names a, b: give each as NAME=NUMBER, e.g. a=1.0 (given: x)"
    )


def test_an_unused_variable_is_drawn_with_a_warning(tmp_path: Path) -> None:
    out = tmp_path / "g.dot"
    code, said = quiet(["x*2", "x=3", "z=1", "-o", str(out)])
    assert code == 0
    assert said == [
        "chainrule draw: warning: z=1.0 is given but not used in the formula",
        f"wrote {out}",
    ]
    assert "data 6.0" in out.read_text() and "<B>z</B>" not in out.read_text()


def test_a_formula_starting_with_minus_needs_no_double_dash(tmp_path: Path) -> None:
    out = tmp_path / "g.dot"
    assert quiet(["-x*2", "x=3", "-o", str(out)]) == (0, [f"wrote {out}"])
    assert "data -6.0" in out.read_text()
    # an option after it still counts, and so does one before it
    assert quiet(["-o", str(out), "-tanh(x)", "--flow", "x=0.0"])[0] == 0
    assert "|grad|, log scale" in out.read_text()
    # ... and the real entry point does the same
    out = tmp_path / "main.dot"
    result = chainrule("draw", "-x*2", "x=3", "-o", str(out))
    assert (result.returncode, result.stderr) == (0, "")
    assert "data -6.0" in out.read_text()


def test_syntax_errors_say_where_in_plain_words(tmp_path: Path) -> None:
    said = refusal(["tanh(x * (w + 1)", "x=1", "w=2"], tmp_path)
    assert said.splitlines() == [
        "chainrule draw: cannot read the formula at column 5: this '(' is never closed",
        "    tanh(x * (w + 1)",
        "        ^",
    ]
    assert "ends too soon, after '*'" in refusal(["x *", "x=1"], tmp_path)
    assert "unexpected ':'" in refusal(["x := 1", "x=1"], tmp_path)


# -- issue 14, part 5: the file is what its name says -----------------------------

MAGIC = {
    "svg": (b"<?xml", b"<svg"),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "pdf": (b"%PDF-",),
    "dot": (b"digraph",),
}


def written(tmp_path: Path, *argv: str) -> bytes:
    """The bytes ``draw`` wrote into ``tmp_path``, the empty current folder, having exited 0."""
    code, said = quiet(["tanh(x*w + b)", "x=0.5", "w=-1.0", "b=0.2", *argv])
    assert code == 0, said
    (path,) = tmp_path.iterdir()
    assert said == [f"wrote {path.name}"]
    return path.read_bytes()


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf", "dot"])
def test_the_format_follows_the_extension(
    fmt: str, request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if fmt != "dot":
        request.getfixturevalue("dot_program")  # skipped, or failed in CI, without dot
    monkeypatch.chdir(tmp_path)
    data = written(tmp_path, "-o", f"slide.{fmt.upper()}")
    assert data.startswith(MAGIC[fmt]), data[:20]


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf", "dot"])
def test_without_o_the_file_is_graph_dot_format(
    fmt: str, request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if fmt != "dot":
        request.getfixturevalue("dot_program")
    monkeypatch.chdir(tmp_path)
    assert written(tmp_path, "--format", fmt).startswith(MAGIC[fmt])
    assert (tmp_path / f"graph.{fmt}").exists()


def test_an_svg_by_default(
    dot_program: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert written(tmp_path).startswith(MAGIC["svg"])
    assert (tmp_path / "graph.svg").exists()


def test_format_given_for_a_name_without_extension_is_obeyed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert written(tmp_path, "-o", "graph", "--format", "dot").startswith(b"digraph")


def test_a_format_that_contradicts_the_extension_is_an_error(tmp_path: Path) -> None:
    code, said = quiet(["x", "x=1", "--format", "png", "-o", str(tmp_path / "g.svg")])
    assert (code, said) == (
        2,
        ["chainrule draw: --format png does not match g.svg's extension .svg"],
    )
    code, said = quiet(["x", "x=1", "--format", "svg", "-o", str(tmp_path / "slide.pdf")])
    assert code == 2 and "--format svg does not match slide.pdf's extension .pdf" in said[0]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["g.jpg", "graph", "g.svgz"])
def test_an_unknown_extension_without_format_names_the_known_ones(
    name: str, tmp_path: Path
) -> None:
    code, said = quiet(["x", "x=1", "-o", str(tmp_path / name)])
    assert code == 2 and len(said) == 1
    assert ".svg, .png, .pdf or .dot, or give --format" in said[0] and name in said[0]
    assert list(tmp_path.iterdir()) == []


def png_width(data: bytes) -> int:
    # The IHDR chunk follows the 8-byte signature: length, type, then width, height.
    assert data[12:16] == b"IHDR"
    return int(struct.unpack(">I", data[16:20])[0])


@pytest.mark.needs_dot
def test_dpi_scales_a_png_and_nothing_else(
    dot_program: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    widths = {}
    for dpi in ("96", "192", None):
        out = tmp_path / f"g{dpi}.png"
        argv = ["tanh(x*w + b)", "x=0.5", "w=-1.0", "b=0.2", "-o", str(out)]
        code, said = quiet([*argv, "--dpi", dpi] if dpi else argv)
        assert code == 0, said
        widths[dpi] = png_width(out.read_bytes())
    assert abs(widths["192"] - 2 * widths["96"]) <= 2, widths
    assert widths[None] == widths["192"]  # the default is 192
    # the resolution is the PNG's alone: the DOT text does not carry it
    quiet(["tanh(x*w + b)", "x=0.5", "w=-1.0", "b=0.2", "-o", "g.dot"])
    assert "dpi" not in (tmp_path / "g.dot").read_text()


@pytest.mark.parametrize(
    "argv", [["-o", "g.svg", "--dpi", "300"], ["--format", "dot", "--dpi", "96"]]
)
def test_dpi_with_another_format_is_an_error(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, said = quiet(["x", "x=1", *argv])
    assert code == 2 and len(said) == 1 and "--dpi is for PNG only" in said[0]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("dpi", ["0", "-96", "nan", "abc", "100000"])
def test_dpi_must_be_a_sensible_positive_number(
    dpi: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        quiet(["x", "x=1", "-o", str(tmp_path / "g.png"), f"--dpi={dpi}"])
    assert stop.value.code == 2
    assert "argument --dpi: " in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_dot_file_needs_no_graphviz_package(tmp_path: Path) -> None:
    out = tmp_path / "g.dot"
    result = chainrule("draw", "tanh(x*w)", "x=0.5", "w=-1.0", "-o", str(out), hide_graphviz=True)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    root = evaluate("tanh(x*w)", {"x": 0.5, "w": -1.0})
    root.backward()
    assert out.read_text() == to_dot(root, max_nodes=5000)
    # a picture does need it, and says so, and how a .dot would do without it
    result = chainrule("draw", "x", "x=1", "-o", str(tmp_path / "g.svg"), hide_graphviz=True)
    assert result.returncode == 2  # a missing part, as chainrule demo
    assert "pip install 'chainrule[viz]'" in result.stderr and "FILE.dot" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.dot"]


def test_a_missing_folder_is_named_never_a_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    for fmt in ("dot", "svg"):  # refused before anything is rendered, dot or not
        code, said = quiet(["x", "x=1", "-o", f"out/missing/g.{fmt}"])
        assert (code, said) == (
            2,
            ["chainrule draw: folder out/missing does not exist (create it first)"],
        )
    (tmp_path / "file").write_text("")
    code, said = quiet(["x", "x=1", "-o", "file/g.dot"])
    assert (code, said) == (2, ["chainrule draw: folder file is a file"])
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["file", "out"]


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
        try:
            code = run(
                [formula, "x=0.5", "y=2.0", "--format", "dot", "-o", f"{scratch}/g.dot"],
                echo=said.append,
                warn=said.append,
            )
        except SystemExit as stop:  # the formula is one of draw's options, such as "-h"
            code = stop.code
    assert code in (0, 2)
    for message in said:
        assert_plain(message, quoted=formula)


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


def test_graphviz_failing_exits_1_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import autograd.cli.draw as cli

    def failing(*args: object) -> bytes:
        raise subprocess.CalledProcessError(1, ["dot"], stderr=b"Error: syntax error in line 1")

    monkeypatch.setattr(cli, "picture_bytes", failing)
    code, said = quiet(["x*w", "x=2", "w=3", "-o", str(tmp_path / "g.svg")])
    assert code == 1  # Graphviz is there but failed: not a missing part (2)
    assert said == [
        "chainrule draw: Graphviz's dot failed (exit 1): Error: syntax error in line 1"
    ]
    assert list(tmp_path.iterdir()) == []
