"""Directory containment checked as a string prefix: 1 rule (WFC-SEC-PATH-PREFIX).

The declarations are the rules' identity and documentation; the detector
(``review/security/path_prefix.py``) looks the rule up by concept.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

PATH_PREFIX_CHECK = Rule(
    id="WFC-SEC-PATH-PREFIX",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Path containment checked by a string prefix without a separator",
    concept="path-prefix-check",
    languages=frozenset({"python", "javascript", "typescript", "go", "java"}),
    cwe="CWE-22",
    confidence=60,
    doc=RuleDoc(
        what="A resolved path is tested for lying inside a base directory with a plain string "
        "prefix test (`startswith`, `startsWith`, `strings.HasPrefix`, `indexOf(...) === 0`, "
        "`os.path.commonprefix`) against a base that does not end with a path separator.",
        why="String prefixes are not path prefixes: `/srv/data-private/x` starts with `/srv/data`, "
        "so a name such as `../data-private/x` passes the check and reaches a sibling directory "
        "the code meant to keep out of reach (CWE-22, path traversal).",
        example="real = os.path.realpath(os.path.join(root, name))\n"
        "if not real.startswith(os.path.realpath(root)):\n    raise PermissionError(name)",
        fix="Compare whole path components: append the separator to the base before the prefix "
        "test, or use a component-wise API (`os.path.commonpath`, `Path.is_relative_to`, "
        "`path.relative` without `..`, `filepath.Rel`, `java.nio.file.Path.startsWith`).",
    ),
    suggestions={
        "python": "if os.path.commonpath([real, base]) != base: raise PermissionError(name)  "
                  "# or real.startswith(base + os.sep)",
        "javascript": "const rel = path.relative(base, target); "
                      "if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error('outside base');",
        "typescript": "const rel = path.relative(base, target); "
                      "if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error('outside base');",
        "go": "rel, err := filepath.Rel(base, target); if err != nil || !filepath.IsLocal(rel) { return errOutside }",
        "java": "if (!target.toPath().normalize().startsWith(base.toPath().normalize())) "
                "throw new IOException(\"outside base\");  // Path.startsWith compares components",
        "*": "Compare whole path components (append the separator to the base) before trusting the path.",
    },
)

RULES = (PATH_PREFIX_CHECK,)
