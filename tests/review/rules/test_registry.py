"""The rule registry: one declaration per id, real documentation, fixtures for every claim."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from tests.review.rules.marked import all_fixtures
from wfc_server.gate.judge import BARE_RULE, UNKNOWN_RULE
from wfc_server.review.quality.ruff_rules import RUFF_RULES
from wfc_server.review.rules import Role, Rule, Severity, registry
from wfc_server.review.rules.maintainability.suppression_comments import GATE
from wfc_server.review.security.catalog import rules_by_concept
from wfc_server.review.tools.bandit import BANDIT_RULES

RULES = list(registry())
_FIXTURES = all_fixtures()


def _module_folder(rule: Rule) -> tuple[str, str]:
    return rule.role.value, rule.concept.replace("-", "_")


def test_ids_are_unique_and_well_formed() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    prefix = {Role.SECURITY: "SEC", Role.CORRECTNESS: "COR", Role.PERFORMANCE: "PERF",
              Role.MAINTAINABILITY: "MAINT", Role.RELIABILITY: "REL"}
    for rule in RULES:
        assert re.fullmatch(rf"WFC-{prefix[rule.role]}-[A-Z0-9]+(-[A-Z0-9]+)*", rule.id), rule.id


def test_a_second_declaration_of_an_id_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import types

    registry_module = importlib.import_module("wfc_server.review.rules.registry")

    twice = types.SimpleNamespace(__name__="twice", RULES=(RULES[0],))
    once = types.SimpleNamespace(__name__="once", RULES=(RULES[0],))
    monkeypatch.setattr(registry_module, "_rule_modules", lambda: iter([once, twice]))
    with pytest.raises(ValueError, match="declared twice"):
        registry_module.registry.__wrapped__()


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_documented(rule: Rule) -> None:
    doc = rule.doc
    for field, least in ((doc.what, 20), (doc.why, 20), (doc.fix, 10)):
        assert len(field) >= least and field.strip() == field, (rule.id, field)
    assert doc.what != doc.why != doc.fix
    assert doc.example.strip() and len(doc.example) >= 6
    assert len(rule.title) >= 8 and not rule.title.endswith(".")
    assert rule.cwe is None or re.fullmatch(r"CWE-\d+", rule.cwe)
    for language in rule.languages - {"any"}:
        assert len(rule.suggestion_for(language)) >= 10


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_claimed_language_has_a_bad_and_an_ok_fixture(rule: Rule) -> None:
    here = [f for f in _FIXTURES if (f.role, f.concept) == _module_folder(rule)]
    bad_languages = {f.language for f in here if f.kind == "bad" and any(e.rule_id == rule.id for e in f.expectations)}
    ok_languages = {f.language for f in here if f.kind == "ok"}
    claimed = rule.languages
    if GATE in rule.tags:  # reported by the quality gate from suppression comments, not by a reviewer
        assert rule.id in {BARE_RULE, UNKNOWN_RULE} and not here, rule.id
        return
    if "any" in claimed:
        assert bad_languages and ok_languages, rule.id
        return
    assert claimed <= bad_languages, f"{rule.id}: no bad fixture for {sorted(claimed - bad_languages)}"
    assert claimed <= ok_languages, f"{rule.id}: no ok fixture for {sorted(claimed - ok_languages)}"


def test_fixtures_sit_in_a_rule_folder_and_mark_registered_ids() -> None:
    folders = {_module_folder(rule) for rule in RULES}
    for fixture in _FIXTURES:
        assert (fixture.role, fixture.concept) in folders, fixture.name
        for expectation in fixture.expectations:
            assert expectation.rule_id in registry(), (fixture.name, expectation.rule_id)


def test_every_tool_code_maps_to_a_registered_rule() -> None:
    for code, check in RUFF_RULES.items():
        assert check.rule_id in registry(), code
    for code, bandit in BANDIT_RULES.items():
        assert registry()[bandit.rule_id].role is Role.SECURITY, code


def test_each_security_concept_has_exactly_one_rule() -> None:
    by_concept: dict[str, list[str]] = defaultdict(list)
    for rule in registry().by_role(Role.SECURITY):
        by_concept[rule.concept].append(rule.id)
    assert all(len(ids) == 1 for ids in by_concept.values()), by_concept
    assert set(rules_by_concept()) == set(by_concept)


def test_blocking_rules_are_security_rules_that_default_to_high_or_worse() -> None:
    blocking = [rule for rule in RULES if rule.blocking]
    assert {"WFC-SEC-SQLI", "WFC-SEC-CMDI", "WFC-SEC-CODEI", "WFC-SEC-XSS"} <= {r.id for r in blocking}
    assert all(r.role is Role.SECURITY and r.severity.rank >= Severity.HIGH.rank for r in blocking)


def test_advice_speaks_the_language_of_the_file() -> None:
    for rule_id in ("WFC-SEC-CMDI", "WFC-SEC-CODEI", "WFC-SEC-XSS"):
        rule = registry()[rule_id]
        for language in ("javascript", "typescript", "go", "java"):
            advice = rule.suggestion_for(language)
            assert not re.search(r"shlex|literal_eval|markupsafe|html\.escape", advice), (rule_id, language)
