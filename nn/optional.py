"""The optional parts of an install: how to tell each is there, and the line that adds it.

The base install needs nothing but Python. ``chainrule demo`` does what it can
with what is installed and names each missing part with its install line
(see :mod:`nn.demo`), rather than failing on the first import.

>>> [part.name for part in PARTS]
['tqdm', 'matplotlib', 'the graphviz package', "Graphviz's dot program"]
>>> MATPLOTLIB.install
"pip install 'chainrule[nn]'"
>>> Part("a module no one has", "pip install nothing", module="no_such_module").present()
False
"""

from __future__ import annotations

import importlib.util
import shutil
from dataclasses import dataclass

__all__ = ["DOT", "GRAPHVIZ", "MATPLOTLIB", "PARTS", "TQDM", "Part"]


@dataclass(frozen=True)
class Part:
    """One optional part: a Python module or a program on PATH, and how to install it.

    Attributes:
        name: what a user reads ("matplotlib", "Graphviz's dot program").
        install: the one line that installs it.
        module: the module to import, or None for a program.
        program: the program to find on PATH, or None for a module.
    """

    name: str
    install: str
    module: str | None = None
    program: str | None = None

    def present(self) -> bool:
        """Whether it is installed: the module can be imported, the program is on PATH."""
        if self.module is not None:
            return importlib.util.find_spec(self.module) is not None
        return self.program is not None and shutil.which(self.program) is not None


TQDM = Part("tqdm", "pip install 'chainrule[nn]'", module="tqdm")
MATPLOTLIB = Part("matplotlib", "pip install 'chainrule[nn]'", module="matplotlib")
GRAPHVIZ = Part("the graphviz package", "pip install 'chainrule[viz]'", module="graphviz")
# pip cannot install a program: the package managers that can, and the download page.
DOT = Part(
    "Graphviz's dot program",
    "install Graphviz: 'sudo apt-get install graphviz' (Debian/Ubuntu), "
    "'brew install graphviz' (macOS), or see https://graphviz.org/download/",
    program="dot",
)
#: Every optional part, in the order the demo reports them.
PARTS = (TQDM, MATPLOTLIB, GRAPHVIZ, DOT)
