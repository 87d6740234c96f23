"""Wheels for the site: the project's own, and pure-Python ones from PyPI."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from pins import PYODIDE_PYTHON


def project_wheel(python: Path, root: Path, out: Path) -> Path:
    """Build chainrule's wheel from ``root`` into ``out`` (emptied first); return its path.

    hatchling comes from the build venv (--no-build-isolation), so nothing is
    downloaded for this step.
    """
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.whl"):
        old.unlink()
    pip = [python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run([*pip, str(root), "-w", str(out)], check=True)
    (wheel,) = out.glob("chainrule-*.whl")
    return wheel


def pure_wheels(python: Path, specs: list[str], cache: Path) -> list[Path]:
    """Download ``name==version`` pure-Python wheels for Pyodide's Python into ``cache``.

    A wheel already in the cache is not downloaded again (each spec is pinned,
    so its file never changes).
    """
    cache.mkdir(parents=True, exist_ok=True)
    found = {spec: _cached(cache, spec) for spec in specs}
    missing = [spec for spec, path in found.items() if path is None]
    if missing:
        pip = [python, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:"]
        pure = ["--python-version", PYODIDE_PYTHON, "--implementation", "py", "--abi", "none"]
        subprocess.run([*pip, *pure, "--platform", "any", "-d", str(cache), *missing], check=True)
    paths = [_cached(cache, spec) for spec in specs]
    if None in paths:
        raise RuntimeError(f"pip download gave no wheel for some of {specs} in {cache}")
    return [p for p in paths if p is not None]


def _cached(cache: Path, spec: str) -> Path | None:
    """The wheel for ``name==version`` in ``cache``, if there is one."""
    name, version = spec.split("==")
    stem = name.replace("-", "_").lower()
    for wheel in cache.glob("*.whl"):
        dist, wversion = wheel.name.split("-")[:2]
        if dist.lower() == stem and wversion == version:
            return wheel
    return None


def sha256(path: Path) -> str:
    """The file's SHA-256, as pyodide-lock.json records it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
