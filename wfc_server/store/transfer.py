"""Moving a deployment between backends: ``wfc-server export`` / ``wfc-server import``.

The export is JSON lines, one item a line, in the order an import needs them: the key-hashing
secret first (every key hash depends on it), then projects, API keys, gate policies and
suppressions, reviews with their diff, engine result and (from PostgreSQL) stored events, and
the audit trail. An import adds what the target lacks and leaves what it has (a project's policy
or suppression, a review, an audit entry already there is kept): running it twice changes
nothing. Audit entries are numbered anew in the target's trail, in their original order. A target that already holds keys hashed
with another secret is refused, since either side's keys would stop verifying.

Both ends run offline, against a stopped deployment (or at least one nobody writes to).
"""

from __future__ import annotations

import base64
import os
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson

from wfc_server.service.credentials import _SECRET_FILE
from wfc_server.store.atomic import write_atomic
from wfc_server.store.audit import FileAuditLog
from wfc_server.store.documents import DocumentFiles
from wfc_server.store.keys import FileKeyStore, KeyRecord
from wfc_server.store.policies import FilePolicyStore
from wfc_server.store.projects import ProjectExists, ProjectStore
from wfc_server.store.records import ProjectRecord, ReviewRecord
from wfc_server.store.reviews import ReviewStore
from wfc_server.store.suppressions import FileSuppressionStore

FORMAT = "wfc-export/1"
HASHING_SECRET = "key_hashing"
DOCUMENTS = ("policy", "suppression")


class TransferError(Exception):
    """The export cannot be read, or the target cannot take it (a different hashing secret)."""


@dataclass(slots=True)
class ExportedReview:
    record: ReviewRecord  # result included
    diff: str
    events: list[dict[str, Any]] = field(default_factory=list)  # {seq, kind, body}, oldest first


@dataclass(slots=True)
class Counts:
    """What an import added (``added``) and found already there (``present``), per kind."""

    added: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, added: bool) -> None:
        target = self.added if added else self.present
        target[kind] = target.get(kind, 0) + 1


class Source(Protocol):
    async def secret(self) -> bytes | None: ...
    def projects(self) -> AsyncIterator[ProjectRecord]: ...
    def keys(self) -> AsyncIterator[KeyRecord]: ...
    def documents(self) -> AsyncIterator[tuple[str, str, dict[str, Any]]]:
        """(``policy`` | ``suppression``, project id, document)."""
        ...
    def reviews(self) -> AsyncIterator[ExportedReview]: ...
    def audit(self) -> AsyncIterator[dict[str, Any]]:
        """The trail, oldest first."""
        ...


class Target(Protocol):
    async def adopt_secret(self, secret: bytes) -> bool:
        """Use ``secret``; True when it was new here. TransferError if keys use another one."""
        ...
    async def add_project(self, project: ProjectRecord) -> bool: ...
    async def add_key(self, key: KeyRecord) -> bool: ...
    async def add_document(self, kind: str, project_id: str, document: dict[str, Any]) -> bool: ...
    async def add_review(self, review: ExportedReview) -> bool: ...
    async def add_audit(self, entry: dict[str, Any]) -> bool: ...


# -- the format ---------------------------------------------------------------------------


async def export_lines(source: Source) -> AsyncIterator[bytes]:
    """The export, one JSON document per line (newline included)."""
    yield _line({"kind": "header", "format": FORMAT})
    secret = await source.secret()
    if secret is not None:
        yield _line({"kind": "secret", "name": HASHING_SECRET, "value": base64.b64encode(secret).decode()})
    async for project in source.projects():
        yield _line({"kind": "project", "data": _fields(project)})
    async for key in source.keys():
        yield _line({"kind": "key", "data": key.to_json()})
    async for kind, project_id, document in source.documents():
        yield _line({"kind": kind, "project_id": project_id, "data": document})
    async for review in source.reviews():
        yield _line({"kind": "review", "data": review.record.to_json(), "diff": review.diff,
                     "events": review.events})
    async for entry in source.audit():
        yield _line({"kind": "audit", "data": entry})


async def import_lines(lines: Iterable[bytes], target: Target) -> Counts:
    counts = Counts()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            item = orjson.loads(raw)
            kind = item["kind"]
            if kind == "header":
                if item.get("format") != FORMAT:
                    raise TransferError(f"line {number}: not a {FORMAT} export ({item.get('format')!r})")
                continue
            if kind == "secret":
                counts.count(kind, await target.adopt_secret(base64.b64decode(item["value"])))
            elif kind == "project":
                counts.count(kind, await target.add_project(ProjectRecord(**item["data"])))
            elif kind == "key":
                counts.count(kind, await target.add_key(KeyRecord.from_json(item["data"])))
            elif kind in DOCUMENTS:
                counts.count(kind, await target.add_document(kind, item["project_id"], item["data"]))
            elif kind == "audit":
                counts.count(kind, await target.add_audit(item["data"]))
            elif kind == "review":
                review = ExportedReview(ReviewRecord.from_json(item["data"]), item["diff"], item.get("events", []))
                counts.count(kind, await target.add_review(review))
            else:
                raise TransferError(f"line {number}: unknown kind {kind!r}")
        except TransferError:
            raise
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise TransferError(f"line {number}: not a valid export line ({exc})") from exc
    return counts


