"""The playground, ``nn``'s live widget: it imports the models, and ``nn`` imports it only
when ``nn.playground`` is first used.

:mod:`nn.widgets.playground` checks the arguments and makes the widget
(:mod:`nn.widgets.playground_widget`, ``playground.js``), which trains with
:mod:`nn.widgets.trainer` and draws with :mod:`nn.widgets.playground_view` and
:mod:`nn.widgets.network_view`; the settings and their checks are in
:mod:`nn.widgets.playground_settings`, the data's (a named set or the user's
``(X, y)``, and the task its targets ask for) in :mod:`nn.widgets.playground_data`;
where it trains while playing (a thread, or an asyncio task where threads are
unavailable) is :mod:`nn.widgets.runner`.
"""
