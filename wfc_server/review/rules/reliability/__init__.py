"""Reliability rules: one module per rule concept."""
