"""A call's result used untested where the rest of the file tests it for null first.

The file itself says the result can be absent: most sites of ``mapper.map(name)`` are followed by
``if (mapped != null)``. The one site that dereferences the result (or passes it straight on)
without that test is where the NullPointerException / TypeError / nil panic will come from. The
belief is the code's own habit, so no model of the callee is needed (deviance inference).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

NULL_AGAINST_HABIT = Rule(
    id="WFC-COR-NULL-HABIT",
    role=Role.CORRECTNESS,
    severity=Severity.LOW,
    title="Result used untested where the file's other calls test it for null",
    concept="null-habit",
    languages=frozenset({"python", "javascript", "typescript", "java", "go"}),
    cwe="CWE-476",
    confidence=60,
    doc=RuleDoc(
        what="A call whose result the same file tests against null/None/nil at most of its sites (at "
        "least two, two thirds or more) is dereferenced, or handed to another call, without that "
        "test here.",
        why="The other sites show the authors know the result can be absent; the untested site fails "
        "with a null dereference (CWE-476) on the input the other sites were written for.",
        example="String name = mapper.map(entry.getName());\nif (name != null) { ... }\n...\n"
        "ZipEntry e = ZipEntryUtil.fromFile(mapper.map(file.getName()), file);",
        fix="Test the result as the other call sites do (skip, default or raise), or make the callee "
        "never return null and drop the tests everywhere.",
    ),
    suggestions={
        "java": "String mapped = mapper.map(name); if (mapped == null) { continue; }",
        "javascript": "const m = text.match(re); if (!m) { return null; }",
        "typescript": "const m = text.match(re); if (!m) { return null; }",
        "python": "m = pattern.match(text)\nif m is None:\n    return None",
        "go": "v := lookup(k); if v == nil { return errNotFound }",
    },
)

RULES = (NULL_AGAINST_HABIT,)
