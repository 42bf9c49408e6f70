"""A compact snapshot of the review index, so a restart need not parse every record file.

Parsing 100,000 record files takes seconds; reading one file of their index fields takes a
fraction of one. The store writes the snapshot at a clean shutdown, after its last write, and
removes it before its next write, so a snapshot on disk describes the records as they are.
It is never trusted blindly: each entry carries the inode, size and modification time its
record file had when the snapshot was written, and an entry is used only while its file still
has them. A file that changed, a file the snapshot does not know, and every file when the
snapshot is damaged (checksum, format, fields) are parsed as without a snapshot; an entry whose
file is gone brings nothing back.

Format: one JSON header line ``{"format", "fields", "count", "sha256"}``, then a JSON array of
``[inode, size, mtime_ns, *values]``, values in ``fields`` order (the record's fields; the engine
result is always null here: it stays in the record file and is read on demand).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from wfc_server.store.records import ReviewRecord

SNAPSHOT_NAME = "index.snapshot"
FORMAT = 1
FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(ReviewRecord))
_ID = 3 + FIELDS.index("review_id")
_RESULT = FIELDS.index("result")

#: (inode, size, mtime in ns) of a record file.
FileStamp = tuple[int, int, int]


class SnapshotInvalid(ValueError):
    """The snapshot is damaged or from another format: it is ignored."""


def stamp(stat: os.stat_result) -> FileStamp:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def encode(entries: Iterable[tuple[FileStamp, ReviewRecord, dict[str, Any]]]) -> bytes:
    """The snapshot of ``(file stamp, record, overrides)``: overrides replace in-memory values
    with what the record file holds (fields the service changes in memory between writes)."""
    rows = []
    for file_stamp, record, overrides in entries:
        values = [getattr(record, name) for name in FIELDS]
        values[_RESULT] = None
        for name, value in overrides.items():
            values[FIELDS.index(name)] = value
        rows.append([*file_stamp, *values])
    body = orjson.dumps(rows)
    header = orjson.dumps({"format": FORMAT, "fields": list(FIELDS), "count": len(rows),
                           "sha256": hashlib.sha256(body).hexdigest()})
    return header + b"\n" + body


def decode(raw: bytes) -> dict[str, list[Any]]:
    """review_id -> its row (:func:`matches`, :func:`record`); SnapshotInvalid when it cannot be
    trusted."""
    header_raw, newline, body = raw.partition(b"\n")
    if not newline:
        raise SnapshotInvalid("no header line")
    try:
        header = orjson.loads(header_raw)
    except orjson.JSONDecodeError as exc:
        raise SnapshotInvalid(f"header is not JSON ({exc})") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise SnapshotInvalid("unknown format")
    if header.get("fields") != list(FIELDS):
        raise SnapshotInvalid("written for other record fields")
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        raise SnapshotInvalid("checksum mismatch")
    rows = orjson.loads(body)
    if not isinstance(rows, list) or len(rows) != header.get("count"):
        raise SnapshotInvalid("entry count mismatch")
    width = 3 + len(FIELDS)
    if not all(type(row) is list and len(row) == width for row in rows):
        raise SnapshotInvalid("malformed entry")
    return {row[_ID]: row for row in rows}


def matches(row: list[Any], stat: os.stat_result) -> bool:
    """Whether the record file is still the one the snapshot described."""
    return row[0] == stat.st_ino and row[1] == stat.st_size and row[2] == stat.st_mtime_ns


def record(row: list[Any]) -> ReviewRecord:
    return ReviewRecord(*row[3:])


def read(path: Path) -> dict[str, list[Any]] | None:
    """The snapshot at ``path``; None when there is none; SnapshotInvalid when damaged."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return decode(raw)
