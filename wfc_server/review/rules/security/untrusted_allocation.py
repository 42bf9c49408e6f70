"""Allocation sized by untrusted input: 1 rule (WFC-SEC-UNTRUSTED-ALLOC).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

UNTRUSTED_ALLOCATION = Rule(
    id="WFC-SEC-UNTRUSTED-ALLOC",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Buffer sized by a length read from the input",
    concept="untrusted-allocation",
    languages=frozenset({"java", "go", "javascript", "typescript"}),
    cwe="CWE-789",
    confidence=60,
    doc=RuleDoc(
        what="An array or buffer is allocated with a size read from the data being parsed "
        "(`in.readInt()`, `buf.getInt()`, `binary.BigEndian.Uint32(b)`, `buf.readUInt32BE(0)`), with no "
        "upper bound checked first (rejecting a negative size is not a bound).",
        why=(
            "A few crafted bytes claim a length of two billion: the parser allocates gigabytes and "
            "the process dies with OutOfMemoryError, or a negative / overflowed size throws where the "
            "code expects data (CWE-789, denial of service)."
        ),
        example="int length = in.readInt();\nbyte[] name = new byte[length];",
        fix="Check the length against a sane maximum (and against the bytes actually left) before "
        "allocating, or read in bounded chunks.",
    ),
    suggestions={"java": "if (length < 0 || length > MAX_ENTRY_SIZE) throw new IOException(\"bad length\"); "
                         "before new byte[length].",
                 "go": "if n > maxElements || n > len(src)/elemSize { return errTooLarge } before make(..., n).",
                 "javascript": "if (count > MAX_ITEMS || count > buf.length - offset) throw new RangeError('count too large');",
                 "typescript": "if (count > MAX_ITEMS || count > buf.length - offset) throw new RangeError('count too large');",
                 "*": "Bound the length read from the input before allocating."},
)

RULES = (UNTRUSTED_ALLOCATION,)
