"""Report formats for a completed review: pure functions from the review's JSON to a document.

Used by ``GET /v1/reviews/{id}/report?format=`` and by the ``wfc`` client's ``--format``; no I/O,
no service imports, so both produce byte-identical reports from the same review.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wfc_server.reports import codequality, junit, markdown, rdjson, sarif, text


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    media_type: str
    extension: str
    render: Callable[[dict[str, Any]], str]


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("sarif", "application/sarif+json", "sarif", sarif.render),
        Format("codequality", "application/json", "json", codequality.render),
        Format("rdjson", "application/json", "json", rdjson.render),
        Format("junit", "application/xml", "xml", junit.render),
        Format("markdown", "text/markdown", "md", markdown.render),
    )
}
#: The client's ``--format`` adds a terminal summary and the raw JSON.
CLIENT_FORMATS = ("text", "json", *FORMATS)


def render(name: str, review: dict[str, Any]) -> str:
    """The report ``name`` for ``review`` (a completed review's status object)."""
    if name == "text":
        return text.render(review)
    if name == "json":
        return json.dumps(review, indent=2, ensure_ascii=False) + "\n"
    try:
        return FORMATS[name].render(review)
    except KeyError:
        raise ValueError(f"unknown report format {name!r}; use one of {', '.join(FORMATS)}") from None
