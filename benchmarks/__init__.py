"""chainrule's benchmark suite: ``make bench`` (or ``python -m benchmarks``).

Every workload runs chainrule side by side with micrograd 0.1.0 (and, for the
MLP step, a hand-written pure-Python step with no graph: the limit), in one
process, interleaved round by round, under default interpreter settings.
Medians and ratios go to the terminal and to ``benchmarks/results.md``.

Modules: :mod:`~benchmarks.data` (two moons, weights), :mod:`~benchmarks.mlp`
(the three training steps), :mod:`~benchmarks.graphs` (chains and sums),
:mod:`~benchmarks.memory` (bytes and GC objects per node),
:mod:`~benchmarks.timing` (interleaved rounds), :mod:`~benchmarks.suite`
(the workloads), :mod:`~benchmarks.report` (machine, tables, results.md).
"""
