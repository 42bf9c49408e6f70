"""Judge a review's findings by the project's gate: what counts, what is suppressed, pass or fail.

Input is the engine's result (findings with content-anchored fingerprints); output is the same
result with every finding marked (``baseline_state``, ``suppressed``, ``counted``), the baseline's
``fixed`` findings, the score recomputed without suppressed or ignored findings, and a ``gate``
object saying how the verdict was reached and from which settings.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from unidiff import PatchSet
from unidiff.errors import UnidiffParseError

from wfc_server.gate.globs import first_match, matches
from wfc_server.gate.inline import Mark, scan_diff
from wfc_server.gate.policy import SEVERITY_RANK, Narrowed
from wfc_server.review.diff import DiffFile, parse_diff
from wfc_server.review.merge import fingerprint
from wfc_server.review.model import Finding
from wfc_server.review.rules import registry
from wfc_server.review.scoring import consensus
from wfc_server.review.settings import EngineSettings

BARE_RULE = "WFC-MAINT-BARE-SUPPRESSION"
UNKNOWN_RULE = "WFC-MAINT-UNKNOWN-SUPPRESSION"
_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


@dataclass(slots=True)
class Baseline:
    requested: str | None = None  # what the submit named: a review id or a branch
    review_id: str | None = None  # the completed review it resolved to
    findings: list[dict[str, Any]] | None = None  # None: no baseline to compare with
    same_change: bool = False  # the baseline reviewed an earlier push of this same branch
    note: str | None = None  # why there is no baseline, when one was asked for
    source: str | None = None  # "pre-image": the base ref's files, reviewed because no baseline was given

    def describe(self) -> dict[str, Any] | None:
        if self.source is not None:
            return {"requested": None, "review_id": None, "note": self.note, "source": self.source}
        if self.requested is None and self.review_id is None:
            return None
        return {"requested": self.requested, "review_id": self.review_id, "note": self.note}


@dataclass(slots=True)
class Inputs:
    diff_text: str
    policy: Narrowed
    policy_version: int
    baseline: Baseline = field(default_factory=Baseline)
    suppressions: list[dict[str, Any]] = field(default_factory=list)  # server-side, active or not
    now: datetime | None = None


def anchor(path: str, rule_id: str, text: str) -> str:
    """A finding's content anchor: rule and normalised line text, for telling fixed findings."""
    normalised = " ".join(text.split())
    return hashlib.sha256(f"{path}\x00{rule_id}\x00{normalised}".encode("utf-8", "replace")).hexdigest()[:24]


@dataclass(slots=True)
class _DiffView:
    rows: dict[str, dict[int, str]]  # post-image lines the diff carries
    added: dict[str, set[int]]
    removed: dict[str, list[str]]  # path (old side) -> removed line texts
    deleted: set[str]
    touched: set[str]


def _view(diff_text: str, files: list[DiffFile]) -> _DiffView:
    rows: dict[str, dict[int, str]] = defaultdict(dict)
    added: dict[str, set[int]] = defaultdict(set)
    deleted: set[str] = set()
    touched: set[str] = set()
    for diff_file in files:
        touched.add(diff_file.path)
        if diff_file.old_path:
            touched.add(diff_file.old_path)
        if diff_file.status == "deleted":
            deleted.add(diff_file.path)
        for hunk in diff_file.hunks:
            for number, text, is_added in hunk:
                rows[diff_file.path][number] = text
                if is_added:
                    added[diff_file.path].add(number)
    removed: dict[str, list[str]] = defaultdict(list)
    try:
        for patched in PatchSet(diff_text.replace("\r\n", "\n")):
            source = (patched.source_file or "").removeprefix("a/")
            for hunk in patched:
                removed[source].extend(line.value.rstrip("\n") for line in hunk if line.is_removed)
    except UnidiffParseError:
        pass  # parse_diff accepted it; without removed lines, fixed findings are just not proven
    return _DiffView(rows, added, removed, deleted, touched)


def suppression_active(suppression: dict[str, Any], now: datetime) -> bool:
    """False once a suppression's ``expires_at`` has passed: it then stops applying by itself."""
    expires = suppression.get("expires_at")
    if not expires:
        return True
    return datetime.fromisoformat(str(expires).replace("Z", "+00:00")) > now


