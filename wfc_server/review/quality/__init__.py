"""Shared rule code for the correctness, performance, maintainability and reliability reviewers.

Python rules come from ruff (one run per input, shared by the reviewers) plus AST checks for what
ruff lacks; JavaScript, TypeScript, Go and Java rules are ast-grep patterns; complexity comes from
lizard. Each reviewer module picks the findings of its own role.
"""
