"""The security reviewer: taint-checked injection sinks, configuration defects and secrets.

Per file: Python gets our taint engine and AST checks plus bandit in-process, whose results are
kept only where our analysis does not prove the sink safe (constant / sanitised / dead code);
JavaScript, TypeScript, Go and Java get ast-grep rules with function-local taint; SQL files get
dynamic-SQL patterns; every text file goes through detect-secrets. Severity follows impact (what
reaches the sink), not the tool's own label.
"""

from __future__ import annotations

import ast
import dataclasses
import re

from wfc_server.review.tools.bandit import BANDIT_RULES, BanditIssue, BanditRunner
from wfc_server.review.tools.secrets import SecretHit, SecretScanner
from wfc_server.review.analysis.python_syntax import parse_module
from wfc_server.review.model import (
    AnalysisInput,
    RawFinding,
    ReviewerOutput,
    SourceFile,
)
from wfc_server.review.rules import Severity, registry
from wfc_server.review.security.catalog import make_finding
from wfc_server.review.security.lang_rules import SPECS, LangAnalysis, analyse_language, link_review
from wfc_server.review.security import py_guards
from wfc_server.review.security.line_checks import line_checks
from wfc_server.review.security.py_body_reads import unbounded_body_reads
from wfc_server.review.security.redirect_credentials import forwarded_credentials, python_functions
from wfc_server.review.security.python_rules import (
    PythonAnalysis,
    SinkEvent,
    analyse_python,
)
from wfc_server.review.security.secret_values import looks_like_real_secret
from wfc_server.review.security.sql_rules import analyse_sql
from wfc_server.review.security.taint import CLEAN, CallSite

ROLE = "security"
#: Languages whose files are only scanned for secrets (configs, scripts, docs).
_BINARYISH = frozenset({"png", "jpg", "gif", "ico", "pdf", "zip", "gz", "lock"})


#: Sinks where even data of unknown origin deserves a (low) note when bandit sees them.
_INHERENTLY_DANGEROUS = frozenset({"code-injection", "command-injection", "unsafe-deserialization"})
_CHECK_ALIASES = {"weak-password-hash": {"weak-password-hash", "weak-hash", "weak-crypto"},
                  "weak-crypto": {"weak-crypto", "weak-hash"}}


def run(inp: AnalysisInput) -> ReviewerOutput:
    """Review every changed file for security defects."""
    out = ReviewerOutput()
    scanner = SecretScanner()
    bandit: BanditRunner | None = None
    sources = [_encodable(s) for s in inp.files
               if s.added_lines and s.path.rsplit(".", 1)[-1].lower() not in _BINARYISH]
    analyses = {s.path: LangAnalysis(s.path, s.language, s.text, _test_code(s))
                for s in sources if s.language in SPECS and s.language != "python"}
    try:
        link_review(list(analyses.values()))
    except Exception:  # noqa: BLE001 - a parser crash is reported per file below, never hidden
        for analysis in analyses.values():
            analysis.peers = []
    python: dict[str, list[RawFinding]] = {}
    exported: dict[str, list[tuple[str, CallSite]]] = {}  # callee name -> (calling file, site)
    for source in sources:
        if source.language == "python":
            if bandit is None:
                bandit = BanditRunner(frozenset(BANDIT_RULES))
            python[source.path] = _python(source, bandit, out, exports=exported)
        elif source.language in SPECS:
            try:
                out.findings.extend(analyses[source.path].run())
            except Exception as exc:  # noqa: BLE001 - a parser crash must not hide the file
                out.skipped.append((source.path, f"security rules failed: {type(exc).__name__}"))
        elif source.language == "sql":
            out.findings.extend(analyse_sql(source.path, source.text, _test_code(source)))
        out.findings.extend(_secrets(source, scanner))
        found, failed = line_checks(source)
        out.findings.extend(found)
        if failed:
            out.skipped.append((source.path, f"security line checks failed: {', '.join(failed)}"))
    for source in sources:
        callers = _callers_elsewhere(source, exported) if source.path in python else {}
        if callers and bandit is not None:  # a helper other files hand request data: judge it bound
            python[source.path] = _python(source, bandit, ReviewerOutput(), callers=callers)
    for findings in python.values():
        out.findings.extend(findings)
    return out


