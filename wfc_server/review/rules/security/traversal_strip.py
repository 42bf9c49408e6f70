"""Traversal "removed" by deleting ``../`` once: 1 rule (WFC-SEC-PATH-STRIP).

The declaration is the rule's identity and documentation; the detector
(``review/security/traversal_strip.py``) looks the rule up by concept.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

TRAVERSAL_STRIP = Rule(
    id="WFC-SEC-PATH-STRIP",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Path traversal filtered by deleting '../' in one pass",
    concept="traversal-strip",
    languages=frozenset({"python", "javascript", "typescript", "go", "java"}),
    cwe="CWE-22",
    confidence=60,
    doc=RuleDoc(
        what="A path or file name is made 'safe' by replacing `../` (or `..` plus a separator) with "
        "nothing, in a single pass (`replace`, `replaceAll`, `strings.ReplaceAll`, `re.sub`).",
        why="Deleting a sequence once rebuilds it from what surrounds it: `....//` becomes `../` and "
        "`..././` becomes `../`, so the filtered name still climbs out of its directory (CWE-22). In "
        "JavaScript a string pattern in `replace` removes only the first occurrence.",
        example='folder = request.form["folder"].replace("../", "")',
        fix="Reject names containing `..` components (or any separator) instead of editing them, or "
        "resolve the joined path and check it stays under the base directory.",
    ),
    suggestions={
        "python": "if '..' in Path(name).parts or os.path.isabs(name): raise ValueError(name)",
        "javascript": "if (name.split(/[\\\\/]/).includes('..')) throw new Error('invalid name');",
        "typescript": "if (name.split(/[\\\\/]/).includes('..')) throw new Error('invalid name');",
        "go": "if !filepath.IsLocal(name) { return errInvalidName }",
        "java": "if (Path.of(name).normalize().startsWith(\"..\")) throw new IllegalArgumentException(name);",
        "*": "Reject names with '..' components instead of deleting them.",
    },
)

RULES = (TRAVERSAL_STRIP,)
