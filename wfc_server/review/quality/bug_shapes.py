"""Ordinary bugs read from the shape of the code around an operation, in every language they
exist in: results used on their own error path, error branches that return the wrong error,
iterators whose error is never read (Go), and last elements read from values never shown to be
non-empty (Go, Java, JavaScript/TypeScript), ``this`` beside its outer alias and assignments to
undeclared names (JavaScript/TypeScript), results used untested against the file's own null-check
habit (all four), loop ``else`` clauses that always run and cleanup code
reading names the ``try`` may not have bound (Python).

Java library calls that answer null for "absent" (``File.list``, ``ZipFile.getEntry``) are reported
under the shared null-result rule.

The facts come from :mod:`wfc_server.review.analysis.go_errors`,
:mod:`wfc_server.review.analysis.last_index` and :mod:`wfc_server.review.analysis.py_blocks`; this
module maps them to rules.
"""

from __future__ import annotations

import dataclasses

from ast_grep_py import SgNode, SgRoot

from wfc_server.review.analysis import (
    beliefs,
    falsy_zero,
    go_errors,
    go_nils,
    java_absent,
    js_scope,
    last_index,
    py_blocks,
)
from wfc_server.review.analysis.report import finding
from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.quality.pyast import parse
from wfc_server.review.quality.sg_common import root_for
from wfc_server.review.rules.correctness.falsy_zero import FALSY_ZERO
from wfc_server.review.rules.correctness.fstring_no_placeholder import FSTRING_MISSING_BRACES
from wfc_server.review.rules.correctness.go_nil_values import ASSERTED_LOOKUP, UNASSIGNED_POINTER
from wfc_server.review.rules.correctness.js_scope import THIS_IN_NESTED_FUNCTION, UNDECLARED_ASSIGNMENT
from wfc_server.review.rules.correctness.last_element import LAST_ELEMENT
from wfc_server.review.rules.correctness.loop_else import LOOP_ELSE_WITHOUT_BREAK
from wfc_server.review.rules.correctness.null_habit import NULL_AGAINST_HABIT
from wfc_server.review.rules.correctness.null_result_dereference import NULL_RESULT_DEREFERENCE
from wfc_server.review.rules.correctness.result_on_error_path import RESULT_ON_ERROR_PATH
from wfc_server.review.rules.reliability.close_skipped import CLOSE_SKIPPED
from wfc_server.review.rules.reliability.unbound_in_cleanup import UNBOUND_IN_CLEANUP
from wfc_server.review.rules.reliability.wrong_error import (
    ERROR_ONLY_CONDITIONAL,
    ITERATOR_ERR_UNCHECKED,
    WRONG_ERROR_RETURNED,
)

FAMILY = "ast-grep"
_FAMILIES = {"javascript": "js", "typescript": "js", "java": "java", "go": "go"}


