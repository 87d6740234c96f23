"""The Jupyter harness (tests/jupyter_server.py, tests/jupyter.py) in JupyterLab 4 and Notebook 7.

One probe notebook, opened untrusted in each front end, shows what users meet:
a stored output keeps its HTML but loses its script, a live output runs its
script, and an output's own keydown listener may or may not hear the arrow keys.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pytest

import tests.jupyter_server
from tests.jupyter import (
    JupyterError,
    JupyterFolder,
    cell_outputs,
    is_trusted,
    jupyter_server,
    open_notebook,
    run_cell,
)

pytestmark = pytest.mark.browser

SCRIPT = '<script>document.currentScript.parentNode.setAttribute("data-ran","1")</script>'
LIVE = f"from IPython.display import HTML; HTML('<p class=\"probe-live\">live</p>{SCRIPT}')"
# A focusable output that notes the keys it hears: from its own listener in
# data-keys, from a capturing listener on window (which runs before any
# listener on document) in data-window-keys. The braces keep `const` local, as
# every output's script runs in the page's one global scope.
KEYS = '''from IPython.display import HTML
HTML("""<div class="keys" tabindex="0">keys</div><script>{
const div = document.currentScript.previousElementSibling;
const note = (name, e) => div.setAttribute(name, (div.getAttribute(name) || "") + e.key);
div.addEventListener("keydown", e => note("data-keys", e));
window.addEventListener(
  "keydown", e => document.activeElement === div && note("data-window-keys", e), true
);
}</script>""")'''

#: Whether an output's own keydown listener hears ArrowRight: Lab 4 handles its
#: shortcuts as the event bubbles up to document, Notebook 7 as it is captured
#: there, and stops it, since ArrowRight is a command-mode shortcut in both.
OWN_LISTENER_HEARS = {"lab": "ArrowRight", "notebook": None}


def probe_notebook(folder: Path) -> str:
    """Write the probe notebook into ``folder``, untrusted; return its file name.

    Cells: 0 markdown, 1 a stored HTML output with a script, 2 a live HTML output
    with a script, 3 the key listener.
    """
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    stored = new_output("display_data", data={"text/html": f'<p class="probe">stored</p>{SCRIPT}'})
    notebook = new_notebook(
        cells=[
            new_markdown_cell("# Probe"),
            new_code_cell("x = 1", execution_count=1, outputs=[stored]),
            new_code_cell(LIVE),
            new_code_cell(KEYS),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    nbformat.write(notebook, folder / "probe.ipynb")
    return "probe.ipynb"


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A fresh page, big enough to show the whole probe notebook."""
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    yield page
    page.close()


@pytest.mark.parametrize("ui", ["lab", "notebook"])
def test_stored_scripts_stay_dead_live_ones_run(
    jupyter: JupyterFolder, page: Any, ui: Literal["lab", "notebook"]
) -> None:
    open_notebook(page, jupyter.url(probe_notebook(jupyter.root), ui))
    assert page.locator(".jp-MarkdownCell h1").inner_text().startswith("Probe")
    stored = cell_outputs(page, 1)
    assert stored.inner_text() == "stored"
    # The sanitizer dropped the script of the untrusted output: it never ran.
    assert stored.locator("script").count() == 0 and stored.get_attribute("data-ran") is None
    assert not is_trusted(page)

    run_cell(page, 2)
    live = cell_outputs(page, 2)
    assert live.inner_text() == "live"
    # currentScript.parentNode is the output node itself, Lumino's .jp-OutputArea-output.
    assert live.get_attribute("data-ran") == "1"
    assert not is_trusted(page)  # cell 1's stored output is still untrusted

    run_cell(page, 3)
    keys = cell_outputs(page, 3).locator(".keys")
    keys.click()
    page.keyboard.press("ArrowRight")
    assert keys.get_attribute("data-window-keys") == "ArrowRight"
    assert keys.get_attribute("data-keys") == OWN_LISTENER_HEARS[ui]

    run_cell(page, 1)  # its output is now this session's own: the whole notebook is trusted
    assert cell_outputs(page, 1).count() == 0
    assert is_trusted(page)


def test_server_stops_with_its_kernels_even_when_the_test_fails(
    jupyter_installed: None, tmp_path: Path
) -> None:
    with pytest.raises(RuntimeError, match="fails"), jupyter_server(tmp_path) as server:
        spec = server.api("GET", "kernelspecs")["kernelspecs"]["python3"]["spec"]
        assert spec["argv"][0] == sys.executable
        server.api("POST", "kernels")
        (kernel,) = server.child_pids()  # the kernel, and no other child
        assert b"ipykernel_launcher" in Path(f"/proc/{kernel}/cmdline").read_bytes()
        assert f"Serving notebooks from local directory: {tmp_path}" in server.log()
        raise RuntimeError("the test fails inside the block")
    assert server.process.returncode is not None
    assert not alive(kernel)
    assert not server.log_path.exists()  # the temporary Jupyter folders are gone


def test_server_that_exits_at_once_is_reported_with_its_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crash = [sys.executable, "-c", "import sys; print('no such option'); sys.exit(2)"]
    monkeypatch.setattr(tests.jupyter_server, "_command", lambda root, token: crash)
    with (
        pytest.raises(JupyterError, match=r"exited with 2 (.|\n)*no such option"),
        jupyter_server(tmp_path),
    ):
        pass
