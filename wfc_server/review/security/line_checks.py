"""Security checks that read a file's lines, run for every language they know.

Each check decides from one line and the assignments it refers to, so files without the
construct cost a regex scan and nothing else; the security reviewer calls :func:`line_checks`
once per file.
"""

from __future__ import annotations

from collections.abc import Callable

from wfc_server.review.model import RawFinding, SourceFile
from wfc_server.review.security.auth_deviance import auth_deviance
from wfc_server.review.security.crlf_lines import crlf_lines
from wfc_server.review.security.generated_source import generated_source
from wfc_server.review.security.go_argv import go_parameter_arguments
from wfc_server.review.security.headers_in_log import headers_in_log
from wfc_server.review.security.missing_deadline import missing_deadlines
from wfc_server.review.security.partial_strip import partial_credential_strip
from wfc_server.review.security.path_prefix import path_prefix_checks
from wfc_server.review.security.permission_window import permission_window
from wfc_server.review.security.secret_compare import secret_comparisons
from wfc_server.review.security.spoofable_locality import spoofable_locality
from wfc_server.review.security.traversal_strip import traversal_strip
from wfc_server.review.security.wire_lengths import untrusted_allocations
from wfc_server.review.security.world_writable import world_writable

CHECKS: tuple[Callable[[SourceFile], list[RawFinding]], ...] = (
    path_prefix_checks, untrusted_allocations, spoofable_locality, headers_in_log, generated_source,
    traversal_strip, permission_window, go_parameter_arguments, auth_deviance, secret_comparisons,
    missing_deadlines, partial_credential_strip, crlf_lines, world_writable,
)


def line_checks(source: SourceFile) -> tuple[list[RawFinding], list[str]]:
    """Every line-level security check's findings for ``source``, and the names of the checks that
    failed on it (a crash in one check must not hide the file or the other checks' findings)."""
    findings: list[RawFinding] = []
    failed: list[str] = []
    for check in CHECKS:
        try:
            findings.extend(check(source))
        except Exception:  # noqa: BLE001 - reported as a partial review of the file, never hidden
            failed.append(check.__name__)
    return findings, failed
