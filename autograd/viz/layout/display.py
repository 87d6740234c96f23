"""What Jupyter is given for a picture: the SVG, the same SVG as an ``<img>``, or the DOT text.

IPython's ``_repr_mimebundle_`` offers several forms and lets the front end
choose: JupyterLab renders ``image/svg+xml`` only in trusted notebooks (a fresh
clone is not) but keeps an ``<img>`` with a data URL in any ``text/html``.
Without Graphviz, the install hint and the DOT text are shown instead.
"""

from __future__ import annotations

import base64
import html

from autograd.viz.layout.limits import INSTALL_DOT
from autograd.viz.scene import colors


def image_url(svg: str) -> str:
    """An SVG document as a ``data:`` URL, for an ``<img>`` (which every renderer keeps).

    >>> image_url("<svg/>")
    'data:image/svg+xml;base64,PHN2Zy8+'
    """
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def picture_bundle(svg: str, alt: str = "computation graph") -> dict[str, str]:
    """What Jupyter shows for a picture: the SVG, and the same SVG as an ``<img>`` in HTML.

    JupyterLab renders ``image/svg+xml`` only in trusted notebooks (a fresh
    clone is not), but keeps an ``<img>`` with a data URL in any ``text/html``;
    and a front end that picks HTML first then shows the same picture.

    >>> sorted(picture_bundle("<svg/>"))
    ['image/svg+xml', 'text/html', 'text/plain']
    """
    return {
        "image/svg+xml": svg,
        "text/html": (
            f'<img alt="{html.escape(alt)}" src="{image_url(svg)}" style="max-width:100%">'
        ),
        "text/plain": f"<{alt}: a picture>",
    }


def fallback_bundle(source: str, hint: str = INSTALL_DOT) -> dict[str, str]:
    """What Jupyter shows without ``dot``: the hint (default: how to install it) and the DOT text.

    >>> bundle = fallback_bundle("digraph { a }")
    >>> sorted(bundle), "apt-get install graphviz" in bundle["text/plain"]
    (['text/html', 'text/plain'], True)
    """
    return {
        "text/plain": f"{hint}\n\n{source}",
        "text/html": (
            f'<div><p style="color:{colors.ALARM}">{html.escape(hint)}</p>'
            f"<details><summary>DOT source</summary><pre>{html.escape(source)}</pre>"
            "</details></div>"
        ),
    }


__all__ = ["fallback_bundle", "image_url", "picture_bundle"]
