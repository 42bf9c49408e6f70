"""OS command injection: 1 rule (WFC-SEC-CMDI).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


CMDI = Rule(
    id="WFC-SEC-CMDI",
    role=Role.SECURITY,
    severity=Severity.CRITICAL,
    title="OS command injection",
    concept="command-injection",
    languages=frozenset({"go", "java", "javascript", "python"}),
    cwe="CWE-78",
    confidence=80,
    blocking=True,
    doc=RuleDoc(
        what=("Request data reaches a shell command line or the program name of a process that is started."),
        why=(
            "Whoever controls the value runs their own commands on the server with the service's "
            "privileges (OS command injection, CWE-78)."
        ),
        example='subprocess.run("convert " + request.args["file"], shell=True)',
        fix=(
            "Run a fixed program with an argument list and no shell, and allow-list any value that "
            "selects what runs."
        ),
    ),
    suggestions={
        "python": (
            "Pass an argument list without a shell (subprocess.run([...], shell=False)); quote with "
            "shlex.quote only if a shell is unavoidable."
        ),
        "javascript": (
            "Use child_process.execFile/spawn with an argument array (no shell) and validate values "
            "against an allow-list."
        ),
        "go": (
            'Call exec.Command with a fixed program and separate arguments; never build a "sh -c" '
            "string from input."
        ),
        "java": (
            "Use ProcessBuilder with a fixed program and a list of arguments; never pass a "
            "concatenated string to Runtime.exec."
        ),
        "*": (
            "Run a fixed program with an argument list and no shell; allow-list any value that "
            "selects behaviour."
        ),
    },
)


RULES = (CMDI,)
