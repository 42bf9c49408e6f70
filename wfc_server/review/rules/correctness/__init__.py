"""Correctness rules: one module per rule concept."""
