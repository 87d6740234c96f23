"""The documentation pages as built in ``_site/docs/`` (``make site``): no link leads nowhere.

Every relative ``href`` and ``src`` of every page must name a file of the built
site (``_site/``, so that "Try it live" reaches the JupyterLite app, and its
``?path=`` a notebook the site holds in ``files/``), and every
``#anchor`` an ``id`` on the page it names. http(s) links are not followed (no
network). The lessons' pages are among them, and each is checked for its "Try
it live" link and its stored outputs; in Chromium, a player on a lesson's page
steps. Without ``_site/docs`` the test is skipped locally and fails in CI.
"""

from __future__ import annotations

import doctest
import importlib.util
import inspect
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

import autograd
import nn
from tests.conftest import missing
from tests.site.serve import serve

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_site"
DOCS = SITE / "docs"


class Links(HTMLParser):
    """A page's ids and the targets of its href and src attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            elif name in ("href", "src") and value is not None:
                self.targets.append(value)


def read(page: Path) -> Links:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def broken(page: Path, site: Path) -> list[str]:
    """The relative links of a built page that lead to no file of ``site`` or no id."""
    found = []
    for target in read(page).targets:
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith(("mailto:", "javascript:")):
            continue  # http(s) and the like: not followed
        path = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or not path.is_relative_to(site.resolve()):
            found.append(f"{page.relative_to(site)}: {target}: no file")
        elif "path=" in parts.query and not (site / "files" / parts.query[5:]).is_file():
            found.append(f"{page.relative_to(site)}: {target}: no notebook")  # JupyterLite's
        elif parts.fragment and unquote(parts.fragment) not in read(path).ids:
            found.append(f"{page.relative_to(site)}: {target}: no id")
    return found


def test_the_checker_finds_a_missing_file_and_a_missing_id(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "lab").mkdir()
    (tmp_path / "lab" / "index.html").write_text("<p>lab</p>")
    (tmp_path / "docs" / "other.html").write_text('<h1 id="top">x</h1>')
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "a.ipynb").write_text("{}")
    page = tmp_path / "docs" / "page.html"
    page.write_text(
        '<p id="here"><a href="other.html#top">ok</a> <a href="#here">ok</a>'
        '<a href="../lab/index.html?path=a.ipynb">ok</a> <a href="https://x.org/y">web</a>'
        '<a href="../lab/index.html?path=b.ipynb">bad</a>'
        '<a href="gone.html">bad</a> <a href="other.html#nowhere">bad</a>'
        '<img src="pic.svg"> <a href="../../outside.html">bad</a></p>'
    )
    (tmp_path.parent / "outside.html").write_text("")
    assert broken(page, tmp_path) == [
        "docs/page.html: ../lab/index.html?path=b.ipynb: no notebook",
        "docs/page.html: gone.html: no file",
        "docs/page.html: other.html#nowhere: no id",
        "docs/page.html: pic.svg: no file",
        "docs/page.html: ../../outside.html: no file",
    ]


def test_the_examples_of_site_docs_py_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """site/ is not among pytest's doctest paths: its link rewriting's examples run here."""
    monkeypatch.syspath_prepend(str(ROOT / "site"))  # its modules import each other, as build.py
    spec = importlib.util.spec_from_file_location("site_docs", ROOT / "site" / "docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    failed, tried = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert (failed, tried > 0) == (0, True)


@pytest.fixture(scope="module")
def pages() -> list[Path]:
    if not (DOCS / "index.html").exists():
        missing("the documentation pages built in _site/docs/", "make site")
    return sorted(DOCS.rglob("*.html"))


def test_every_link_of_the_documentation_pages_resolves(pages: list[Path]) -> None:
    assert [problem for page in pages for problem in broken(page, SITE)] == []


def test_every_page_of_docs_and_every_lesson_is_there(pages: list[Path]) -> None:
    built = {page.relative_to(DOCS).as_posix() for page in pages}
    for source in sorted((ROOT / "docs").glob("*.md")):
        assert f"{source.stem}.html" in built
    lessons = read(DOCS / "notebooks.html").targets
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"lessons/{notebook.stem}.html" in lessons
        assert f"../lab/index.html?path={notebook.name}" in lessons
        assert f"../notebooks/index.html?path={notebook.name}" in lessons
    assert {"reference/autograd.html", "reference/nn.html"} <= built


_TRY_LIVE = re.compile(r'<a class="try-live" href="([^"]+)">Try it live</a>')


@pytest.mark.parametrize(
    "notebook", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda path: path.stem
)
def test_each_lesson_has_a_page_starting_with_try_it_live(
    pages: list[Path], notebook: Path
) -> None:
    """The page's first link, before any cell, opens this very notebook in the
    site's JupyterLab; and the page shows the notebook's stored outputs: each
    player, each picture, each chart (a PNG, written beside the pages)."""
    page = DOCS / "lessons" / f"{notebook.stem}.html"
    assert page in pages
    html = page.read_text(encoding="utf-8")
    article = html[html.index("<article") :]
    live = _TRY_LIVE.search(article)
    assert live is not None and live.start() < article.index('<div class="cell')
    target = urlsplit(live.group(1))
    assert (page.parent / target.path).resolve() == (SITE / "lab" / "index.html").resolve()
    assert target.query == f"path={notebook.name}"
    assert (SITE / "files" / notebook.name).is_file()
    outputs = [
        output.get("data", {})
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for output in cell.get("outputs", [])
    ]
    for data in outputs:
        player = re.search(r'class="cr-player" id="([\w-]+)"', "".join(data.get("text/html", "")))
        if player:
            assert f'id="{player.group(1)}"' in article
    charts = sum("image/png" in data for data in outputs)
    assert len(re.findall(r'<img [^>]*src="\.\./_images/[0-9a-f]+\.png"', article)) == charts
    pictures = sum("<img" in "".join(data.get("text/html", "")) for data in outputs)
    assert article.count('src="data:image/svg+xml;base64,') >= pictures


@pytest.mark.browser
def test_a_player_on_a_lesson_page_steps(pages: list[Path], chromium: Any) -> None:
    """The players' scripts, stored in lesson 02's outputs, run on its page:
    Next and Prev move through the steps, with no error."""
    with serve(SITE) as (url, _):
        page = chromium.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + "docs/lessons/02_step_through_backprop.html")
        player = page.locator(".cr-player").first
        counter = player.locator(".cr-counter")
        assert counter.inner_text() == "start"
        player.locator(".cr-next").click()
        player.locator(".cr-next").click()
        assert counter.inner_text() == "step 2 of 5"
        assert player.locator(".cr-caption").inner_text().startswith("Step 2 of 5: p2 = x2 * w2")
        player.locator(".cr-prev").click()
        assert counter.inner_text() == "step 1 of 5"
        assert page.locator(".cr-live").count() == 4  # every player of the lesson runs
        assert errors == []
        page.close()


def test_the_reference_documents_every_public_name(pages: list[Path]) -> None:
    """Each name of ``autograd.__all__`` (and ``autograd.sum``) and ``nn.__all__``
    has an entry: ``autograd.Value``, a module's ``module-nn.data``, or, for a
    name its package shares with a submodule, ``autograd.gradcheck.gradcheck``."""
    ids = set().union(*(read(page).ids for page in pages if "reference" in page.parts))
    for package, names in (("autograd", [*autograd.__all__, "sum"]), ("nn", nn.__all__)):
        for name in names:
            if inspect.ismodule(getattr(sys.modules[package], name)):
                entries = {f"module-{package}.{name}"}
            else:
                entries = {f"{package}.{name}", f"{package}.{name}.{name}"}
            assert entries & ids, f"{package}.{name} is not in the API reference"


def test_github_pages_would_serve_the_folders_starting_with_an_underscore(
    pages: list[Path],
) -> None:
    # Jekyll (GitHub Pages' default) drops _static/ and _images/ unless .nojekyll is there.
    underscored = {p.name for p in DOCS.iterdir() if p.name.startswith("_")}
    assert underscored >= {"_static"}
    assert (SITE / ".nojekyll").is_file()