def _server_suppression(finding: dict[str, Any], suppressions: list[dict[str, Any]], now: datetime) -> dict[str, Any] | None:
    for item in suppressions:
        if not suppression_active(item, now):
            continue
        if item.get("fingerprint"):
            if item["fingerprint"] == finding.get("fingerprint"):
                return item
        elif item.get("rule_id") == finding.get("rule_id") and matches(item.get("path_glob") or "**", finding["file"]):
            return item
    return None


def _mark_finding(mark: Mark, view: _DiffView) -> dict[str, Any] | None:
    """The finding a bad suppression comment becomes (only when the comment is an added line)."""
    if mark.line not in view.added.get(mark.path, ()):
        return None
    if mark.problem == "bare":
        rule, detail = registry()[BARE_RULE], "This `wfc: ignore` names no rule, so it suppresses nothing."
    else:
        ids = (mark.problem or "").partition(":")[2].replace(",", ", ")
        rule, detail = registry()[UNKNOWN_RULE], f"No rule is called {ids}; this suppresses nothing for it."
    text = view.rows[mark.path].get(mark.line, "")
    return {
        "severity": str(rule.severity), "category": str(rule.role), "title": rule.title,
        "description": f"{rule.doc.what} {detail}", "file": mark.path, "line": mark.line,
        "end_line": mark.line, "column": None, "suggestion": rule.suggestion_for("*"),
        "confidence": rule.confidence, "reviewer": str(rule.role), "reviewers": [str(rule.role)],
        "rule_id": rule.id, "cwe": None, "fingerprint": fingerprint(mark.path, rule.concept, text),
    }


def _rescore(findings: list[dict[str, Any]], ran: int, settings: EngineSettings) -> Any:
    return consensus([Finding(**{k: f[k] for k in _FINDING_FIELDS}) for f in findings], ran, settings)


def judge(result: dict[str, Any], inputs: Inputs, settings: EngineSettings) -> dict[str, Any]:
    """``result`` judged by ``inputs``; a new dict (``result`` is not changed)."""
    now = inputs.now or datetime.now().astimezone()
    policy = inputs.policy.policy
    files = parse_diff(inputs.diff_text)
    view = _view(inputs.diff_text, files)
    marks = scan_diff(inputs.diff_text, files)
    marks_at: dict[tuple[str, int], list[Mark]] = defaultdict(list)
    for mark in marks:
        for line in mark.lines:
            marks_at[(mark.path, line)].append(mark)

    findings = [dict(f) for f in result.get("findings") or []]
    findings += [f for f in (_mark_finding(m, view) for m in marks if m.problem) if f is not None]
    kept: list[dict[str, Any]] = []
    ignored: list[dict[str, Any]] = []
    changed = len(findings) != len(result.get("findings") or [])
    for finding in findings:
        glob = first_match(policy.ignore_paths, finding["file"])
        if glob is not None or finding["rule_id"] in policy.disabled_rules:
            by = f"ignore_paths {glob}" if glob is not None else "disabled_rules"
            ignored.append({"rule_id": finding["rule_id"], "file": finding["file"], "line": finding["line"], "by": by})
            changed = True
            continue
        severity = policy.severity_overrides.get(finding["rule_id"], finding["severity"])
        floor = policy.severity_floors.get(finding["rule_id"])
        if floor is not None and SEVERITY_RANK[floor] < SEVERITY_RANK[severity]:
            severity = floor
        if severity != finding["severity"]:
            finding["original_severity"], finding["severity"] = finding["severity"], severity
            changed = True
        line = finding.get("line")
        text = view.rows.get(finding["file"], {}).get(line or -1)
        if text is not None:
            finding["anchor"] = anchor(finding["file"], finding["rule_id"], text)
        finding["suppressed"] = None
        for mark in marks_at.get((finding["file"], line or -1), []):
            if finding["rule_id"] in mark.rule_ids:
                finding["suppressed"] = {"by": "inline", "reason": mark.reason, "line": mark.line}
                break
        if finding["suppressed"] is None:
            server = _server_suppression(finding, inputs.suppressions, now)
            if server is not None:
                finding["suppressed"] = {"by": "server", "id": server["id"], "reason": server["reason"],
                                         "author": server.get("author"), "expires_at": server.get("expires_at")}
        changed = changed or finding["suppressed"] is not None
        kept.append(finding)

    baseline = inputs.baseline
    fixed: list[dict[str, Any]] = []
    if baseline.findings is not None:
        remaining = Counter(f.get("fingerprint") for f in baseline.findings)
        for finding in kept:
            if remaining[finding["fingerprint"]] > 0:
                remaining[finding["fingerprint"]] -= 1
                finding["baseline_state"] = "existing"
            else:
                finding["baseline_state"] = "new"
        fixed = _fixed(baseline, remaining, kept, view)
    else:
        for finding in kept:
            finding["baseline_state"] = None
    only_new = policy.new_findings_only and baseline.findings is not None
    for finding in kept:
        finding["counted"] = finding["suppressed"] is None and (not only_new or finding["baseline_state"] == "new")

    ran = sum(1 for r in (result.get("reviewers") or {}).values() if r.get("status") == "ok")
    judged = dict(result)
    judged["findings"] = kept
    if changed:
        verdict = _rescore([f for f in kept if f["suppressed"] is None], ran, settings)
        judged.update(consensus_score=verdict.score, risk=verdict.risk, tier=verdict.tier,
                      minority_protection_applied=verdict.minority_protection_applied)
    counted = [f for f in kept if f["counted"]]
    failing, reason = _failing(counted, policy.fail_on, ran, settings)
    status = "pass"
    if failing and policy.mode == "block":
        status = "fail"
    elif failing and policy.mode == "warn":
        status = "warn"
    judged["passed"] = status != "fail"
    judged["fixed"] = fixed
    judged["baseline"] = baseline.describe()
    judged["gate"] = {
        "status": status,
        "would_fail": failing,
        "reason": reason if failing else None,
        "mode": policy.mode,
        "counts": {
            "findings": len(kept),
            "counted": len(counted),
            "new": sum(1 for f in kept if f["baseline_state"] == "new"),
            "existing": sum(1 for f in kept if f["baseline_state"] == "existing"),
            "suppressed": sum(1 for f in kept if f["suppressed"] is not None),
            "ignored": len(ignored),
            "fixed": len(fixed),
        },
        "ignored": ignored,
        "policy_version": inputs.policy_version,
        "policy": policy.to_dict(),
        "provenance": inputs.policy.provenance,
        "config_warnings": inputs.policy.warnings,
    }
    return judged


