"""Workload 4: bytes and GC-tracked objects per node, and freeing without the collector.

Bytes come from :mod:`tracemalloc` (everything allocated while the graph is
built and still alive after), GC-tracked objects from the growth of
``gc.get_objects()``; both are divided by the number of nodes built. The
cycle collector is off while measuring, so nothing is freed behind our back.

>>> from benchmarks.graphs import chain
>>> size = per_node(lambda: chain(100), lambda root: 301)
>>> size.nodes, size.objects <= 2.0
(301, True)
>>> freed_by_refcount(lambda: chain(100)).freed
True
"""

from __future__ import annotations

import gc
import tracemalloc
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Size:
    """Memory per node of one graph."""

    nodes: int
    bytes: float
    objects: float


def per_node(build: Callable[[], Any], new_nodes: Callable[[Any], int]) -> Size:
    """Build a graph with ``build()`` and measure it per node.

    ``new_nodes(root)`` says how many nodes ``build`` created (graph nodes
    minus any leaves that existed before).
    """
    gc.collect()
    gc.disable()
    try:
        objects_before = len(gc.get_objects())
        tracemalloc.start()
        start = tracemalloc.get_traced_memory()[0]
        root = build()
        allocated = tracemalloc.get_traced_memory()[0] - start
        tracemalloc.stop()
        objects = len(gc.get_objects()) - objects_before
        nodes = new_nodes(root)
    finally:
        gc.enable()
    return Size(nodes, allocated / nodes, objects / nodes)


@dataclass(frozen=True)
class Freed:
    """What happened to a dropped graph with the cycle collector off."""

    freed: bool  # a weakref to the root died at ``del``
    cyclic: int  # objects the cycle collector found afterwards


def freed_by_refcount(build: Callable[[], Any]) -> Freed:
    """Drop a freshly built graph with the collector off; see whether it died."""
    gc.collect()
    gc.disable()
    try:
        root = build()
        ref = weakref.ref(root)
        del root
        freed = ref() is None
    finally:
        gc.enable()
    return Freed(freed, gc.collect())
