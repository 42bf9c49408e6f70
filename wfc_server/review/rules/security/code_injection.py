"""Code injection via dynamic evaluation: 1 rule (WFC-SEC-CODEI).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


CODEI = Rule(
    id="WFC-SEC-CODEI",
    role=Role.SECURITY,
    severity=Severity.CRITICAL,
    title="Code injection via dynamic evaluation",
    concept="code-injection",
    languages=frozenset({"javascript", "python", "typescript"}),
    cwe="CWE-94",
    confidence=80,
    blocking=True,
    doc=RuleDoc(
        what=(
            "Data reaches a function that evaluates it as code (eval, exec, new Function, a script engine)."
        ),
        why=(
            "Whoever controls the value runs their own code inside the process, with full access to "
            "its data and credentials (code injection, CWE-94)."
        ),
        example='eval(request.args["expr"])',
        fix=(
            "Treat the input as data: parse it with a data-only parser, or select behaviour through "
            "an explicit table of allowed operations."
        ),
    ),
    suggestions={
        "python": (
            "Never eval data; parse it (json.loads, ast.literal_eval) or dispatch through a dict of "
            "allowed operations."
        ),
        "javascript": (
            "Never eval or new Function() data; parse it with JSON.parse or dispatch through an "
            "object of allowed handlers."
        ),
        "java": "Do not feed data to a ScriptEngine; map allowed operations to code explicitly.",
        "*": (
            "Never evaluate data as code; parse it as data or dispatch through an explicit table of "
            "allowed operations."
        ),
    },
)


RULES = (CODEI,)