def _failing(counted: list[dict[str, Any]], fail_on: str, ran: int, settings: EngineSettings) -> tuple[bool, str]:
    if fail_on == "consensus":
        verdict = _rescore(counted, ran, settings)
        if verdict.passed:
            return False, ""
        why = (f"{verdict.blocking} blocking finding(s)" if verdict.blocking
               else f"risk {verdict.risk} is not below {settings.pass_risk_below}")
        return True, f"consensus verdict: {why} among {len(counted)} counted finding(s)"
    limit = SEVERITY_RANK[fail_on]
    at_or_above = [f for f in counted if SEVERITY_RANK.get(f["severity"], 4) <= limit]
    if not at_or_above:
        return False, ""
    worst = min(at_or_above, key=lambda f: SEVERITY_RANK.get(f["severity"], 4))
    return True, (f"{len(at_or_above)} counted finding(s) at or above {fail_on}, e.g. {worst['severity']} "
                  f"{worst['rule_id']} at {worst['file']}:{worst['line']}")


def _fixed(baseline: Baseline, unmatched: Counter[Any], kept: list[dict[str, Any]], view: _DiffView) -> list[dict[str, Any]]:
    """Baseline findings this change removed: their file is deleted, their flagged line removed
    (and not re-added elsewhere), or, for an earlier push of the same change, no longer added."""
    present = {f.get("anchor") for f in kept}
    added_anchors: set[str] = set()
    removed_anchors: set[str] = set()
    rule_ids_by_path: dict[str, set[str]] = defaultdict(set)
    for f in baseline.findings or []:
        rule_ids_by_path[f["file"]].add(f["rule_id"])
    for path, rule_ids in rule_ids_by_path.items():
        for rule_id in rule_ids:
            added_anchors.update(anchor(path, rule_id, view.rows[path][n]) for n in view.added.get(path, ()))
            removed_anchors.update(anchor(path, rule_id, text) for text in view.removed.get(path, ()))
    fixed = []
    for f in baseline.findings or []:
        if unmatched[f.get("fingerprint")] <= 0:
            continue
        mark = f.get("anchor")
        gone = f["file"] in view.deleted
        if not gone and mark and mark not in present:
            if mark in removed_anchors and mark not in added_anchors:
                gone = True
            elif baseline.same_change and mark not in added_anchors:
                gone = True
        if gone:
            unmatched[f.get("fingerprint")] -= 1
            fixed.append({k: f.get(k) for k in ("rule_id", "severity", "title", "file", "line", "fingerprint")})
    return fixed
