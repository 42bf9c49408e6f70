"""Option values spliced into generated source code: 1 rule (WFC-SEC-CODEGEN).

The declaration is the rule's identity and documentation; the detector
(``review/security/generated_source.py``) looks the rule up by concept.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

GENERATED_SOURCE = Rule(
    id="WFC-SEC-CODEGEN",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Option value spliced into generated source code",
    concept="generated-source",
    languages=frozenset({"javascript", "typescript"}),
    cwe="CWE-94",
    confidence=55,
    doc=RuleDoc(
        what="A compiler-style module (one that runs `new Function(...)` or `vm`) builds source text by "
        "concatenating a caller's option (`opts.localsName`, `options.variable`) into code, without "
        "checking it is an identifier or encoding it with `JSON.stringify`.",
        why="Template engines pass options through from their callers, and web frameworks have passed "
        "request data into render options: an option such as `x;process.mainModule.require('child_process')"
        ".exec('id');//` becomes code of the compiled function (remote code execution, CWE-94).",
        example="src += '  var ' + opts.outputFunctionName + ' = __append;\\n';\nfn = new Function(opts.localsName, src);",
        fix="Reject option values that are not plain identifiers (`/^[A-Za-z_$][\\w$]*$/`) before using them "
        "as names, and embed every other value with `JSON.stringify`.",
    ),
    suggestions={
        "javascript": "if (!/^[A-Za-z_$][\\w$]*$/.test(opts.localsName)) throw new Error('localsName is not a valid JS identifier');",
        "typescript": "if (!/^[A-Za-z_$][\\w$]*$/.test(opts.localsName)) throw new Error('localsName is not a valid JS identifier');",
        "*": "Validate option values as identifiers, or JSON-encode them, before splicing them into code.",
    },
)

RULES = (GENERATED_SOURCE,)
