"""The ``chainrule`` command: ``chainrule draw FORMULA`` and ``chainrule demo``.

The command sits above the engine, the pictures and ``nn``: nothing below
imports it. :mod:`autograd.cli.main` reads the command line,
:mod:`autograd.cli.draw` draws a formula (checked by :mod:`autograd.cli.formula`,
its refusals worded by :mod:`autograd.cli.refusals`, its output file checked by
:mod:`autograd.cli.outfile`); ``chainrule demo`` runs :mod:`nn.demo`.
"""

from autograd.cli.main import main

__all__ = ["main"]
