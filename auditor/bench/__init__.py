"""Benchmarks: each prints throughput and a ratio against a reference run side by side."""
