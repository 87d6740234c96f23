"""The documentation's own links: the README, the pages in docs/ and the benchmark log.

Every relative link and picture points at a file that exists, and every
``#anchor`` at a heading of the page it names, by GitHub's rule for a heading's
anchor. Links to http(s) addresses are not followed (the tests need no network).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md")), ROOT / "benchmarks" / "README.md"]

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")  # [text](target "title")
_IMG = re.compile(r"<img\s[^>]*?src=\"([^\"]+)\"")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


def _prose(text: str) -> Iterator[str]:
    """The lines outside fenced code blocks, code spans blanked."""
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield _CODE_SPAN.sub("``", line)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lowercase, punctuation but '-' and '_' dropped,
    each space a '-'.

    >>> slug("Training small networks: `nn`")
    'training-small-networks-nn'
    >>> slug("Live in Jupyter: the lab and the playground")
    'live-in-jupyter-the-lab-and-the-playground'
    """
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link: its text
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every heading's anchor on a page, a repeated one numbered as GitHub does."""
    found: set[str] = set()
    fenced = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        if heading:
            base = slug(heading.group(2))
            name, n = base, 0
            while name in found:
                n += 1
                name = f"{base}-{n}"
            found.add(name)
    return found


def links(path: Path) -> list[str]:
    """The link and picture targets of a Markdown page, outside code."""
    found = []
    for line in _prose(path.read_text(encoding="utf-8")):
        found += _LINK.findall(line) + _IMG.findall(line)
    return found


def broken_links(path: Path) -> list[str]:
    """The relative links of a page that lead nowhere: a missing file or heading."""
    broken = []
    for target in links(path):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ...: not checked
            continue
        name, _, anchor = target.partition("#")
        linked = (path.parent / name).resolve() if name else path
        if not linked.exists():
            broken.append(f"{target}: no file {linked}")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(f"{target}: no heading #{anchor} in {linked.name}")
    return broken


def test_the_slug_of_a_heading_follows_github() -> None:
    assert slug("The engine") == "the-engine"
    assert slug("`autograd`") == "autograd"
    assert slug("Which program lays pictures out") == "which-program-lays-pictures-out"
    assert slug("Backprop, one step at a time (02)") == "backprop-one-step-at-a-time-02"
    assert slug("snake_case and kebab-case") == "snake_case-and-kebab-case"


def test_the_checker_finds_a_missing_file_a_missing_heading_and_nothing_in_code(
    tmp_path: Path,
) -> None:
    (tmp_path / "other.md").write_text("# Other page\n\n## A part: `x`\n")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n## Same heading\n\n## Same heading\n\n"
        "[ok](other.md) [ok](other.md#a-part-x) [ok](#same-heading-1) [ok](#page)\n"
        "![ok](other.md) [web](https://example.org/missing#nowhere)\n"
        '<img src="missing.svg" alt="a picture">\n'
        "[gone](gone.md) [bad](other.md#no-such-part) [bad](#nothing-here)\n"
        "`[in code](nowhere.md)`\n\n```\n[in a block](nowhere.md)\n# not a heading\n```\n"
    )
    assert broken_links(page) == [
        f"missing.svg: no file {tmp_path / 'missing.svg'}",
        f"gone.md: no file {tmp_path / 'gone.md'}",
        "other.md#no-such-part: no heading #no-such-part in other.md",
        "#nothing-here: no heading #nothing-here in page.md",
    ]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_and_picture_leads_somewhere(page: Path) -> None:
    assert broken_links(page) == []


def test_the_readme_is_a_page_and_links_every_docs_page() -> None:
    # The README is the tour: at most ~250 lines; the manual lives in docs/.
    readme = README.read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    pages = {p.name for p in DOCS.glob("*.md")} - {"index.md"}
    listed = {Path(t).name for t in links(README) if t.startswith("docs/")}
    indexed = {Path(t.partition("#")[0]).name for t in links(DOCS / "index.md")}
    assert pages <= listed and pages <= indexed
    assert "benchmarks/README.md" in links(README)
    assert "benchmarks/results.md" in links(README)
