"""Benchmarks: a synthetic-data generator, a plain-MkDocs floor, and `python -m bench.run`."""
