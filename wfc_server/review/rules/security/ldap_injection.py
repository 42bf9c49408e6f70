"""LDAP injection: 1 rule (WFC-SEC-LDAPI).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


LDAPI = Rule(
    id="WFC-SEC-LDAPI",
    role=Role.SECURITY,
    severity=Severity.HIGH,
    title="LDAP injection",
    concept="ldap-injection",
    languages=frozenset({"java", "python"}),
    cwe="CWE-90",
    confidence=80,
    blocking=True,
    doc=RuleDoc(
        what="Request data is formatted into an LDAP search filter or DN.",
        why=(
            "Filter metacharacters change the meaning of the LDAP query, for example matching every "
            "user or bypassing a password check (CWE-90)."
        ),
        example='conn.search(base, "(uid=" + username + ")")',
        fix="Escape every value for LDAP filter syntax, or use the library's filter builder.",
    ),
    suggestions={
        "python": "Escape values with ldap.filter.escape_filter_chars / ldap3.utils.conv.escape_filter_chars.",
        "java": (
            "Escape values with an LDAP encoder (e.g. Spring LdapEncoder.filterEncode) before "
            "building the filter."
        ),
        "*": "Escape values for the LDAP filter syntax before building the filter.",
    },
)


RULES = (LDAPI,)
