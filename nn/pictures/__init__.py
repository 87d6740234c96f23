"""Pictures of a model: the network diagram (:mod:`nn.pictures.draw`), laid out from
:mod:`nn.pictures.network`, with its key (:mod:`nn.pictures.legend`).

They import ``nn``'s models; nothing in ``nn``'s models imports them when it
loads (``nn.draw_network`` and ``Module.draw_network`` import them when called).
"""
