"""Cleartext or insecure protocol: 1 rule (WFC-SEC-INSECURE).

The declarations are the rules' identity and documentation; the detectors that report them
look them up by id in the registry (title, severity, CWE, confidence, advice come from here).
"""

from __future__ import annotations

from wfc_server.review.rules.spec import Role, Rule, RuleDoc, Severity


INSECURE = Rule(
    id="WFC-SEC-INSECURE",
    role=Role.SECURITY,
    severity=Severity.LOW,
    title="Cleartext or insecure protocol",
    concept="insecure-protocol",
    languages=frozenset({"python"}),
    cwe="CWE-319",
    confidence=80,
    doc=RuleDoc(
        what=(
            "A cleartext protocol (telnet, FTP, plain HTTP for credentials) or an insecure protocol "
            "version is used."
        ),
        why="Cleartext protocols expose credentials and data to anyone on the network path (CWE-319).",
        example='ftplib.FTP("files.example.com").login(user, password)',
        fix="Use an encrypted protocol such as SSH, SFTP or HTTPS, with certificate verification.",
    ),
    suggestions={
        "python": "Use SFTP (paramiko) / FTP_TLS, SSH instead of telnet, and HTTPS with verification.",
        "*": "Use an encrypted protocol (SSH/SFTP/HTTPS/TLS) with verification.",
    },
)


RULES = (INSECURE,)