def check(source: SourceFile) -> list[RawFinding]:
    """Every bug-shape finding of one file."""
    if source.language == "python":
        return _python(source)
    family = _FAMILIES.get(source.language)
    if family is None or any(len(line) > 3000 for line in source.text.splitlines()):
        return []
    root = root_for(source)
    if root is None:
        return []
    out = _habits(root, family, source)
    out += [finding(LAST_ELEMENT, source, read.line + 1, FAMILY,
                   detail=f"(`{read.read}`: `{read.name}` may be empty)")
           for read in last_index.unguarded_last_reads(root, family)]
    if family == "java":
        out += [finding(NULL_RESULT_DEREFERENCE, source, use.line + 1, FAMILY,
                        detail=f"(`{use.call}`: null for an absent entry or an unreadable directory, {use.how})")
                for use in java_absent.absent_results_used(root)]
    if family == "js":
        out += [finding(FALSY_ZERO, source, fact.line + 1, FAMILY, detail=f"({fact.how}: 0 fails the guard)")
                for fact in falsy_zero.guard_then_compare(root, "js")]
        out += [finding(THIS_IN_NESTED_FUNCTION, source, fact.line + 1, FAMILY,
                        detail=f"(`{fact.where}` also uses `{fact.name}`, the outer function's `this`)")
                for fact in js_scope.this_beside_alias(root)]
        out += [finding(UNDECLARED_ASSIGNMENT, source, fact.line + 1, FAMILY,
                        detail=f"(`{fact.where}`: `{fact.name}` is not declared in scope)")
                for fact in js_scope.undeclared_assignments(root)]
    if family == "go":
        out += [finding(RESULT_ON_ERROR_PATH, source, use.line + 1, FAMILY,
                        detail=f"(`{use.name}` from `{use.other}` is nil when it failed)")
                for use in go_errors.results_used_on_failure(root)]
        out += [finding(ASSERTED_LOOKUP, source, fact.line + 1, FAMILY,
                        detail=f"(`{fact.what}` panics when `{fact.name}` lacks the key)")
                for fact in go_nils.asserted_map_lookups(root)]
        out += [finding(UNASSIGNED_POINTER, source, fact.line + 1, FAMILY,
                        detail=f"(`{fact.what}`: `{fact.name}` is declared nil and never assigned)")
                for fact in go_nils.never_assigned_pointers(root)]
        out += [finding(WRONG_ERROR_RETURNED, source, ret.line + 1, FAMILY,
                        detail=f"(tests `{ret.other}`, returns `{ret.name}`)")
                for ret in go_errors.wrong_error_returned(root)]
        out += [finding(ERROR_ONLY_CONDITIONAL, source, fact.line + 1, FAMILY,
                        detail=f"(`{fact.name}` is returned only when `{fact.other}`)")
                for fact in go_errors.error_returned_only_conditionally(root)]
        if source.complete:
            out += [finding(CLOSE_SKIPPED, source, fact.line + 1, FAMILY,
                            detail=f"(`{fact.name}` from `{fact.other}` is closed later, not on this return)")
                    for fact in go_errors.closed_on_normal_path_only(root)]
            out += [finding(ITERATOR_ERR_UNCHECKED, source, loop.line + 1, FAMILY,
                            detail=f"(`{loop.other}` loop; `{loop.name}.Err()` is never called)")
                    for loop in go_errors.iterators_without_err(root)]
    return out


def _python(source: SourceFile) -> list[RawFinding]:
    tree = parse(source.text)
    if tree is None:
        return []
    out = [finding(LOOP_ELSE_WITHOUT_BREAK, source, fact.line, FAMILY,
                   detail=f"(the `{fact.name}` loop at line {fact.other} has no `break`)")
           for fact in py_blocks.loop_else_always_runs(tree)]
    out += [finding(FSTRING_MISSING_BRACES, source, fact.line, FAMILY, detail=f"(`{fact.name}` without braces)")
            for fact in py_blocks.fstrings_missing_braces(tree)]
    out += [finding(FALSY_ZERO, source, fact.line, FAMILY, detail=f"(`{fact.name}` is an optional number)")
            for fact in falsy_zero.python_optional_numbers(tree)]
    habits = beliefs.worth_reading(source.text, "python")
    if habits or " and " in source.text:
        sg = SgRoot(source.text, "python").root()
        out += [finding(FALSY_ZERO, source, fact.line + 1, FAMILY, detail=f"({fact.how}: 0 fails the guard)")
                for fact in falsy_zero.guard_then_compare(sg, "python")]
        if habits:
            out += _habits(sg, "python", source)
    out += [finding(UNBOUND_IN_CLEANUP, source, fact.line, FAMILY,
                    detail=f"(`{fact.name}` is first bound inside the `try` at line {fact.other})")
            for fact in py_blocks.unbound_in_cleanup(tree)]
    return out


def _habits(root: SgNode, family: str, source: SourceFile) -> list[RawFinding]:
    """Results used untested against the file's own habit; a dereference against a strong habit
    (three tested sites or more) is medium, the rest low."""
    out = []
    for dev in beliefs.unchecked_against_habit(root, family):
        raw = finding(NULL_AGAINST_HABIT, source, dev.line + 1, FAMILY,
                      detail=f"(`{dev.callee}(...)` is {dev.how} here; {dev.checked} of its {dev.sites} "
                      "uses in this file test it for null first)")
        strong = dev.how == "dereferenced" and dev.checked >= 3
        out.append(dataclasses.replace(raw, severity="medium") if strong else raw)
    return out
