"""Goroutines write a shared slice/map without synchronisation: 1 rule (WFC-COR-GO-DATA-RACE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


GO_DATA_RACE = Rule(
    id="WFC-COR-GO-DATA-RACE",
    role=Role.CORRECTNESS,
    severity=Severity.HIGH,
    title="Goroutines write a shared slice/map without synchronisation",
    concept="data-race",
    languages=frozenset({"go"}),
    cwe="CWE-362",
    confidence=80,
    doc=RuleDoc(
        what=(
            "Each goroutine started in the loop appends to (or stores into) a variable of the "
            "enclosing function with no lock: concurrent appends lose elements and concurrent map "
            "writes crash the program (`fatal error: concurrent map writes`)."
        ),
        why=(
            "Two threads or tasks read and write the same data without synchronisation, so updates "
            "are lost or state is torn (race condition, CWE-362)."
        ),
        example="counts[w]++",
        fix=(
            "Guard the write with a sync.Mutex, send the value over a channel, or write to a pre-"
            "sized slice by index."
        ),
    ),
    suggestions={
        "*": (
            "Guard the write with a sync.Mutex, send the value over a channel, or write to a pre-"
            "sized slice by index."
        ),
    },
)


RULES = (GO_DATA_RACE,)
