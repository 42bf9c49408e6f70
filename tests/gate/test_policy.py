"""Policy validation, globs, and how .wfc.toml may only narrow a project's policy."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError

from wfc_server.gate.globs import GlobError, compile_glob, matches
from wfc_server.gate.policy import DEFAULT, PROJECT, Policy, PolicySchema, narrow, policy_from


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.min.js", "static/js/app.min.js", True),
        ("*.min.js", "app.js", False),
        ("vendor/", "vendor/lib/a.go", True),
        ("vendor/", "src/vendor.go", False),
        ("src/**/gen_*.py", "src/gen_a.py", True),
        ("src/**/gen_*.py", "src/x/y/gen_a.py", True),
        ("src/*.py", "src/x/a.py", False),
        ("/docs/*.md", "docs/a.md", True),
        ("a?.py", "ab.py", True),
        ("[x].py", "[x].py", True),
    ],
)
def test_globs(pattern: str, path: str, expected: bool) -> None:
    assert matches(pattern, path) is expected


def test_bad_globs_are_refused() -> None:
    for pattern in ("", " x", "a\x00b", "x" * 501):
        with pytest.raises(GlobError):
            compile_glob(pattern)


def test_schema_defaults_and_errors() -> None:
    policy = policy_from(PolicySchema().load({}))
    assert policy == Policy()
    with pytest.raises(ValidationError) as info:
        PolicySchema().load({"disabled_rules": ["WFC-SEC-SQLI", "WFC-GONE"], "colour": "red"})
    assert "WFC-GONE" in str(info.value.messages) and "colour" in info.value.messages


def test_repository_file_may_only_make_the_gate_stricter() -> None:
    project = Policy(mode="warn", fail_on="high", new_findings_only=True)
    toml = """
[gate]
mode = "block"
fail_on = "medium"
new_findings_only = false
disabled_rules = ["WFC-SEC-SQLI"]
ignore_paths = ["**"]
colour = "red"

[gate.severity_overrides]
WFC-PERF-STR-CONCAT = "high"
WFC-NOPE = "low"

[other]
x = 1
"""
    narrowed = narrow(project, False, toml, ".wfc.toml@main")
    assert narrowed.policy.mode == "block" and narrowed.policy.fail_on == "medium"
    assert narrowed.policy.new_findings_only is False and narrowed.policy.disabled_rules == ()
    assert narrowed.policy.severity_floors == {"WFC-PERF-STR-CONCAT": "high"}
    assert narrowed.provenance["mode"] == ".wfc.toml@main" and narrowed.provenance["disabled_rules"] == PROJECT
    text = "\n".join(narrowed.warnings)
    for word in ("disabled_rules", "ignore_paths", "colour", "WFC-NOPE", "'other'"):
        assert word in text


def test_loosening_is_refused_with_a_warning() -> None:
    narrowed = narrow(Policy(mode="block", fail_on="medium", new_findings_only=False), False,
                      '[gate]\nmode = "report"\nfail_on = "critical"\nnew_findings_only = true\n', ".wfc.toml@main")
    assert narrowed.policy == Policy(mode="block", fail_on="medium", new_findings_only=False)
    assert len(narrowed.warnings) == 3 and all("loosen" in w for w in narrowed.warnings)


def test_broken_file_is_reported_not_silently_ignored() -> None:
    narrowed = narrow(Policy(), True, "[gate\nmode=", ".wfc.toml@main")
    assert narrowed.policy == Policy() and "not valid TOML" in narrowed.warnings[0]
    assert narrowed.provenance["mode"] == DEFAULT
