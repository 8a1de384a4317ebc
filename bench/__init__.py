"""Benchmarks, run as modules: ``python -m bench.scoring``, ``python -m bench.compare``, ...

Each prints medians (and p95s) measured in one run together with a baseline
measured in the same run, and their ratio. Timing never appears in tests.
"""
