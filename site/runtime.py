"""Pyodide's runtime from npm, with the lock rewritten to the wheels the site ships.

The npm package ``pyodide`` holds the interpreter (wasm, stdlib) and a
``pyodide-lock.json`` that names ~350 packages it does not contain (they live
on Pyodide's CDN). The site ships only what the kernel loads from that lock,
taken from PyPI at the lock's versions; the lock keeps just those entries, with
their file names and checksums rewritten to the downloaded wheels, plus the
project's own wheel and PRELOAD (tqdm), which the kernel loads as it starts,
so ``import autograd, nn`` and ``nn.fit`` need no install.

CDN_ROOTS (numpy, matplotlib) and their dependencies are not on PyPI for
Pyodide: the lock keeps their entries with ``file_name`` the wheel's URL on
PYODIDE_CDN, so a cell that imports them fetches them from there, when online
(the kernel calls ``loadPackagesFromImports`` on each cell; Pyodide resolves a
``file_name`` against the lock's folder, so an absolute URL stays as it is, and
checks the wheel against the entry's sha256). Nothing of them is shipped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from pins import (
    CDN_ROOTS,
    KERNEL_ROOTS,
    ON_IMPORT,
    PRELOAD,
    PYODIDE_CDN,
    PYODIDE_FILES,
    PYODIDE_NPM,
    VIZ_FILE,
    VIZ_NPM,
)
from wheels import pure_wheels, sha256


def npm_tarball(cache: Path, spec: str = PYODIDE_NPM) -> Path:
    """The npm package ``spec`` (``name@version``)'s tarball, packed into ``cache`` once.

    ``npm pack`` names a scoped package's tarball without its ``@`` and with ``-``
    for ``/``: ``@viz-js/viz@3.31.0`` is ``viz-js-viz-3.31.0.tgz``.
    """
    name, version = spec.rsplit("@", 1)
    tarball = cache / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    if not tarball.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", "--silent", spec], cwd=cache, check=True)
    return tarball


def viz_js(cache: Path, dest: Path) -> Path:
    """Graphviz in WebAssembly (viz-js's ES module, VIZ_FILE) put in ``dest``; its path.

    The kernel imports it from there when it first lays a picture out
    (``autograd.viz.layout.wasm``).
    """
    tarball = npm_tarball(cache, VIZ_NPM)
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as archive:
        source = archive.extractfile(f"package/{VIZ_FILE}")
        if source is None:
            raise RuntimeError(f"{tarball.name} has no package/{VIZ_FILE}")
        (dest / Path(VIZ_FILE).name).write_bytes(source.read())
    return dest / Path(VIZ_FILE).name


def unpack(tarball: Path, dest: Path) -> dict[str, Any]:
    """Put the runtime's files (PYODIDE_FILES) into ``dest``; return the package's lock."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    with tarfile.open(tarball) as archive:
        for name in PYODIDE_FILES:
            source = archive.extractfile(f"package/{name}")
            if source is None:
                raise RuntimeError(f"{tarball.name} has no package/{name}")
            (dest / name).write_bytes(source.read())
        lock = archive.extractfile("package/pyodide-lock.json")
        if lock is None:
            raise RuntimeError(f"{tarball.name} has no pyodide-lock.json")
        result: dict[str, Any] = json.load(lock)
        return result


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(lock: dict[str, Any], roots: list[str]) -> list[str]:
    """The lock's keys for ``roots`` and everything they depend on, sorted."""
    by_name = {_canonical(key): key for key in lock["packages"]}
    seen: set[str] = set()
    stack = [by_name[_canonical(root)] for root in roots]
    while stack:
        key = stack.pop()
        if key not in seen:
            seen.add(key)
            stack += [by_name[_canonical(d)] for d in lock["packages"][key]["depends"]]
    return sorted(seen)


def kernel_packages(lock: dict[str, Any]) -> list[str]:
    """The lock's keys for KERNEL_ROOTS and everything they depend on, sorted."""
    return closure(lock, KERNEL_ROOTS)


def cdn_packages(lock: dict[str, Any], shipped: set[str]) -> dict[str, Any]:
    """Lock entries for CDN_ROOTS and their dependencies not in ``shipped``, on PYODIDE_CDN.

    Each is the npm lock's entry (its sha256 too) with ``file_name`` made the
    wheel's URL on the CDN; a dependency the site ships keeps its local entry.
    """
    keys = [key for key in closure(lock, CDN_ROOTS) if key not in shipped]
    entries = {key: lock["packages"][key] for key in keys}
    return {
        key: entry | {"file_name": PYODIDE_CDN + entry["file_name"]}
        for key, entry in entries.items()
    }


def provide(lock: dict[str, Any], dest: Path, python: Path, cache: Path, own: Path) -> list[str]:
    """Ship the kernel's wheels, ``own`` (the project's) and PRELOAD in ``dest``; write the lock.

    The lock also names ON_IMPORT's wheels, shipped and loaded when imported, and
    CDN_ROOTS' wheels, on Pyodide's CDN (``cdn_packages``).
    Returns the names to preload: the project's and PRELOAD's.
    """
    keys = kernel_packages(lock)
    specs = [f"{key}=={lock['packages'][key]['version']}" for key in keys]
    packages = {}
    for key, wheel in zip(keys, pure_wheels(python, specs, cache), strict=True):
        shutil.copy2(wheel, dest / wheel.name)
        packages[key] = lock["packages"][key] | {"file_name": wheel.name, "sha256": sha256(wheel)}
    preload = {"chainrule": (own, ["autograd", "nn"])}
    for spec, wheel in zip(PRELOAD, pure_wheels(python, PRELOAD, cache), strict=True):
        name = spec.split("==")[0]
        preload[name] = (wheel, [name])
    for name, (wheel, imports) in preload.items():
        shutil.copy2(wheel, dest / wheel.name)
        packages[name] = _entry(name, wheel, imports)
    for spec, wheel in zip(ON_IMPORT, pure_wheels(python, list(ON_IMPORT), cache), strict=True):
        name = spec.split("==")[0]
        shutil.copy2(wheel, dest / wheel.name)
        packages[name] = _entry(name, wheel, [name], ON_IMPORT[spec])
    lock["packages"] = packages | cdn_packages(lock, set(packages))
    (dest / "pyodide-lock.json").write_text(json.dumps(lock, indent=1) + "\n")
    return list(preload)


def _entry(
    name: str, wheel: Path, imports: list[str], depends: list[str] | None = None
) -> dict[str, Any]:
    """A pure-Python wheel as a pyodide-lock.json entry (``depends``: lock names)."""
    return {
        "name": name,
        "version": wheel.name.split("-")[1],
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256(wheel),
        "package_type": "package",
        "imports": imports,
        "depends": depends or [],
    }
