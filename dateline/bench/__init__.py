"""Benchmarks: TempEval-3 time expressions and tagging speed."""