def _line(document: dict[str, Any]) -> bytes:
    return orjson.dumps(document) + b"\n"


def audit_fingerprint(entry: dict[str, Any]) -> bytes:
    """An audit entry's identity across trails: everything but its number."""
    return orjson.dumps({k: v for k, v in entry.items() if k != "seq"}, option=orjson.OPT_SORT_KEYS)


def _fields(project: ProjectRecord) -> dict[str, Any]:
    return {name: getattr(project, name) for name in ProjectRecord.__dataclass_fields__}


# -- the embedded backend (a data directory) ------------------------------------------------


class EmbeddedEnd:
    """A data directory as an export source and an import target."""

    def __init__(self, data_dir: Path) -> None:
        self._dir = data_dir
        self._projects = ProjectStore(data_dir)
        self._keys = FileKeyStore(data_dir)
        self._reviews = ReviewStore(data_dir)
        self._policies = FilePolicyStore(data_dir)
        self._suppressions = FileSuppressionStore(data_dir)
        self._policy_files = DocumentFiles(data_dir, "policies")
        self._audit = FileAuditLog(data_dir)
        self._audited: set[bytes] = set()

    async def open(self) -> None:
        self._dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        await self._projects.load()
        await self._keys.load()
        await self._reviews.load()
        await self._audit.load()
        self._audited = {audit_fingerprint(e) for e in await self._trail()}

    async def close(self) -> None:
        self._audit.close()

    async def _trail(self) -> list[dict[str, Any]]:
        total, _ = await self._audit.page(None, 0, 0)
        return (await self._audit.page(None, total, 0))[1][::-1]

    # source

    async def secret(self) -> bytes | None:
        path = self._dir / _SECRET_FILE
        return path.read_bytes() if path.exists() else None

    async def projects(self) -> AsyncIterator[ProjectRecord]:
        for project in self._projects.all():
            yield project

    async def keys(self) -> AsyncIterator[KeyRecord]:
        for key in sorted(self._keys.all(), key=lambda k: (k.created_at, k.key_id)):
            yield key

    async def documents(self) -> AsyncIterator[tuple[str, str, dict[str, Any]]]:
        for project in self._projects.all():
            policy = await self._policies.get(project.project_id)
            if policy is not None:
                yield "policy", project.project_id, policy
            for suppression in await self._suppressions.list(project.project_id):
                yield "suppression", project.project_id, suppression

    async def audit(self) -> AsyncIterator[dict[str, Any]]:
        for entry in await self._trail():
            yield entry

    async def reviews(self) -> AsyncIterator[ExportedReview]:
        records = []
        for project in self._projects.all():
            total, _ = self._reviews.list(project.project_id, None, 0, 0)
            records += self._reviews.list(project.project_id, None, total, 0)[1]
        for record in sorted(records, key=lambda r: r.seq):
            exported = ReviewRecord.from_json(record.to_json())
            exported.result = await self._reviews.result(record)
            yield ExportedReview(exported, await self._reviews.read_diff(record.review_id))

    # target

    async def adopt_secret(self, secret: bytes) -> bool:
        current = await self.secret()
        if current == secret:
            return False
        if current is not None and (self._keys.all() or self._projects.all()):
            raise TransferError(f"{self._dir} already holds keys hashed with another secret")
        await write_atomic(self._dir / _SECRET_FILE, secret)
        os.chmod(self._dir / _SECRET_FILE, 0o600)
        return True

    async def add_project(self, project: ProjectRecord) -> bool:
        try:
            await self._projects.create(project)
        except ProjectExists:
            return False
        return True

    async def add_key(self, key: KeyRecord) -> bool:
        if self._keys.get(key.project_id, key.key_id) is not None:
            return False
        await self._keys.save(key)
        return True

    async def add_document(self, kind: str, project_id: str, document: dict[str, Any]) -> bool:
        if kind == "policy":
            if await self._policies.get(project_id) is not None:
                return False
            await self._policy_files.write(project_id, "policy", document)
            return True
        if any(s.get("id") == document.get("id") for s in await self._suppressions.list(project_id)):
            return False
        await self._suppressions.add(project_id, document)
        return True

    async def add_audit(self, entry: dict[str, Any]) -> bool:
        fingerprint = audit_fingerprint(entry)
        if fingerprint in self._audited:
            return False
        await self._audit.append({k: v for k, v in entry.items() if k != "seq"})
        self._audited.add(fingerprint)
        return True

    async def add_review(self, review: ExportedReview) -> bool:
        if self._reviews.get(review.record.review_id) is not None:
            return False
        record = review.record
        record.seq = self._reviews.next_seq()  # arrival order here: after what this store holds
        await self._reviews.create(record, review.diff)
        return True
