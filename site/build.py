"""Build the JupyterLite site in ``_site/`` (``make site``), from package registries only.

Run with any Python >= 3.10: ``python3 site/build.py``. Everything downloaded is
pinned (site/pins.py) and kept in ``.cache/site/`` for the next run: the build
tools' venv, Pyodide's npm tarball and the wheels from PyPI. The steps:

1. the build venv (jupyterlite-core, the Pyodide kernel, anywidget's front end);
2. the project's wheel;
3. Pyodide's runtime, its lock cut down to the wheels the kernel loads, from PyPI,
   plus the project's wheel and tqdm, preloaded so ``import autograd, nn`` and
   ``nn.fit`` need no install;
   and Graphviz in WebAssembly (viz-js), which lays the kernel's pictures out;
4. the site's package index (piplite): comm, anywidget and its kernel side;
5. the notebooks (a widget lesson with its install cell first), and "Start here";
6. ``jupyter lite build``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from landing import landing, workspace
from lessons import put_lessons
from pins import BUILD_TOOLS, DOCS_TOOLS, INDEX_WHEELS
from runtime import npm_tarball, provide, unpack, viz_js
from wheels import project_wheel, pure_wheels

from docs import DOCS_CONSTRAINTS, build_docs

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "site"
OUT = ROOT / "_site"
LANDING = "00_start_here.ipynb"
#: The build venv's every package, pinned (pip freeze of BUILD_TOOLS' resolution).
CONSTRAINTS = Path(__file__).with_name("constraints.txt")
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"


def build_venv(
    venv: Path, tools: list[str] = BUILD_TOOLS, constraints: Path = CONSTRAINTS
) -> Path:
    """The tools' venv, made or updated when ``tools`` or their ``constraints`` changed.

    Returns the venv's python.
    """
    python = venv / "bin" / "python"
    done = venv / ".pins"
    wanted = "\n".join(tools) + "\n" + constraints.read_text()
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    if not done.exists() or done.read_text() != wanted:
        pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "-c", str(constraints), *tools], check=True)
        done.write_text(wanted)
    return python


def lite_config(packages: list[str]) -> dict[str, object]:
    """jupyter-lite.json: preload ``packages`` from the lock; never fall back to PyPI."""
    settings = {"loadPyodideOptions": {"packages": packages}, "disablePyPIFallback": True}
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {"litePluginSettings": {KERNEL_PLUGIN: settings}},
    }


def stage(python: Path, lite: Path) -> list[Path]:
    """Fill the lite folder (runtime, notebooks, config); return the index's wheels."""
    if lite.exists():
        shutil.rmtree(lite)
    own = project_wheel(python, ROOT, CACHE / "dist")
    pyodide = lite / "static" / "pyodide"
    lock = unpack(npm_tarball(CACHE / "npm"), pyodide)
    preload = provide(lock, pyodide, python, CACHE / "wheels" / "kernel", own)
    viz_js(CACHE / "npm", pyodide)  # the build copies only static/pyodide of static/
    files = lite / "files"
    files.mkdir()
    lessons = sorted((ROOT / "notebooks").glob("*.ipynb"))
    put_lessons(lessons, files)
    (files / LANDING).write_text(json.dumps(landing(lessons), indent=1) + "\n")
    (lite / "workspaces").mkdir()
    default = lite / "workspaces" / "default.jupyterlab-workspace"
    default.write_text(json.dumps(workspace(LANDING), indent=1) + "\n")
    (lite / "jupyter-lite.json").write_text(json.dumps(lite_config(preload), indent=1))
    return pure_wheels(python, INDEX_WHEELS, CACHE / "wheels" / "index")


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH if set, else the last commit's time: the site's timestamps.

    Two builds of one commit then give the same files, byte for byte.
    """
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    log = ["git", "-C", str(ROOT), "log", "-1", "--format=%ct"]
    return int(subprocess.run(log, check=True, capture_output=True, text=True).stdout)


def stamp(paths: list[Path], epoch: int) -> None:
    """Date the files (and the files under folders) in ``paths`` to ``epoch``.

    The build clamps newer timestamps to the epoch but keeps older ones, and a
    notebook's or a wheel's date otherwise depends on when it was checked out.
    """
    for path in paths:
        for file in [path, *path.rglob("*")] if path.is_dir() else [path]:
            os.utime(file, (epoch, epoch))


def lite_build(python: Path, lite: Path, wheels: list[Path], epoch: int) -> None:
    """``jupyter lite build`` of ``lite`` into OUT: JupyterLab and Notebook, no sourcemaps."""
    if OUT.exists():
        shutil.rmtree(OUT)
    jupyter = python.parent / "jupyter"
    options = ["--no-sourcemaps", "--no-unused-shared-packages", "--apps", "lab"]
    options += ["--source-date-epoch", str(epoch)]
    options += ["--apps", "notebooks", "--contents", str(lite / "files")]
    for wheel in wheels:
        options += ["--piplite-wheels", str(wheel)]
    subprocess.run(
        [jupyter, "lite", "build", "--lite-dir", str(lite), "--output-dir", str(OUT), *options],
        cwd=lite,
        check=True,
    )


def size_mb(folder: Path) -> float:
    """The total size of the files under ``folder``, in MB (10**6 bytes)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    """Build the site, then its documentation pages; print each one's size and time."""
    start = time.perf_counter()
    python = build_venv(CACHE / "venv")
    lite = CACHE / "lite"
    wheels = stage(python, lite)
    epoch = source_date_epoch()
    stamp([lite, *wheels], epoch)
    lite_build(python, lite, wheels, epoch)
    seconds = time.perf_counter() - start
    print(f"_site/: {size_mb(OUT):.1f} MB, built in {seconds:.0f} s")
    start = time.perf_counter()  # the docs' figures apart: the site's size target excludes them
    pages = build_docs(
        build_venv(CACHE / "docs-venv", DOCS_TOOLS, DOCS_CONSTRAINTS), CACHE, OUT / "docs"
    )
    # GitHub Pages runs Jekyll unless told not to, and Jekyll drops the folders
    # whose names start with "_": the docs' _static and _images.
    (OUT / ".nojekyll").write_text("")
    seconds = time.perf_counter() - start
    print(f"_site/docs/: {size_mb(OUT / 'docs'):.1f} MB, {pages} pages, built in {seconds:.0f} s")


if __name__ == "__main__":
    main()
