"""The rule reference: `wfc-server rules` and the committed docs/rules.md match the registry."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from wfc_server.review.rules import registry
from wfc_server.review.rules.reference import render_markdown

DOCS = Path(__file__).resolve().parents[3] / "docs" / "rules.md"


def test_committed_rules_md_is_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_markdown(registry()), (
        "docs/rules.md is stale: run `wfc-server rules --format markdown > docs/rules.md`"
    )


def test_every_rule_has_an_anchor_in_rules_md() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert all(f"### {rule.id}\n" in text for rule in registry())


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wfc_server", "rules", *args],
                          capture_output=True, text=True, timeout=60, check=False)


def test_cli_lists_every_rule_as_json_and_one_rule_by_id() -> None:
    listed = json.loads(_cli("--format", "json").stdout)
    assert [r["id"] for r in listed] == [r.id for r in registry()]
    assert all(r["doc"]["what"] and r["languages"] for r in listed)
    one = _cli("wfc-sec-sqli")
    assert one.returncode == 0 and "WFC-SEC-SQLI" in one.stdout and "SQL injection" in one.stdout
    missing = _cli("WFC-NOPE")
    assert missing.returncode == 2 and "no rule WFC-NOPE" in missing.stderr
