"""Results of the review's own null-returning functions dereferenced unchecked (WFC-COR-NULL-RESULT).

Runs once per review over all its JavaScript/TypeScript, Java and Go files together, so a helper
declared in one file and misused in another is seen (:mod:`wfc_server.review.analysis.null_returns`).
Python has its own version in :mod:`py_none_flow`.
"""

from __future__ import annotations

from collections.abc import Sequence

from wfc_server.review.analysis import null_returns
from wfc_server.review.analysis.report import finding
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.sg_common import root_for
from wfc_server.review.rules.correctness.null_result_dereference import NULL_RESULT_DEREFERENCE

FAMILY = "ast-grep"
#: Files with lines this long are minified bundles: no summaries, no findings.
_MAX_LINE = 3000


def findings(files: Sequence[SourceFile]) -> list[RawFinding]:
    """Every unchecked dereference of a null-returning function's result, over one review's files."""
    candidates = [s for s in files if s.language in null_returns.FAMILIES and not s.is_test
                  and not any(len(line) > _MAX_LINE for line in s.text.splitlines())]
    if not any(null_returns.NULL_RETURN_TEXT.search(s.text) for s in candidates):
        return []
    units = []
    for source in candidates:
        root = root_for(source)
        if root is not None:
            units.append((source, null_returns.Unit(source.path, null_returns.FAMILIES[source.language], root)))
    table = null_returns.summaries(unit for _, unit in units)
    out: list[RawFinding] = []
    for source, unit in units:
        for use in null_returns.unchecked_derefs(unit, table.get(unit.family, {})):
            held = f"`{use.variable}` holds the result of `{use.callee}(...)`" if use.variable else (
                f"`{use.callee}(...)`")
            out.append(finding(NULL_RESULT_DEREFERENCE, source, use.line + 1, FAMILY,
                               detail=f"({held}, which returns null/nil at {use.origin}; it is dereferenced "
                                      "here without a check)"))
    return out
