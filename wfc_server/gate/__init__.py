"""The quality gate: which findings count against a change, and whether it passes.

Pure functions over a review's result: the project's policy (and a repository's ``.wfc.toml``
narrowing it), a baseline's findings, inline and server-side suppressions. The service
(:mod:`wfc_server.service.judge`) gathers those inputs and stores what these functions return.
"""
