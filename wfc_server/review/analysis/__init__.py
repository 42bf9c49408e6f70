"""Shared analysis mechanisms with no rule ids in them (parsing, syntax support)."""
