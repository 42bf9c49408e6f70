"""Per-file ordinary-bug facts for JavaScript/TypeScript, Java and Go that need no data flow beyond
one function: ``Map.get`` results dereferenced unchecked (WFC-COR-NULL-RESULT), reads at index ``length`` (WFC-COR-INDEX-LEN), bounds checks that admit the length
(WFC-COR-OFF-BY-ONE), search positions used before the -1 check and split pieces taken unchecked
(WFC-COR-INDEX-NOT-FOUND, WFC-COR-SPLIT-INDEX, also Python), check-then-act on concurrent maps (WFC-COR-CHECK-THEN-ACT, Java and Go) and
resources not released on every path (WFC-REL-RESOURCE-LEAK, JavaScript).

The facts come from :mod:`wfc_server.review.analysis.bounds` and
:mod:`wfc_server.review.analysis.js_resources`; this module maps them to rules.
"""

from __future__ import annotations

import dataclasses

from ast_grep_py import SgNode, SgRoot

from wfc_server.review.analysis import bounds, check_then_act, js_resources, null_returns, search_index, split_index
from wfc_server.review.analysis.report import finding
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.sg_common import root_for
from wfc_server.review.rules.correctness.check_then_act import CHECK_THEN_ACT
from wfc_server.review.rules.correctness.null_result_dereference import NULL_RESULT_DEREFERENCE
from wfc_server.review.rules.correctness.off_by_one import INDEX_LEN, OFF_BY_ONE
from wfc_server.review.rules.correctness.search_not_found import INDEX_NOT_FOUND
from wfc_server.review.rules.correctness.split_index import SPLIT_INDEX
from wfc_server.review.rules.reliability.resource_leak import RESOURCE_LEAK

FAMILY = "ast-grep"
_FAMILIES = {"javascript": "js", "typescript": "js", "java": "java", "go": "go"}


def check(source: SourceFile) -> list[RawFinding]:
    """Every bug fact of one JS/TS/Java/Go file (Python: search positions only)."""
    if any(len(line) > 3000 for line in source.text.splitlines()):
        return []
    if source.language == "python":
        if not search_index.QUICK.search(source.text) and not split_index.QUICK.search(source.text):
            return []  # no search or split call: skip the parse
        return _positions(SgRoot(source.text, "python").root(), "python", source)
    family = _FAMILIES.get(source.language)
    root = root_for(source) if family is not None else None
    if family is None or root is None:
        return []
    out = _positions(root, family, source)
    out += [finding(INDEX_LEN, source, fact.line + 1, FAMILY, detail=f"({fact.what})")
           for fact in bounds.index_at_length(root, family)]
    out += [finding(OFF_BY_ONE, source, fact.line + 1, FAMILY, detail=f"({fact.what})")
            for fact in bounds.lenient_guards(root, family) + bounds.lookahead_past_end(root, family)]
    racy = check_then_act.java_check_then_act(root) if family == "java" else (
        check_then_act.go_check_then_act(root) if family == "go" else [])
    out += [finding(CHECK_THEN_ACT, source, race.line + 1, FAMILY,
                    detail=f"(`{race.check}` then `{race.act}` on `{race.map_name}`)") for race in racy]
    if family == "js":
        out += [finding(NULL_RESULT_DEREFERENCE, source, use.line + 1, FAMILY,
                        detail=f"(`{use.callee}(...)` is undefined for a missing key)")
                for use in null_returns.js_map_lookups(root)]
        out += [dataclasses.replace(finding(RESOURCE_LEAK, source, leak.line + 1, FAMILY,
                                            detail=f"(`{leak.name}` from `{leak.acquired}` {leak.reason})"),
                                    severity="medium")
                for leak in js_resources.unreleased(root)]
    return out


def _positions(root: SgNode, family: str, source: SourceFile) -> list[RawFinding]:
    """Search positions and split pieces used unchecked (the analyses every language shares)."""
    out = [finding(INDEX_NOT_FOUND, source, use.line + 1, FAMILY,
                   detail=f"(`{use.name}` = `{use.search}` may be -1 here)")
           for use in search_index.unchecked_positions(root, family)]
    out += [finding(SPLIT_INDEX, source, piece.line + 1, FAMILY, detail=f"({piece.what})")
            for piece in split_index.unchecked_pieces(root, family)]
    return out