def _callers_elsewhere(source: SourceFile, exported: dict[str, list[tuple[str, CallSite]]]
                       ) -> dict[str, list[CallSite]]:
    """Call sites in the review's other Python files that pass request data to a function this
    file defines (matched by name, the way an import resolves within one project)."""
    out: dict[str, list[CallSite]] = {}
    for name, sites in exported.items():
        elsewhere = [site for path, site in sites if path != source.path]
        if elsewhere and re.search(rf"^\s*(async\s+)?def\s+{re.escape(name)}\s*\(", source.text, re.MULTILINE):
            out[name] = elsewhere
    return out


def _encodable(source: SourceFile) -> SourceFile:
    """Parsers need valid UTF-8: replace lone surrogates (undecodable bytes) in a copy."""
    try:
        source.text.encode("utf-8")
    except UnicodeEncodeError:
        return dataclasses.replace(source, text=source.text.encode("utf-8", "replace").decode("utf-8"))
    return source


def _test_code(source: SourceFile) -> bool:
    """Test code, where exercising a sink is not a product defect (findings drop to low).

    ``is_test`` also covers names like ``webhook_test.ts``; in JavaScript/TypeScript that suffix
    is not a test convention (``.test.ts``, ``.spec.ts`` and ``__tests__/`` are), so such files
    are judged as product code.
    """
    if not source.is_test:
        return False
    js_suffix_only = source.language in {"javascript", "typescript"} and re.search(
        r"_test\.[cm]?[jt]sx?$", source.path) and not re.search(
        r"(^|/)(tests?|__tests__|spec|specs|fixtures?|mocks?)/|\.(test|spec)\.[jt]sx?$", source.path)
    return not js_suffix_only


def _parse(text: str, path: str) -> tuple[ast.Module, str] | tuple[None, str]:
    """The AST and the text it was parsed from (a downlevel of newer syntax), or None."""
    parsed = parse_module(text, path)
    return parsed if parsed is not None else (None, text)


def _dedent_blocks(text: str) -> str:
    """A diff fragment made parseable: each blank-separated block dedented on its own.

    Hunks start mid-function at any indentation; dedenting keeps every line number, so findings
    still point at the right lines.
    """
    lines = text.split("\n")
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        indents = [len(x) - len(x.lstrip()) for x in block if x.strip()]
        cut = min(indents) if indents else 0
        out.extend(x[cut:] for x in block)
        block.clear()

    for line in lines:
        if line.strip():
            block.append(line)
        else:
            flush()
            out.append("")
    flush()
    return "\n".join(out)


def _python(source: SourceFile, bandit: BanditRunner, out: ReviewerOutput, *,
            exports: dict[str, list[tuple[str, CallSite]]] | None = None,
            callers: dict[str, list[CallSite]] | None = None) -> list[RawFinding]:
    tree, text = _parse(source.text, source.path)
    if tree is None and not source.complete:
        tree, text = _parse(_dedent_blocks(source.text), source.path)
    if tree is None:
        # Not Python any parser here understands: tree-sitter still reads it, with fewer rules,
        # and the file is named as not fully analysed.
        out.skipped.append((source.path, "the Python AST, taint rules and bandit could not parse the file"))
        try:
            return analyse_language(source.path, "python", source.text, _test_code(source))
        except Exception as exc:  # noqa: BLE001 - recorded as skipped, never silent
            out.skipped.append((source.path, f"not parseable as Python ({type(exc).__name__})"))
            return []
    try:
        analysis = analyse_python(source.path, tree, _test_code(source), complete=source.complete, callers=callers)
        if exports is not None:
            for name, sites in analysis.exported.items():
                exports.setdefault(name, []).extend((source.path, site) for site in sites)
    except RecursionError:  # machine-generated, absurdly nested code: use the flat rules
        return analyse_language(source.path, "python", source.text, _test_code(source))
    try:
        issues = bandit.scan(source.path, text, tree) or []  # after our analysis: bandit annotates the tree
    except RecursionError:
        issues = []
    guards: list[RawFinding] = []
    if not _test_code(source):
        guards = py_guards.check(source, tree) + unbounded_body_reads(source.path, tree, text) + list(
            forwarded_credentials(source.path, "python", python_functions(tree, text), text).values())
    return analysis.findings + _adjudicate(source, issues, analysis) + guards


