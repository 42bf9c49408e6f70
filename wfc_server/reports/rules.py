"""What a report says about a rule: the rule reference when the id is registered, else the finding.

The rule registry (``wfc_server.review.rules.registry()``) is the single source of titles,
documentation, CWEs and default severities. Not every id the engine emits is registered yet, so a
report never fails on an unknown id: it falls back to the finding's own title and description.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any



@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    title: str
    role: str
    severity: str  # the rule's default severity
    cwe: str | None
    summary: str  # one or two sentences: what it finds
    help_text: str  # plain text: what, why, example, fix
    help_markdown: str
    registered: bool


def rule_info(rule_id: str, finding: dict[str, Any]) -> RuleInfo:
    """Metadata for ``rule_id``; ``finding`` (any finding of that rule) fills the gaps."""
    from wfc_server.review.rules import registry  # the engine package is heavy; the client rarely needs it

    rule = registry().get(rule_id)
    if rule is not None:
        doc = rule.doc
        cwe = rule.cwe or finding.get("cwe")
        text = (
            f"{doc.what}\n\nWhy it matters: {doc.why}\n\nExample:\n    {doc.example}\n\nFix: {doc.fix}"
        )
        markdown = (
            f"**{rule.title}** ({rule.id}{', ' + cwe if cwe else ''})\n\n{doc.what}\n\n"
            f"### Why it matters\n{doc.why}\n\n### Example\n```\n{doc.example}\n```\n\n### Fix\n{doc.fix}\n"
        )
        return RuleInfo(rule.id, rule.title, str(rule.role), str(rule.severity), cwe, doc.what, text,
                        markdown, True)
    title = str(finding.get("title") or rule_id)
    description = str(finding.get("description") or title)
    suggestion = str(finding.get("suggestion") or "")
    cwe = finding.get("cwe")
    text = description + (f"\n\nFix: {suggestion}" if suggestion else "")
    markdown = (
        f"**{title}** ({rule_id}{', ' + cwe if cwe else ''})\n\n{description}\n"
        + (f"\n### Fix\n{suggestion}\n" if suggestion else "")
    )
    return RuleInfo(rule_id, title, str(finding.get("category") or finding.get("reviewer") or ""),
                    str(finding.get("severity") or "medium"), cwe, description, text, markdown, False)


def rule_name(rule_id: str) -> str:
    """SARIF's ``name``: an identifier-like form of the id (``WFC-SEC-SQLI`` -> ``WfcSecSqli``)."""
    parts = [p for p in rule_id.replace(":", "-").replace("_", "-").split("-") if p]
    return "".join(p[:1].upper() + p[1:].lower() for p in parts) or "Rule"
