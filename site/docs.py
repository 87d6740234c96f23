"""The documentation pages in ``_site/docs/``: docs/*.md and the API reference, by Sphinx.

Sphinx (with MyST-parser for Markdown and autodoc with napoleon for the
Google-style docstrings) runs in a venv of its own, ``.cache/site/docs-venv``,
made by build.py's ``build_venv`` from site/pins.py's DOCS_TOOLS and
site/docs-constraints.txt. The pages are staged first in
``.cache/site/docs-src/``, the way the site serves them:

- docs/*.md at the top, the benchmark log under ``benchmarks/``, one page
  per public module under ``reference/`` (autodoc), and each lesson, the
  notebook with its stored outputs, under ``lessons/`` (MyST-NB, which never
  runs it here);
- links between those pages stay Markdown links, which Sphinx resolves (a
  missing page or heading fails the build: ``-W --keep-going -n``);
- a link to a notebook becomes the lesson's page, then its lesson in the
  site's JupyterLab ("Try it live") and in Notebook; a lesson's page starts
  with those two links; "notebook 02" in the text links to that lesson in
  JupyterLab;
  a picture is copied beside the pages; a link to a module's source file
  becomes its reference page, any other repository file (the README) its path
  as code, since the site does not serve the repository.

A staged file is rewritten only when its text changes; Sphinx then reads every
page afresh (see ``build_docs``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

from pins import MATHJAX_FILE, MATHJAX_NPM
from runtime import npm_tarball

ROOT = Path(__file__).resolve().parents[1]
#: The docs venv's every package, pinned (pip freeze of DOCS_TOOLS' resolution).
DOCS_CONSTRAINTS = Path(__file__).with_name("docs-constraints.txt")
CONF = Path(__file__).with_name("sphinx")

#: The public modules, one reference page each: docs/api.md names them.
MODULES = [
    "autograd",
    "autograd.viz",
    "autograd.viz.layout.backends",
    "autograd.trace",
    "autograd.gradcheck",
    "autograd.testing",
    "nn",
    "nn.init",
    "nn.losses",
    "nn.optim",
    "nn.data",
    "nn.train",
    "nn.stopping",
]

#: Pages of the repository outside docs/, served under the same path.
EXTRA_PAGES = ["benchmarks/README.md", "benchmarks/results.md"]

#: Where the lessons' pages are staged (and served, under docs/).
LESSONS = "lessons"

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+).*?\1")
# [text](target) or ![alt](target); the text may hold code spans with brackets.
_LINK = re.compile(r"(!?)\[((?:`[^`]*`|\[[^\[\]]*\]|[^\[\]])*)\]\(\s*([^)\s]+)\s*\)")
_NOTEBOOK = re.compile(r"(?<![\w\[>])notebook (\d\d)\b")  # not in a link's text
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:")


def page_paths() -> dict[str, str]:
    """Every page: its path in the repository -> its path among the staged pages."""
    pages = {f"docs/{p.name}": p.name for p in sorted((ROOT / "docs").glob("*.md"))}
    return pages | {page: page for page in EXTRA_PAGES}


def lessons() -> list[str]:
    """The lessons' notebooks, by file name (``01_value_and_backward.ipynb``)."""
    return [p.name for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]


def reference_page(module: str) -> str:
    """The staged path of a module's reference page."""
    return f"reference/{module}.md"


def _relative(target: str, page: str) -> str:
    """``target`` (a staged path) as a link from the staged ``page``."""
    return os.path.relpath(target, os.path.dirname(page) or ".").replace(os.sep, "/")


def lesson_mention(match: re.Match[str], page: str) -> str:
    """A mention of "notebook 02" in a page's text, linked to that lesson in the site's lab."""
    found = sorted((ROOT / "notebooks").glob(f"{match.group(1)}_*.ipynb"))
    if not found:
        return match.group(0)
    up = "../" * (page.count("/") + 1)
    href = f"{up}lab/index.html?path={found[0].name}"
    return f'<a class="try-live" href="{href}" title="Try it live">{match.group(0)}</a>'


