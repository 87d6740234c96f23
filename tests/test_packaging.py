"""The package as pip installs it: sdist and wheel built, the wheel installed alone.

One sdist and one wheel are built offline from this tree (the wheel from the
sdist, as a user's pip would), and the wheel installed with ``--no-index`` into
a fresh venv with nothing else in it: the base install, which needs no network
since it has no dependencies. Everything runs from a folder outside the tree.
"""

from __future__ import annotations

import email
import os
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import missing

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Built:
    sdist: Path
    wheel: Path


@dataclass(frozen=True)
class BaseInstall:
    """A venv holding the wheel and nothing else; ``run`` works in a folder outside the tree."""

    bin: Path
    work: Path

    def run(
        self, *argv: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        program = str(self.bin / argv[0])
        return subprocess.run(
            [program, *argv[1:]],
            cwd=self.work,
            capture_output=True,
            text=True,
            timeout=180,
            env=env or _clean_env(),
        )


def _clean_env() -> dict[str, str]:
    # No PYTHONPATH: the tree must not leak into the venv's imports.
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sdist and the wheel, built without network (``build --no-isolation``)."""
    import importlib.util

    for module in ("build", "hatchling"):
        if importlib.util.find_spec(module) is None:
            missing(f"the {module} package", "make test  (or: .venv/bin/pip install -e '.[dev]')")
    dist = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)]
    subprocess.run(command, check=True, capture_output=True, timeout=300, env=_clean_env())
    (sdist,) = dist.glob("chainrule-*.tar.gz")
    (wheel,) = dist.glob("chainrule-*.whl")
    return Built(sdist, wheel)


@pytest.fixture(scope="session")
def base_install(built: Built, tmp_path_factory: pytest.TempPathFactory) -> BaseInstall:
    """The wheel alone in a fresh venv, installed by this pip with ``--no-index``."""
    venv = tmp_path_factory.mktemp("venv")
    # No pip inside (ensurepip takes seconds): this interpreter's pip installs into it.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = ["-m", "pip", "--python", str(python), "--disable-pip-version-check"]
    subprocess.run(
        [sys.executable, *install, "install", "--quiet", "--no-index", str(built.wheel)],
        check=True,
        timeout=120,
    )
    return BaseInstall(venv / "bin", tmp_path_factory.mktemp("work"))


def test_the_wheel_ships_both_packages_their_types_the_player_and_the_command(
    built: Built,
) -> None:
    with zipfile.ZipFile(built.wheel) as wheel:
        names = set(wheel.namelist())
        info = "chainrule-0.1.0.dist-info"
        metadata = email.message_from_bytes(wheel.read(f"{info}/METADATA"))
        entry_points = wheel.read(f"{info}/entry_points.txt").decode()
    assert {"autograd/py.typed", "nn/py.typed"} <= names
    # Every front end the widgets and the player load at run time, found in the tree.
    assets = {
        str(path.relative_to(ROOT))
        for package in ("autograd", "nn")
        for path in (ROOT / package).rglob("*")
        if path.suffix in (".js", ".css")
    }
    front_ends = ("player.js", "lab.js", "stage.js", "viewport.js", "labels.js")
    assert {f"autograd/viz/web/{name}" for name in front_ends} <= assets
    assert {"nn/widgets/playground.js", "nn/widgets/canvases.js"} <= assets
    assert assets <= names
    assert {"autograd/__init__.py", "autograd/cli/main.py", f"{info}/licenses/LICENSE"} <= names
    layers = ("scene", "layout", "views", "web")
    assert {f"autograd/viz/{layer}/__init__.py" for layer in layers} <= names
    assert not [n for n in names if n.startswith(("tests/", "notebooks/", "benchmarks/"))]
    assert "chainrule = autograd.cli:main" in entry_points
    assert metadata["Summary"].startswith("A scalar reverse-mode autograd engine")
    assert metadata["License-Expression"] == "MIT" and metadata["License-File"] == "LICENSE"
    assert metadata["Requires-Python"] == ">=3.10"
    assert "Typing :: Typed" in metadata.get_all("Classifier")
    extras = set(metadata.get_all("Provides-Extra"))
    assert {"viz", "nn", "testing", "notebooks", "lab", "all", "dev"} <= extras
    # The base install needs nothing: every dependency belongs to an extra.
    assert all("extra ==" in d for d in metadata.get_all("Requires-Dist"))
    assert metadata.get_payload().startswith("# chainrule")  # the README, as the long description


def test_the_sdist_holds_the_source_tree_and_none_of_what_a_clone_makes(built: Built) -> None:
    with tarfile.open(built.sdist) as sdist:
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    assert {"pyproject.toml", "README.md", "LICENSE", "Makefile", "PKG-INFO"} <= names
    assert {"autograd/viz/web/player.js", "nn/py.typed", "tests/conftest.py"} <= names
    assert "notebooks/src/01_value_and_backward.py" in names
    # The manual's pages, whose doctests `make test` runs: docs/ and the benchmark log.
    assert {"docs/index.md", "docs/engine.md", "benchmarks/README.md"} <= names
    made = (".venv/", "out/", ".ipynb_checkpoints", "__pycache__", ".pytest_cache", "dist/")
    # Whole folder names only: autograd/viz/layout/ is source, though it ends in "out/".
    assert not [n for n in names if any(f"/{part}" in f"/{n}/" for part in made)]
    assert "autograd/viz/layout/svg.py" in names


def test_the_installed_wheel_imports_and_draws_outside_the_source_tree(
    base_install: BaseInstall,
) -> None:
    where = base_install.run(
        "python", "-c", "import autograd, nn; print(autograd.__file__); print(nn.__file__)"
    )
    assert where.returncode == 0, where.stderr
    for file in where.stdout.split():
        assert Path(file).is_relative_to(base_install.bin.parent), file
    drawn = base_install.run("chainrule", "draw", "x*w", "x=2.0", "w=3.0", "-o", "x.dot")
    assert drawn.returncode == 0, drawn.stderr
    assert drawn.stdout == "wrote x.dot\n"
    dot = (base_install.work / "x.dot").read_text()
    # one * node: two operand edges in and one out; data 6.0, x's grad is w = 3.0
    assert dot.startswith("digraph {") and dot.count("->") == 3
    assert "6.0" in dot and "3.0" in dot


def test_without_extras_testing_and_drawing_say_what_to_install(
    base_install: BaseInstall,
) -> None:
    testing = base_install.run("python", "-c", "import autograd.testing")
    assert testing.returncode == 1
    assert testing.stderr.splitlines()[-1] == (
        "ImportError: autograd.testing needs hypothesis: pip install 'chainrule[testing]'"
    )
    # In Pyodide (the site) hypothesis is shipped but loaded when a cell imports it.
    pyodide = "import sys; sys.platform = 'emscripten'; import autograd.testing"
    in_the_site = base_install.run("python", "-c", pyodide)
    assert in_the_site.stderr.splitlines()[-1] == (
        "ImportError: autograd.testing needs hypothesis: run `import hypothesis` in a cell "
        "first (the site loads it when a cell imports it)"
    )
    drawn = base_install.run("chainrule", "draw", "x*w", "x=2.0", "w=3.0", "-o", "x.svg")
    assert drawn.returncode == 2 and "Traceback" not in drawn.stderr
    assert drawn.stderr.count("\n") == 1
    assert "pip install 'chainrule[viz]'" in drawn.stderr


def test_the_demo_with_the_base_install_writes_the_dot_text_and_names_each_missing_part(
    base_install: BaseInstall,
) -> None:
    result = base_install.run("chainrule", "demo", "-o", "out")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "final loss" in result.stdout and "training:" not in result.stderr  # no bar
    assert sorted(p.name for p in (base_install.work / "out").iterdir()) == ["neuron.dot"]
    lines = result.stderr.splitlines()
    assert lines[:3] == [
        "chainrule demo: tqdm is missing, so skipped: the progress bar; "
        "pip install 'chainrule[nn]'",
        "chainrule demo: matplotlib is missing, so skipped: loss and accuracy per epoch; "
        "decision boundary over the data; |grad| per layer, median and range; "
        "pip install 'chainrule[nn]'",
        "chainrule demo: the graphviz package is missing, so skipped: the neuron's graph: SVG, "
        "PNG; the network, trained and saturated, gradients of one batch; one example's loss "
        "graph, gradient flow; step through the neuron's backward pass, in a browser; "
        "pip install 'chainrule[viz]'",
    ]
    # Graphviz's dot may be on this machine or not: named only when it is missing.
    assert len(lines) in (4, 5) and all(line.startswith("chainrule demo: ") for line in lines)
    assert (
        lines[-1] == "chainrule demo: wrote 1 file to out, without the parts above (exit status 2)"
    )
