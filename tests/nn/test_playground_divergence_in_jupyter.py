"""A diverged playground in a real JupyterLab at 1280x800: why, and the way out (issue 29).

A learner plays a setting that diverges (linear units at learning rate 10: the
logits double and flip until a weighted sum overflows, at step 9), sees under the
buttons which op first gave a non-finite value, in which unit, at which step and
learning rate, clicks "Reset with learning rate ÷ 10", sees the learning rate's
control say 1 and the step go back to 0, and plays again without a divergence.
Screenshots go to the test's tmp_path.
"""

from __future__ import annotations

from typing import Any

import nbformat
import pytest

from tests.jupyter import JupyterFolder, cell_outputs, open_notebook, run_cell

pytest.importorskip("anywidget", reason="needs anywidget (the widgets extra)")
pytestmark = [pytest.mark.browser, pytest.mark.needs_dot]

from nn import playground  # noqa: E402

NAME = "diverges.ipynb"
SOURCE = "from nn import playground\npg = playground([8, 8], lr=10, activation='linear')\npg"
#: The smallest text a learner must read, in CSS pixels as rendered.
SMALLEST = 11.0

# The error line and the button under it: text, shown, font size in CSS pixels.
_SEEN = """el => {
  const error = el.querySelector(".cr-pg-error"), lower = el.querySelector(".cr-pg-lower");
  const shown = (n) => !n.hidden && n.getBoundingClientRect().height > 0;
  return { error: error.innerText, errorShown: shown(error), lower: lower.textContent,
    lowerShown: shown(lower), size: parseFloat(getComputedStyle(error).fontSize),
    lowerSize: parseFloat(getComputedStyle(lower).fontSize),
    lr: el.querySelector("select[name=lr]").value, step: el.getAttribute("data-step") };
}"""


def expected_error() -> str:
    """The message of the same run in this process (training is deterministic)."""
    pg = playground([8, 8], lr=10, activation="linear")
    with pytest.raises(FloatingPointError) as info:
        pg.train(100)
    return str(info.value)


def test_a_diverged_playground_names_the_op_and_resets_with_a_tenth_of_the_rate(
    chromium: Any, jupyter: JupyterFolder, tmp_path: Any
) -> None:
    want = expected_error()
    assert (
        "\nStep 9 re-run under detect_anomaly: the first non-finite value is nan, from dot" in want
    )
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(SOURCE)]
    nbformat.write(notebook, jupyter.root / NAME)
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    try:
        open_notebook(page, jupyter.url(NAME))
        run_cell(page, 0, timeout=180)
        pg = cell_outputs(page, 0).locator(".cr-pg")
        pg.locator(".cr-pg-net svg").wait_for()
        pg.scroll_into_view_if_needed()
        assert not pg.evaluate(_SEEN)["lowerShown"]  # no divergence, no button
        pg.locator(".cr-pg-play").click()
        pg.locator(".cr-pg-lower").wait_for(state="visible", timeout=60_000)
        seen = pg.evaluate(_SEEN)
        page.screenshot(path=str(tmp_path / "diverged.png"))
        # Where the learner looks: the two lines of the message, as the kernel wrote them.
        assert seen["errorShown"] and seen["error"] == want
        assert seen["lower"] == "Reset with learning rate \u00f7 10" and seen["lowerShown"]
        assert seen["step"] == "8" and seen["lr"] == "10"
        assert min(seen["size"], seen["lowerSize"]) >= SMALLEST
        pg.locator(".cr-pg-lower").click()
        page.wait_for_function(
            "el => el.querySelector('select[name=lr]').value === '1' && "
            "el.getAttribute('data-step') === '0'",
            arg=pg.element_handle(),
        )
        seen = pg.evaluate(_SEEN)
        assert not seen["errorShown"] and not seen["lowerShown"] and seen["step"] == "0"
        page.screenshot(path=str(tmp_path / "reset.png"))
        pg.locator(".cr-pg-play").click()  # training resumes, at learning rate 1
        page.wait_for_function(
            "el => Number(el.getAttribute('data-step')) >= 30",
            arg=pg.element_handle(),
            timeout=60_000,
        )
        pg.locator(".cr-pg-play").click()
        page.wait_for_timeout(500)
        seen = pg.evaluate(_SEEN)
        page.screenshot(path=str(tmp_path / "resumed.png"))
        assert not seen["errorShown"] and seen["lr"] == "1" and int(seen["step"]) >= 30
    finally:
        page.close()
