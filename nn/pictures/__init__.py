"""Pictures of a model: the network diagram (:mod:`nn.pictures.draw`), read from the model
by :mod:`nn.pictures.network`, written as DOT by :mod:`nn.pictures.network_dot`, with its
key (:mod:`nn.pictures.legend`) and, on request, each unit's heatmap
(:mod:`nn.pictures.heatmaps`, placed by :mod:`nn.pictures.heat_picture`).

They import ``nn``'s models; nothing in ``nn``'s models imports them when it
loads (``nn.draw_network`` and ``Module.draw_network`` import them when called).
"""
