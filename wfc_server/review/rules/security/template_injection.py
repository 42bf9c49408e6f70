"""Server-side template injection: 1 rule (WFC-SEC-SSTI).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


SSTI = Rule(
    id="WFC-SEC-SSTI",
    role=Role.SECURITY,
    severity=Severity.HIGH,
    title="Server-side template injection",
    concept="template-injection",
    languages=frozenset({"go", "java", "javascript", "python", "typescript"}),
    cwe="CWE-1336",
    confidence=80,
    blocking=True,
    doc=RuleDoc(
        what=(
            "A template's source text is built from request data, so the caller writes template code "
            "that runs on the server."
        ),
        why=(
            "Template languages can call code, so a caller who writes template text runs code on the "
            "server (template injection, CWE-1336)."
        ),
        example='render_template_string("Hello " + request.args["name"])',
        fix="Keep template source fixed and pass data as template variables.",
    ),
    suggestions={
        "python": (
            'Pass data as variables to a fixed template: render_template_string("Hello {{ name }}", '
            "name=name)."
        ),
        "javascript": (
            "Compile fixed template files and pass data as the context object; never compile request text."
        ),
        "go": "Parse templates from constant text or files and pass data to Execute.",
        "java": (
            "Load templates from fixed resources and pass data as the model; never evaluate request "
            "text as a template."
        ),
        "*": "Never build template source from data; pass data as variables to a fixed template.",
    },
)


RULES = (SSTI,)