def live_links(name: str, page: str) -> str:
    """The lesson ``name`` in the site's JupyterLab and in Notebook, as raw HTML
    (Sphinx leaves it), from the staged ``page``: each ``../`` is a folder up to
    ``_site/``, where the JupyterLite apps are."""
    up = "../" * (page.count("/") + 1)
    lab = f"{up}lab/index.html?path={name}"
    alone = f"{up}notebooks/index.html?path={name}"
    return f'<a class="try-live" href="{lab}">Try it live</a>, <a href="{alone}">in Notebook</a>'


def lesson_links(name: str, text: str, page: str) -> str:
    """A lesson's name, linked to its page, and its two links into the site."""
    return f"[**{text}**]({_relative(f'{LESSONS}/{name}', page)}) ({live_links(name, page)})"


def rewrite_link(match: re.Match[str], source: str, page: str, pages: dict[str, str]) -> str:
    """One Markdown link of the repository's ``source`` file as the staged ``page`` has it."""
    bang, text, target = match.groups()
    if _SCHEME.match(target) or target.startswith("#"):
        return match.group(0)
    path, hash_, anchor = target.partition("#")
    repo = os.path.normpath(os.path.join(os.path.dirname(source), path)).replace(os.sep, "/")
    if repo in pages:
        return f"{bang}[{text}]({_relative(pages[repo], page)}{hash_}{anchor})"
    if repo.startswith("notebooks/") and repo.endswith(".ipynb") and not bang:
        return lesson_links(os.path.basename(repo), text, page)
    if bang and (ROOT / repo).is_file():
        return f"{bang}[{text}]({_relative(repo, page)})"  # stage() copies the picture
    module = repo.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    if repo.endswith(".py") and module in MODULES:
        return f"[{text}]({_relative(reference_page(module), page)})"
    if (ROOT / repo).exists():  # the README: named, as code, since the site has no copy
        return f"`{repo}`" if text == Path(repo).stem else f"{text} (`{repo}`)"
    return match.group(0)  # leads nowhere: Sphinx says so and the build fails


def _hide_code(line: str) -> str:
    """``line`` with each code span's text escaped, so no link is seen inside code."""
    return _CODE_SPAN.sub(lambda m: m.group(0).replace("[", "\x00").replace("(", "\x01"), line)


def _show_code(line: str) -> str:
    """Undo ``_hide_code``."""
    return line.replace("\x00", "[").replace("\x01", "(")


def rewrite_line(line: str, source: str, page: str, pages: dict[str, str]) -> str:
    """A line of Markdown prose from ``source``, its links rewritten for the staged ``page``.

    >>> pages = {"docs/engine.md": "engine.md", "benchmarks/README.md": "benchmarks/README.md"}
    >>> rewrite_line("[The engine](engine.md#errors), `[no](link.md)`", "docs/x.md", "x.md", pages)
    '[The engine](engine.md#errors), `[no](link.md)`'
    >>> rewrite_line("[log](../benchmarks/README.md)", "docs/x.md", "x.md", pages)
    '[log](benchmarks/README.md)'
    >>> rewrite_line("the [README](../README.md)", "docs/x.md", "x.md", pages)
    'the `README.md`'
    >>> print(rewrite_line("[01](../notebooks/01_x.ipynb)", "docs/x.md", "x.md", pages))
    [**01**](lessons/01_x.ipynb) (<a class="try-live" href="../lab/index.html?path=01_x.ipynb">\
Try it live</a>, <a href="../notebooks/index.html?path=01_x.ipynb">in Notebook</a>)
    >>> print(rewrite_line("[02](02_y.ipynb)", "notebooks/01_x.ipynb", "lessons/01_x.ipynb", {}))
    [**02**](02_y.ipynb) (<a class="try-live" href="../../lab/index.html?path=02_y.ipynb">\
Try it live</a>, <a href="../../notebooks/index.html?path=02_y.ipynb">in Notebook</a>)
    """
    line = _LINK.sub(lambda m: rewrite_link(m, source, page, pages), _hide_code(line))
    return _show_code(_NOTEBOOK.sub(lambda m: lesson_mention(m, page), line))


