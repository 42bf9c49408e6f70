"""A compact snapshot of the review index, so a restart need not parse every record file.

Parsing 100,000 record files takes seconds; reading one file of their index fields takes a
fraction of one. The store writes the snapshot at a clean shutdown, after its last write, and
removes it before its next write, so a snapshot on disk describes the records as they are.
It is never trusted blindly: each entry carries the inode, size and modification time its
record file had when the snapshot was written, and an entry is used only while its file still
has them. A file that changed, a file the snapshot does not know, and every file when the
snapshot is damaged (checksum, format, fields, lengths) are parsed as without a snapshot; an
entry whose file is gone brings nothing back.

What a start needs of each review is small (its id, project, seq and status, to build the
index); the rest of the record is only needed when the review is read. So the file holds two
parts, and only the first is decoded at start:

* the index: a JSON object of columns (:data:`COLUMNS`), one list per column, one item per
  review in ascending seq (decoding a few lists of scalars is ten times quicker than a list of
  records); project ids and statuses are numbers into their tables (:data:`TABLES`);
* the values: per review, a JSON array of its record's field values in ``fields`` order (the
  engine result is always null here: it stays in the record file and is read on demand), all
  concatenated; ``length`` says where each ends. The store keeps these bytes and builds a
  review's record the first time it is read (:meth:`Snapshot.values`).

Format: one JSON header line ``{"format", "fields", "count", "index_bytes", "sha256"}`` (the
checksum covers everything after the header line), then the index, then the values.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import operator
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from wfc_server.store.records import ReviewRecord

SNAPSHOT_NAME = "index.snapshot"
FORMAT = 2
FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(ReviewRecord))
COLUMNS = ("inode", "size", "mtime_ns", "review_id", "project", "seq", "status", "length")
#: Columns of small integers naming an item of a table (few distinct values among many reviews:
#: integers decode quicker than strings, and every review of a project shares one string).
TABLES = {"project": "projects", "status": "statuses"}
_RESULT = FIELDS.index("result")

#: (inode, size, mtime in ns) of a record file.
FileStamp = tuple[int, int, int]


class SnapshotInvalid(ValueError):
    """The snapshot is damaged or from another format: it is ignored."""


class Entry(NamedTuple):
    """One review as the snapshot holds it: its file's stamp, index fields and encoded values."""

    stamp: FileStamp
    review_id: str
    project_id: str
    seq: int
    status: str
    values: bytes


def stamp(stat: os.stat_result) -> FileStamp:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def encode_values(record: ReviewRecord, overrides: dict[str, Any]) -> bytes:
    """A record's values as the snapshot keeps them: ``overrides`` replace in-memory values with
    what the record file holds (fields the service changes in memory between writes)."""
    values = [getattr(record, name) for name in FIELDS]
    values[_RESULT] = None
    for name, value in overrides.items():
        values[FIELDS.index(name)] = value
    return orjson.dumps(values)


def entry(file_stamp: FileStamp, record: ReviewRecord, overrides: dict[str, Any]) -> Entry:
    return Entry(file_stamp, record.review_id, record.project_id, record.seq, record.status,
                 encode_values(record, overrides))


def encode(entries: Iterable[Entry]) -> bytes:
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    tables: dict[str, dict[str, int]] = {table: {} for table in TABLES.values()}
    projects, statuses = tables["projects"], tables["statuses"]
    values = []
    for item in entries:
        project = projects.setdefault(item.project_id, len(projects))
        status = statuses.setdefault(item.status, len(statuses))
        row = (*item.stamp, item.review_id, project, item.seq, status, len(item.values))
        for name, value in zip(COLUMNS, row):
            columns[name].append(value)
        values.append(item.values)
    index = orjson.dumps({**columns, **{table: list(items) for table, items in tables.items()}})
    body = index + b"".join(values)
    header = orjson.dumps({"format": FORMAT, "fields": list(FIELDS), "count": len(values),
                           "index_bytes": len(index), "sha256": hashlib.sha256(body).hexdigest()})
    return header + b"\n" + body


