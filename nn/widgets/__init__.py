"""The playground, ``nn``'s live widget: it imports the models, and ``nn`` imports it only
when ``nn.playground`` is first used.

:mod:`nn.widgets.playground` checks the arguments and makes the widget
(:mod:`nn.widgets.playground_widget`, ``playground.js``), which trains with
:mod:`nn.widgets.trainer` and draws with :mod:`nn.widgets.playground_view` and
:mod:`nn.widgets.network_view`; the settings and their checks are in
:mod:`nn.widgets.playground_settings`; where it trains while playing (a thread,
or an asyncio task where threads are unavailable) is :mod:`nn.widgets.runner`.
"""
