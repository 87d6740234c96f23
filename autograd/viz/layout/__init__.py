"""The layout: the one place a scene becomes geometry.

The DOT text is laid out by the chosen backend (backends: Graphviz's ``dot``
program, graphviz_program, by default) under a time limit (limits), wrapped as
a ``Drawing`` (drawing, render) shown in Jupyter (display), and the SVG tagged
for the front ends (svg). It imports the scene, never the views.
"""
