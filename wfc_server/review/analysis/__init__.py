"""Shared analysis mechanisms with no rule ids in them: parsing and syntax support, control flow
over tree-sitter trees, and building a finding from a registry rule. Rules live in ``review/rules``."""
