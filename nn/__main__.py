"""``python -m nn`` runs the demo (``python -m nn --out DIR``)."""

import sys

from autograd.cli import main

sys.exit(main(["demo", *sys.argv[1:]]))
