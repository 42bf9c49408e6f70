"""Run bandit in-process on Python source text.

The CLI costs a process start and a re-read of every file; the library visits a string we
already hold. The result is bandit's own judgement, unfiltered: the security reviewer decides
which results survive (see ``reviewers/security.py``).
"""

from __future__ import annotations

import ast
import io
import logging
import tokenize
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from wfc_server.review.model import AnalyzerError


def _quiet_import() -> None:
    """Import bandit with stevedore's 'could not load formatter' errors muted (we use none)."""
    log = logging.getLogger("stevedore.extension")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        import bandit.core.manager  # noqa: F401
    finally:
        log.setLevel(level)


_quiet_import()

from bandit.core import config as b_config
from bandit.core import manager as b_manager
from bandit.core import meta_ast as b_meta_ast
from bandit.core import metrics as b_metrics
from bandit.core import node_visitor as b_node_visitor


@dataclass(frozen=True, slots=True)
class BanditIssue:
    test_id: str
    test_name: str
    line: int
    end_line: int
    column: int | None
    severity: str  # LOW | MEDIUM | HIGH
    confidence: str
    cwe: int | None
    text: str


class BanditRunner:
    """One bandit manager reused across the files of a review (its setup loads all plugins)."""

    def __init__(self, tests: frozenset[str] = frozenset()) -> None:
        """``tests``: the bandit test ids to run (all when empty); fewer tests, faster visits."""
        # bandit logs every unknown word after "nosec" and every module it cannot name; that is
        # noise in a service log.
        logging.getLogger("bandit").setLevel(logging.ERROR)
        try:
            self._config = b_config.BanditConfig()
            self._profile = {"include": sorted(tests)} if tests else {}
            mgr = b_manager.BanditManager(self._config, "file", profile=self._profile)
            self._tests = mgr.b_ts
        except Exception as exc:  # noqa: BLE001 - a broken install must fail the review, loudly
            raise AnalyzerError(f"analyzer bandit could not start: {exc}") from None

    def scan(self, path: str, text: str, tree: ast.Module | None = None) -> list[BanditIssue] | None:
        """Issues for one file, or None when it does not parse.

        ``tree``: an already parsed module to visit instead of parsing again (bandit annotates its
        nodes with parent links, so pass it only after other users are done with it).
        """
        data = text.encode("utf-8")
        nosec_lines = _nosec_lines(data) if "nosec" in text else {}
        metrics = b_metrics.Metrics()
        metrics.begin(path)
        try:
            visitor = b_node_visitor.BanditNodeVisitor(
                path, io.BytesIO(data), b_meta_ast.BanditMetaAst(), self._tests, False, nosec_lines, metrics)
            visitor.generic_visit(tree if tree is not None else ast.parse(text))
        except SyntaxError:
            return None
        out = []
        for issue in visitor.tester.results:
            lines = [n for n in (issue.linerange or []) if isinstance(n, int)] or [issue.lineno]
            cwe = getattr(issue.cwe, "id", None)
            out.append(BanditIssue(
                test_id=issue.test_id,
                test_name=issue.test,
                line=int(issue.lineno),
                end_line=int(max(lines)),
                column=getattr(issue, "col_offset", None),
                severity=str(issue.severity),
                confidence=str(issue.confidence),
                cwe=int(cwe) if isinstance(cwe, int) and cwe > 0 else None,
                text=str(issue.text),
            ))
        return out


def _nosec_lines(data: bytes) -> dict[int, set[str]]:
    """``# nosec`` comments per line, parsed the way bandit's manager does."""
    out: dict[int, set[str]] = {}
    try:
        for tok in tokenize.tokenize(io.BytesIO(data).readline):
            if tok.type == tokenize.COMMENT:
                out[tok.start[0]] = b_manager._parse_nosec_comment(tok.string)
    except (tokenize.TokenError, SyntaxError):
        pass
    return out


@dataclass(frozen=True, slots=True)
class BanditRule:
    """What a bandit test id means to us: the registered rule it reports, and how to judge it.

    ``mode`` says how the security reviewer treats a hit: ``taint`` - a sink our data-flow
    analysis judges; ``check`` - one of our own structural checks decides; ``keep`` - reported as
    is at ``severity`` / ``confidence``.
    """

    rule_id: str
    mode: str
    severity: str = "medium"
    confidence: int = 60


def _bandit_rules() -> Mapping[str, BanditRule]:
    taint = {
        "B102": "WFC-SEC-CODEI", "B307": "WFC-SEC-CODEI", "B301": "WFC-SEC-DESER", "B302": "WFC-SEC-DESER",
        "B506": "WFC-SEC-DESER", "B602": "WFC-SEC-CMDI", "B604": "WFC-SEC-CMDI", "B605": "WFC-SEC-CMDI",
        "B608": "WFC-SEC-SQLI", "B610": "WFC-SEC-SQLI", "B611": "WFC-SEC-SQLI", "B310": "WFC-SEC-SSRF",
        "B703": "WFC-SEC-XSS", "B308": "WFC-SEC-XSS",
    }
    check = {
        "B201": "WFC-SEC-DEBUG", "B306": "WFC-SEC-TEMPFILE", "B324": "WFC-SEC-PWHASH", "B303": "WFC-SEC-PWHASH",
        "B501": "WFC-SEC-TLS", "B701": "WFC-SEC-XSS", "B105": "WFC-SEC-SECRET", "B106": "WFC-SEC-SECRET",
        "B107": "WFC-SEC-SECRET", "B108": "WFC-SEC-TEMPFILE", "B304": "WFC-SEC-WEAKCRYPTO",
        "B305": "WFC-SEC-WEAKCRYPTO",
    }
    keep = {
        "B103": BanditRule("WFC-SEC-PERMS", "keep", "medium", 70),
        "B104": BanditRule("WFC-SEC-BIND", "keep", "low", 50),
        "B202": BanditRule("WFC-SEC-ZIPSLIP", "keep", "medium", 60),
        "B312": BanditRule("WFC-SEC-INSECURE", "keep", "low", 60),
        "B321": BanditRule("WFC-SEC-INSECURE", "keep", "low", 60),
        "B323": BanditRule("WFC-SEC-TLS", "keep", "medium", 80),
        "B502": BanditRule("WFC-SEC-WEAKCRYPTO", "keep", "medium", 70),
        "B503": BanditRule("WFC-SEC-WEAKCRYPTO", "keep", "medium", 60),
        "B504": BanditRule("WFC-SEC-WEAKCRYPTO", "keep", "medium", 60),
        "B505": BanditRule("WFC-SEC-WEAKCRYPTO", "keep", "medium", 70),
        "B507": BanditRule("WFC-SEC-TLS", "keep", "medium", 70),
        "B509": BanditRule("WFC-SEC-WEAKCRYPTO", "keep", "low", 50),
        "B601": BanditRule("WFC-SEC-CMDI", "keep", "medium", 50),
        "B612": BanditRule("WFC-SEC-CODEI", "keep", "medium", 60),
        "B614": BanditRule("WFC-SEC-DESER", "keep", "medium", 50),
        "B702": BanditRule("WFC-SEC-XSS", "keep", "medium", 50),
    }
    rules: dict[str, BanditRule] = dict(keep)
    rules.update({code: BanditRule(rule_id, "taint") for code, rule_id in taint.items()})
    rules.update({code: BanditRule(rule_id, "check") for code, rule_id in check.items()})
    return MappingProxyType(rules)


#: bandit test id -> the rule it reports; tests outside this map are not run.
BANDIT_RULES: Mapping[str, BanditRule] = _bandit_rules()
