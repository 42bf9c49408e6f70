"""Allocation or loop sized by a length read from input: 1 rule (WFC-SEC-UNTRUSTED-LENGTH).

Binary protocol and file-format parsers read a length or count from the data (``struct.unpack``,
``int.from_bytes``, a byte of the header, a ``Content-Length`` or chunk-size line) and then
allocate, read or loop that many times. Without an upper bound, a few bytes of input make the
process allocate gigabytes or spin for hours.
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity

UNTRUSTED_LENGTH = Rule(
    id="WFC-SEC-UNTRUSTED-LENGTH",
    role=Role.SECURITY,
    severity=Severity.MEDIUM,
    title="Allocation or loop sized by an unchecked length from input",
    concept="untrusted-length",
    languages=frozenset({"python"}),
    cwe="CWE-789",
    confidence=65,
    doc=RuleDoc(
        what="A length or count decoded from the input (struct.unpack, int.from_bytes, a header "
        "byte, a Content-Length or chunk-size line) sizes an allocation, a read or a loop, and "
        "nothing compares it with a maximum first.",
        why="The sender chooses the number: a 4-byte header claiming 4 GiB makes the parser "
        "allocate or wait for that much, exhausting memory or CPU for every other user "
        "(CWE-789, CWE-770, CWE-400).",
        example="(size,) = struct.unpack('>I', sock.recv(4))\nbody = sock.recv(size)",
        fix="Compare the decoded value with a protocol maximum (and with the bytes actually "
        "available) and reject the input before allocating, reading or looping.",
    ),
    suggestions={
        "python": "if size > MAX_FRAME: raise ProtocolError('frame too large'); then read/allocate.",
        "*": "Reject lengths above a protocol maximum before allocating, reading or looping.",
    },
)

RULES = (UNTRUSTED_LENGTH,)
