"""The front ends: plain ES modules and their CSS, shipped as package data, no Python.

``stage.js`` (mount, index tags, fit, zoom, keys) is the one stage; ``player.js``
and ``lab.js`` wire frames onto it, with ``labels.js`` and ``viewport.js``. The
views read these files with :mod:`importlib.resources` (``autograd.viz.web``).
"""
