"""Closure captures a loop variable: 1 rule (WFC-COR-LATE-BINDING-CLOSURE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


LATE_BINDING_CLOSURE = Rule(
    id="WFC-COR-LATE-BINDING-CLOSURE",
    role=Role.CORRECTNESS,
    severity=Severity.LOW,
    title="Closure captures a loop variable",
    concept="late-binding-closure",
    languages=frozenset({"python", "go"}),
    confidence=70,
    doc=RuleDoc(
        what=(
            "The function reads the loop variable when called, not when defined, so every closure "
            "sees the last value."
        ),
        why=(
            "The code runs, but it does not do what it reads as doing: the result is wrong or an "
            "error is raised on inputs the author did not try, and a reader is unlikely to spot it."
        ),
        example="handlers.append(lambda: print(i))\n\n// Go before 1.22\nfor _, job := range jobs {\n\tgo func() { run(job) }()\n}",
        fix="Bind the value as a default argument or use functools.partial; in Go pass the variable as "
        "an argument of the closure (or copy it, `job := job`), or build with a go.mod at `go 1.22` or later.",
    ),
    suggestions={
        "*": "Bind the value as a default argument or use functools.partial.",
        "go": "Pass the loop variable to the closure (`go func(job Job) { ... }(job)`) or copy it first "
        "(`job := job`); from `go 1.22` in go.mod each iteration has its own variable.",
    },
)


RULES = (LATE_BINDING_CLOSURE,)