def rewrite_markdown(text: str, source: str, page: str, pages: dict[str, str]) -> str:
    """Markdown from the repository's ``source`` with its links rewritten for ``page``;
    code blocks are left as they are."""
    lines, fenced = [], False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        lines.append(
            line if fenced or _FENCE.match(line) else rewrite_line(line, source, page, pages)
        )
    return "\n".join(lines)


def staged_text(source: str, page: str, pages: dict[str, str]) -> str:
    """The Markdown of the repository's ``source`` page with its links rewritten for ``page``."""
    text = (ROOT / source).read_text(encoding="utf-8")
    return rewrite_markdown(text, source, page, pages) + "\n"


def lesson_intro(name: str, page: str) -> str:
    """The paragraph a lesson's page starts with, under its title."""
    return (
        f"Run this lesson in your browser: {live_links(name, page)}. This page shows it "
        "as committed, with its outputs; the pictures and players here need no kernel."
    )


def staged_notebook(name: str, pages: dict[str, str]) -> str:
    """A lesson's notebook as its page reads it: its Markdown cells' links rewritten
    for the page, and the links to run it under the first cell's title.

    The outputs are the committed ones, untouched: MyST-NB shows them without
    running anything (``nb_execution_mode = "off"`` in conf.py).
    """
    source, page = f"notebooks/{name}", f"{LESSONS}/{name}"
    notebook = json.loads((ROOT / source).read_text(encoding="utf-8"))
    first = True
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = rewrite_markdown("".join(cell["source"]), source, page, pages)
        if first:  # after the title, when the cell starts with one
            title, _, rest = text.partition("\n") if text.startswith("# ") else ("", "", text)
            text = f"{title}\n\n{lesson_intro(name, page)}\n\n{rest}".lstrip("\n")
            first = False
        cell["source"] = text
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def reference_text(module: str) -> str:
    """A module's reference page: its docstring and its public names, by autodoc."""
    extra = "\n.. autofunction:: autograd.sum\n" if module == "autograd" else ""
    return f"# `{module}`\n\n```{{eval-rst}}\n.. automodule:: {module}\n   :members:\n{extra}```\n"


def toctree(entries: list[str], *, hidden: bool, caption: str = "") -> str:
    """A MyST toctree of ``entries`` (staged paths without .md)."""
    options = (":hidden:\n" if hidden else ":maxdepth: 1\n") + (
        f":caption: {caption}\n" if caption else ""
    )
    return "\n```{toctree}\n" + options + "\n" + "\n".join(entries) + "\n```\n"


def staged(pages: dict[str, str]) -> dict[str, str]:
    """Every staged file's text: the pages, the reference and the toctrees."""
    files = {page: staged_text(source, page, pages) for source, page in pages.items()}
    # The home page lists the pages in its order; the rest follow, then the reference.
    home = files["index.md"]
    order = [p for p in re.findall(r"\]\(([^)#\s]+\.md)", home) if p in files and p != "index.md"]
    order += sorted(p for p in files if p not in order and p != "index.md")
    seen = list(dict.fromkeys(order))
    files["index.md"] = home + toctree(
        [p.removesuffix(".md") for p in seen] + ["reference/index"], hidden=True
    )
    # The lessons' pages come under the notebooks page, in the navigation too.
    for name in lessons():
        files[f"{LESSONS}/{name}"] = staged_notebook(name, pages)
    files["notebooks.md"] += toctree(
        [f"{LESSONS}/{name.removesuffix('.ipynb')}" for name in lessons()], hidden=True
    )
    for module in MODULES:
        files[reference_page(module)] = reference_text(module)
    files["reference/index.md"] = (
        "# API reference\n\nEvery public name of `autograd` and `nn`, from its docstring; "
        "[The API at a glance](../api.md) is the summary.\n"
        + toctree([m for m in MODULES], hidden=False)
    )
    return files


