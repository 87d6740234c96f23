"""The scene: what a picture says, as data and text.

How each node and edge looks (annotate, colors, captions), how a network folds
into neurons (fold, wiring, sizing), the boxes and the DOT text (boxes, body,
dot), and where a picture is shown (places). It imports the engine and nothing
above it in ``autograd.viz``: no ``layout``, no ``views``, no Graphviz package
and no subprocess; building a picture's text never runs anything.
"""
