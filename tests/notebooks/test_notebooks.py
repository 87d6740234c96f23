"""The committed notebooks are current: built from today's sources, executed, with their pictures.

``make test`` also executes every notebook in a fresh kernel (nbmake, see
``notebooks/conftest.py``); these tests check what is *committed*, so an edited
source or an API change without ``make notebooks`` fails here.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

import pytest

jupytext = pytest.importorskip("jupytext", reason="needs the notebooks extra")
nbformat = pytest.importorskip("nbformat", reason="needs the notebooks extra")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"

#: What each notebook's committed outputs must contain: output MIME types, or
#: text that must appear in some output. A new notebook adds one line here.
EXPECTED: dict[str, tuple[str, ...]] = {
    "00_from_the_articles": ("image/svg+xml", "dE/dy = -0.60", "1,048,576 paths"),
    "01_value_and_backward": ("image/svg+xml", "dL/dx = 21.0"),
    "02_step_through_backprop": ("text/html", "<Stepper backward, 9 frames>", "= 2e"),
    "03_train_an_mlp": ("image/png", "image/svg+xml", "training: 100%"),
    "04_check_your_gradients": ("image/png", "gradcheck failed for 1 of 2 inputs"),
    "05_higher_order": ("image/svg+xml", "Hessian at (1, 1)"),
    "06_what_makes_training_work": (
        "image/png",
        "image/svg+xml",
        "RuntimeWarning: every gradient",
    ),
    "07_overfitting_and_regularisation": ("image/png", "training: 100%", "stopped: 'plateau'"),
    "08_live_lab": ("text/html", "do/dw = ", "step 50 · loss "),
    "09_build_your_own_engine": ("text/html", "image/svg+xml", "kept one share", "passes"),
    "10_inside_training": ("image/svg+xml", "Adam, step 101", "from dot (the weighted sum"),
    "11_lessons_with_the_playground": ("text/html", "; on x1·x2 ", "the same weights: True"),
}


def _build_module() -> Any:
    spec = importlib.util.spec_from_file_location("notebook_build", NOTEBOOKS / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _build_module()
SOURCES = build.sources()
NAMES = [s.stem for s in SOURCES]


def _committed(name: str) -> Any:
    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)


def _outputs(nb: Any) -> list[Any]:
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]


def _texts(nb: Any) -> list[str]:
    texts = []
    for o in _outputs(nb):
        if o.output_type == "stream":
            texts.append(o.text)
        elif "text/plain" in o.get("data", {}):
            texts.append(o.data["text/plain"])
    return texts


def test_every_source_has_a_committed_notebook_and_back() -> None:
    committed = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    assert NAMES, "no notebook sources found in notebooks/src"
    assert committed == NAMES, "run `make notebooks` (or remove the stray .ipynb)"


@pytest.mark.parametrize("name", NAMES)
def test_committed_cells_are_what_the_source_builds(name: str) -> None:
    built = build.build(build.SOURCES / f"{name}.py")
    nb = _committed(name)
    want = [(c.cell_type, c.id, c.source) for c in built.cells]
    have = [(c.cell_type, c.id, c.source) for c in nb.cells]
    assert have == want, f"{name}.ipynb is stale: run `make notebooks`"


@pytest.mark.parametrize("name", NAMES)
def test_every_code_cell_ran_in_order_without_error(name: str) -> None:
    code = [c for c in _committed(name).cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{name}: {[(e.ename, e.evalue) for e in errors]}"


@pytest.mark.parametrize("name", NAMES)
def test_outputs_hold_no_run_specific_noise(name: str) -> None:
    nb = _committed(name)
    assert "version" not in nb.metadata.get("language_info", {})
    for cell in nb.cells:
        assert "execution" not in cell.metadata  # no timing
    for text in _texts(nb):
        assert " at 0x" not in text and "\r" not in text


@pytest.mark.parametrize("name", NAMES)
def test_outputs_contain_what_the_notebook_shows(name: str) -> None:
    assert name in EXPECTED, f"add {name!r} to EXPECTED in {__file__}"
    nb = _committed(name)
    kinds = {kind for o in _outputs(nb) for kind in o.get("data", {})}
    texts = "\n".join(_texts(nb))
    for wanted in EXPECTED[name]:
        if "/" in wanted and " " not in wanted:
            assert wanted in kinds, f"{name}: no {wanted} output"
        else:
            assert wanted in texts, f"{name}: no output shows {wanted!r}"


@pytest.mark.parametrize("name", NAMES)
def test_every_picture_has_a_form_an_untrusted_notebook_shows(name: str) -> None:
    # JupyterLab shows neither image/svg+xml nor inline SVG, <style> or <script>
    # in an untrusted notebook (a fresh clone): each picture must also come as
    # an <img> in text/html, and HTML must hold no SVG outside its scripts.
    for output in _outputs(_committed(name)):
        data = output.get("data", {})
        if "image/svg+xml" in data:
            assert '<img alt="' in data.get("text/html", ""), f"{name}: an SVG with no <img>"
        if "text/html" in data:
            outside = re.sub(r"<script>.*?</script>", "", data["text/html"], flags=re.S)
            assert "<svg" not in outside and "<style" not in outside, name


@pytest.mark.parametrize("name", NAMES)
def test_widgets_are_stored_as_their_static_snapshots_only(name: str) -> None:
    # A live view needs the kernel that made it: stored, a trusted notebook
    # would show "Loading widget..." in place of the snapshot.
    nb = _committed(name)
    assert "widgets" not in nb.metadata
    for output in _outputs(nb):
        assert build.WIDGET_VIEW not in output.get("data", {}), name


def test_notebooks_run_on_this_interpreter() -> None:
    from jupyter_client.manager import KernelManager

    command = KernelManager(kernel_name=build.KERNELSPEC["name"]).format_kernel_cmd()
    assert Path(command[0]).resolve() == Path(sys.executable).resolve()


# -- the build script's own helpers ----------------------------------------------------


def test_collapse_redraws_keeps_the_last_redraw_of_each_line() -> None:
    text = "\rbar   0%|\rbar  50%|\rbar 100%|\r\ndone\n"
    assert build.collapse_redraws(text) == "bar 100%|\ndone\n"


def test_tidy_joins_a_stream_and_drops_addresses() -> None:
    outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="\rstep 1"),
        nbformat.v4.new_output("stream", name="stderr", text="\rstep 2\n"),
        nbformat.v4.new_output("execute_result", data={"text/plain": "<Digraph at 0x7f00ab>"}),
        nbformat.v4.new_output("stream", name="stderr", text="\r"),
    ]
    tidied = build.tidy(outputs)
    assert [o.get("text") for o in tidied] == ["step 2\n", None]
    assert tidied[1].data["text/plain"] == "<Digraph>"


def test_cell_ids_follow_the_text_so_one_edit_changes_one_id(tmp_path: Path) -> None:
    source = tmp_path / "demo.py"
    source.write_text("# %%\nx = 1\n\n# %%\nx = 1\n\n# %% [markdown]\n# hi\n")
    first = [c.id for c in build.build(source).cells]
    assert len(set(first)) == 3  # a repeated cell still gets its own id
    source.write_text("# %%\nx = 2\n\n# %%\nx = 1\n\n# %% [markdown]\n# hi\n")
    second = [c.id for c in build.build(source).cells]
    assert first[0] != second[0] and first[2] == second[2]