def markdown_of(name: str, text: str) -> str:
    """The Markdown of a staged file: a notebook's is its Markdown cells' (its
    outputs, megabytes of base64, are no place to look for links)."""
    if not name.endswith(".ipynb"):
        return text
    cells = json.loads(text)["cells"]
    return "\n".join(cell["source"] for cell in cells if cell["cell_type"] == "markdown")


def stage(folder: Path) -> None:
    """Write the staged pages and pictures into ``folder``, touching only what changed."""
    pages = page_paths()
    files = staged(pages)
    wanted = set(files)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    for name, text in list(files.items()):
        for bang, _, picture in _LINK.findall(markdown_of(name, text)):
            if not bang or _SCHEME.match(picture):
                continue
            repo = os.path.normpath(os.path.join(os.path.dirname(name), picture))
            wanted.add(repo)
            copy = folder / repo
            if not copy.exists() or copy.read_bytes() != (ROOT / repo).read_bytes():
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / repo, copy)
    for path in sorted(folder.rglob("*"), reverse=True):  # a page removed from docs/
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name not in wanted:
            path.unlink()


def mathjax(cache: Path, static: Path) -> None:
    """MathJax (MATHJAX_FILE of MATHJAX_NPM, from npm once) put where the pages load it:
    ``_static/mathjax/``, as conf.py's ``mathjax_path`` says."""
    tarball = npm_tarball(cache, MATHJAX_NPM)
    with tarfile.open(tarball) as archive:
        source = archive.extractfile(f"package/{MATHJAX_FILE}")
        if source is None:
            raise RuntimeError(f"{tarball.name} has no package/{MATHJAX_FILE}")
        (static / "mathjax").mkdir(parents=True, exist_ok=True)
        (static / "mathjax" / Path(MATHJAX_FILE).name).write_bytes(source.read())


def build_docs(python: Path, cache: Path, out: Path) -> int:
    """Build the pages with the docs venv's ``python`` into ``out``; return how many.

    Sphinx runs nitpicky with warnings as errors (``-W --keep-going -n``): a
    link to no page or heading, an unresolved reference or a docstring autodoc
    cannot read fails the build, after all of them are listed. It reads every
    page every time (``-E``, 8 to 11 s with the lessons): from a saved
    environment it would check only the pages that changed, so a failed build
    would pass when run again, and its search index would lose the unchanged
    pages' entries.
    """
    source = cache / "docs-src"
    stage(source)
    # Sphinx writes into the cache, then the pages move to ``out``: MyST-NB puts
    # a copy of the lessons' pictures beside Sphinx's output folder
    # (``jupyter_execute/``), which the site should not serve.
    build = cache / "docs-build"
    for folder in (build, out):
        if folder.exists():
            shutil.rmtree(folder)
    html = build / "html"
    sphinx = [python, "-m", "sphinx", "-b", "html", "-E", "-W", "--keep-going", "-n", "-q"]
    sphinx += ["-c", str(CONF), "-d", str(cache / "docs-doctrees"), str(source), str(html)]
    if subprocess.run(sphinx).returncode != 0:
        raise SystemExit("the documentation pages did not build: see Sphinx's messages above")
    (html / ".buildinfo").unlink(missing_ok=True)  # Sphinx's bookkeeping, not a page
    if (html / "_sources").is_dir() and not any((html / "_sources").iterdir()):
        (html / "_sources").rmdir()  # left empty: the pages' sources are not copied
    mathjax(cache / "npm", html / "_static")
    shutil.move(html, out)
    return len(list(out.rglob("*.html")))
