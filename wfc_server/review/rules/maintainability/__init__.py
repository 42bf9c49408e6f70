"""Maintainability rules: one module per rule concept."""
