"""Python: an f-string with no placeholder whose text names a local's attribute (braces forgotten).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

FSTRING_MISSING_BRACES = Rule(
    id="WFC-COR-FSTRING-NO-BRACES",
    role=Role.CORRECTNESS,
    severity=Severity.LOW,
    title="f-string names a variable but has no placeholder",
    concept="fstring-no-braces",
    languages=frozenset({"python"}),
    cwe="CWE-684",
    confidence=70,
    doc=RuleDoc(
        what="An f-string (or implicitly joined f-strings) with no `{...}` at all, whose text contains "
        "`name.attr` where `name` is a parameter or local of the function.",
        why="The `f` prefix says a value was meant to be interpolated; without braces the message shows "
        "the expression's source text (`parsed_args.max_redirects`) instead of its value, so the "
        "user is told something useless (CWE-684: the output is not the one specified).",
        example="env.log_error(\n    f'Too many redirects'\n    f' (--max-redirects=parsed_args.max_redirects).'\n)",
        fix="Wrap the expression in braces: `f' (--max-redirects={parsed_args.max_redirects}).'`.",
    ),
    suggestions={"python": "f' (--max-redirects={parsed_args.max_redirects}).'"},
)

RULES = (FSTRING_MISSING_BRACES,)
