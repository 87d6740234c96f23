"""The views: Python state turned into named JSON frames (one schema module, frames).

The step-through player (steps, walk_layout, player, player_page), the live lab
(lab_door, lab_inputs, lab_view, lab_widget), the palette and paint the front
ends apply, the widgets' shared parts and the ES-module joiner (widgets, esm),
and the matplotlib charts (charts, flow). It imports the scene and the layout.
"""