def _adjudicate(source: SourceFile, issues: list[BanditIssue], analysis: PythonAnalysis) -> list[RawFinding]:
    """Keep bandit results our analysis cannot disprove; re-rate them by impact."""
    kept: list[RawFinding] = []
    for issue in issues:
        rule = BANDIT_RULES.get(issue.test_id)
        if rule is None or issue.line in analysis.dead_lines:
            continue
        concept = registry()[rule.rule_id].concept
        lines = range(issue.line, issue.end_line + 1)
        if rule.mode == "keep":
            severity = rule.severity if not _test_code(source) else "low"
            kept.append(_bandit_finding(source, issue, concept, severity, rule.confidence))
            continue
        concepts = _CHECK_ALIASES.get(concept, {concept})
        ours = [f for f in analysis.findings if f.concept in concepts and f.line in lines]
        if ours:
            best = max(ours, key=lambda f: Severity(f.severity).rank)
            kept.append(_bandit_finding(source, issue, best.concept, best.severity,
                                        max(30, best.confidence - 10), cwe=best.cwe))
            continue
        if rule.mode == "check":
            continue  # our structural check looked at this and found no defect
        events = [e for e in analysis.events if e.concept == concept and _overlaps(e, lines)]
        if issue.test_id == "B608" and not events:
            continue  # string building we followed to its sink (or to no sink)
        if events and all(e.level == CLEAN for e in events):
            continue  # proven constant / sanitised
        if events and concept not in _INHERENTLY_DANGEROUS:
            continue  # we followed the data and it is not request data
        kept.append(_bandit_finding(source, issue, concept, "low", 35))
    return kept


def _overlaps(event: SinkEvent, lines: range) -> bool:
    return event.line <= lines[-1] and event.end_line >= lines[0]


def _bandit_finding(source: SourceFile, issue: BanditIssue, concept: str, severity: str, confidence: int,
                    cwe: str | None = None) -> RawFinding:
    return make_finding(
        concept, file=source.path, line=issue.line, end_line=issue.end_line, column=issue.column,
        severity=severity, family="bandit", confidence=confidence, cwe=cwe,
        description=f"bandit {issue.test_id} ({issue.test_name}): {issue.text}",
    )


_SECRET_SEVERITY = {
    "Secret Keyword": ("high", 65),
    "Base64 High Entropy String": ("high", 55),
    "Hex High Entropy String": ("high", 55),
    "JSON Web Token": ("medium", 60),
    "Basic Auth Credentials": ("high", 80),
}


def _secrets(source: SourceFile, scanner: SecretScanner) -> list[RawFinding]:
    hits: list[SecretHit] = scanner.scan(source.path, source.text, keywords=source.language != "python")
    out = []
    for hit in hits:
        if hit.secret_type == "Basic Auth Credentials" and not looks_like_real_secret(hit.value, "password"):
            continue
        severity, confidence = _SECRET_SEVERITY.get(hit.secret_type, ("high", 85))
        if source.is_test:
            severity = "info"
        shown = hit.value[:4] + "..." if len(hit.value) > 8 else "***"
        out.append(make_finding(
            "hardcoded-secret", file=source.path, line=hit.line, severity=severity, family="detect-secrets",
            confidence=confidence, heuristic=True,
            title=f"Hard-coded credential ({hit.secret_type})",
            description=f"A {hit.secret_type.lower()} (`{shown}`) is committed in the source; anyone "
                        "with repository access can use it.",
        ))
    return out
