"""The site's package list, its ``pyodide-lock.json``: wheels it ships, and numpy on the CDN.

No browser: this reads the built site (rebuilt from this tree when ``make
site``'s cache is there, as in test_site.py) against the lock in Pyodide's npm
package, the one the site's lock is cut from.
"""

from __future__ import annotations

import hashlib
import json
import re
import runpy
import tarfile
from pathlib import Path
from typing import Any

import pytest

from tests.site.conftest import CACHE, ROOT

#: The packages the lessons import that only Pyodide's CDN has.
FROM_CDN = ["numpy", "matplotlib"]


def canonical(name: str) -> str:
    """A package name as Pyodide compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.fixture(scope="module")
def runtime(site: Path) -> Path:
    """The folder the kernel loads Pyodide and its lock from."""
    return site / "static" / "pyodide"


@pytest.fixture(scope="module")
def lock(runtime: Path) -> dict[str, Any]:
    """The site's lock's packages, by canonical name."""
    packages = json.loads((runtime / "pyodide-lock.json").read_text())["packages"]
    return {canonical(key): entry for key, entry in packages.items()}


@pytest.fixture(scope="module")
def npm_lock(runtime: Path) -> dict[str, Any]:
    """The packages of the lock in the npm package of the Pyodide the site serves."""
    version = json.loads((runtime / "package.json").read_text())["version"]
    tarball = CACHE / "npm" / f"pyodide-{version}.tgz"
    if not tarball.exists():
        pytest.skip(f"{tarball} is not in make site's cache")
    with tarfile.open(tarball) as archive:
        source = archive.extractfile("package/pyodide-lock.json")
        assert source is not None
        packages = json.load(source)["packages"]
    return {canonical(key): entry for key, entry in packages.items()}


@pytest.fixture(scope="module")
def cdn(runtime: Path) -> str:
    """Pyodide's CDN for the pinned version, as its own pyodide.mjs spells the URL."""
    version = json.loads((runtime / "package.json").read_text())["version"]
    pinned = runpy.run_path(str(ROOT / "site" / "pins.py"))["PYODIDE_NPM"]
    assert pinned == f"pyodide@{version}"
    template = re.search(
        r"`(https://[^`$]+)\$\{\w+\}(/full/)`", (runtime / "pyodide.mjs").read_text()
    )
    assert template, "pyodide.mjs names no CDN URL"
    return f"{template.group(1)}{version}{template.group(2)}"


def test_every_dependency_is_in_the_lock(lock: dict[str, Any]) -> None:
    missing = {
        (name, dep)
        for name, entry in lock.items()
        for dep in entry["depends"]
        if canonical(dep) not in lock
    }
    assert not missing


def test_numpy_matplotlib_and_their_dependencies_point_at_pyodides_cdn(
    lock: dict[str, Any], npm_lock: dict[str, Any], cdn: str
) -> None:
    needed, stack = set(), list(FROM_CDN)
    while stack:
        name = canonical(stack.pop())
        if name not in needed:
            needed.add(name)
            stack += npm_lock[name]["depends"]
    remote = {name for name in needed if "://" in lock[name]["file_name"]}
    assert {"numpy", "matplotlib"} <= remote
    for name in remote:
        want = npm_lock[name]
        assert lock[name]["file_name"] == cdn + want["file_name"], name
        assert (lock[name]["sha256"], lock[name]["version"]) == (want["sha256"], want["version"])
        assert lock[name]["depends"] == want["depends"], name
    # Nothing else leaves the site: every other entry is a file it ships.
    elsewhere = {name for name, entry in lock.items() if "://" in entry["file_name"]}
    assert elsewhere == remote


def test_every_shipped_wheel_is_in_the_site_with_its_checksum(
    lock: dict[str, Any], runtime: Path
) -> None:
    local = {name: e for name, e in lock.items() if "://" not in e["file_name"]}
    assert {"micropip", "ipython", "chainrule", "six"} <= set(local)
    for name, entry in local.items():
        wheel = runtime / entry["file_name"]
        assert wheel.is_file(), name
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"], name