class Snapshot:
    """A decoded snapshot: the index columns, and each review's values still encoded."""

    __slots__ = ("inodes", "sizes", "mtimes", "review_ids", "project_ids", "seqs", "statuses", "_ends", "_values",
                 "_position")

    def __init__(self, columns: dict[str, list[Any]], values: memoryview) -> None:
        self.inodes: list[int] = columns["inode"]
        self.sizes: list[int] = columns["size"]
        self.mtimes: list[int] = columns["mtime_ns"]
        self.review_ids: list[str] = columns["review_id"]
        self.project_ids: list[str] = columns["project"]  # resolved from the table by decode()
        self.seqs: list[int] = columns["seq"]
        self.statuses: list[str] = columns["status"]
        self._ends = list(itertools.accumulate(columns["length"]))
        self._values = values
        self._position = {review_id: i for i, review_id in enumerate(self.review_ids)}

    def __len__(self) -> int:
        return len(self.review_ids)

    def position(self, review_id: str) -> int | None:
        return self._position.get(review_id)

    def stamp(self, position: int) -> FileStamp:
        return (self.inodes[position], self.sizes[position], self.mtimes[position])

    def values(self, position: int) -> bytes:
        """The encoded values of one review (:func:`record` builds it)."""
        start = self._ends[position - 1] if position else 0
        return bytes(self._values[start:self._ends[position]])


def record(values: bytes) -> ReviewRecord:
    """The record the snapshot's values describe; SnapshotInvalid when they do not fit."""
    try:
        decoded = orjson.loads(values)
    except orjson.JSONDecodeError as exc:
        raise SnapshotInvalid(f"entry is not JSON ({exc})") from None
    if type(decoded) is not list or len(decoded) != len(FIELDS):
        raise SnapshotInvalid("malformed entry")
    return ReviewRecord(*decoded)


def decode(raw: bytes) -> Snapshot:
    """The snapshot in ``raw``; SnapshotInvalid when it cannot be trusted."""
    newline = raw.find(b"\n")
    if newline < 0:
        raise SnapshotInvalid("no header line")
    body = memoryview(raw)[newline + 1:]  # views, not copies: the file is tens of megabytes
    try:
        header = orjson.loads(raw[:newline])
    except orjson.JSONDecodeError as exc:
        raise SnapshotInvalid(f"header is not JSON ({exc})") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise SnapshotInvalid("unknown format")
    if header.get("fields") != list(FIELDS):
        raise SnapshotInvalid("written for other record fields")
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        raise SnapshotInvalid("checksum mismatch")
    index_bytes = header.get("index_bytes")
    if type(index_bytes) is not int or not 0 < index_bytes <= len(body):
        raise SnapshotInvalid("malformed index")
    try:
        index = orjson.loads(body[:index_bytes])
    except orjson.JSONDecodeError as exc:
        raise SnapshotInvalid(f"index is not JSON ({exc})") from None
    count = header.get("count")
    if not isinstance(index, dict) or set(index) != {*COLUMNS, *TABLES.values()} or not all(
        type(index[name]) is list and len(index[name]) == count for name in COLUMNS
    ):
        raise SnapshotInvalid("entry count mismatch")
    columns = _checked_columns(index)
    values = body[index_bytes:]
    if sum(columns["length"]) != len(values):
        raise SnapshotInvalid("values do not match their lengths")
    seqs = columns["seq"]
    if any(map(operator.ge, seqs, itertools.islice(seqs, 1, None))):
        raise SnapshotInvalid("entries out of seq order")
    snapshot = Snapshot(columns, values)
    if len(snapshot._position) != len(snapshot):  # noqa: SLF001
        raise SnapshotInvalid("duplicate review id")
    return snapshot


def _checked_columns(index: dict[str, Any]) -> dict[str, list[Any]]:
    """The columns, table references resolved, each holding what its readers rely on (the
    checksum guards against damage, this against a writer's mistake). Whole-column C calls
    (``sum`` refuses anything but numbers, ``join`` anything but strings) check 100,000 items in
    about a millisecond."""
    columns: dict[str, list[Any]] = {}
    try:
        for name in COLUMNS:
            column = index[name]
            if name == "review_id":
                "".join(column)
            else:
                sum(column)
            if name in TABLES:
                table = index[TABLES[name]]
                if type(table) is not list:
                    raise TypeError
                "".join(table)
                if column and (min(column) < 0 or max(column) >= len(table)):
                    raise IndexError
                column = [table[i] for i in column]
            columns[name] = column
    except (TypeError, IndexError):
        raise SnapshotInvalid(f"malformed column {name}") from None
    if min(columns["length"], default=0) < 0:
        raise SnapshotInvalid("malformed column length")
    return columns


def read(path: Path) -> Snapshot | None:
    """The snapshot at ``path``; None when there is none; SnapshotInvalid when damaged."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return decode(raw)
