"""Reviews on disk, with an in-memory index so reads and listings never scan the store.

Layout: ``<data>/reviews/<2-hex shard>/<review_id>.json`` (the lifecycle record, rewritten
atomically on every transition) and ``<review_id>.diff`` (the submitted diff, written once).
The diff is written before the record, so a record on disk always has its diff; a diff without
a record was never acknowledged and is swept at start-up. ``reviews/index.snapshot`` (written at
a clean shutdown, see snapshot.py) spares a restart from parsing every record file.

Engine results (findings etc.) can be large, so only the most recently used are kept in memory;
the rest are read back from the record file on demand. Reviews taken from the snapshot stay
"dormant" (their index entries plus their still-encoded values) until first read: a start builds
no record objects, and memory holds records only for the reviews anyone looks at.
"""

from __future__ import annotations

import asyncio
import bisect
import os
from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any, NamedTuple

import aiofiles
import orjson

from wfc_server.logs import get_logger
from wfc_server.store.atomic import fsync_dir_sync, is_temp_name, remove_quietly, sweep_temp_files, write_atomic
from wfc_server.store.cache import ByteLRU
from wfc_server.store.commits import GroupCommitter, NewFile
from wfc_server.store import snapshot
from wfc_server.store.files import ScanReport, move_to_quarantine, scan_one
from wfc_server.store.records import TERMINAL, RecordError, ReviewRecord

#: Bytes of engine results kept in memory (their JSON size); the rest are read back from disk.
RESULT_CACHE_BYTES = 64 * 1024 * 1024

log = get_logger("wfc.store")


def _well_formed(result: object) -> bool:
    """The shape renderers rely on: an object whose findings are a list of objects."""
    if not isinstance(result, dict):
        return False
    findings = result.get("findings", [])
    return isinstance(findings, list) and all(isinstance(f, dict) for f in findings)


@dataclass(slots=True)
class ReviewScan(ScanReport):
    unfinished: list[ReviewRecord] = field(default_factory=list)
    orphan_diffs_removed: int = 0
    from_snapshot: int = 0  # records taken from the index snapshot (their files unchanged)
    snapshot_ignored: str | None = None  # why a snapshot on disk could not be used


def _changed(shard: str, names: list[str], known: snapshot.Snapshot | None, diffs: dict[str, str],
             unchanged: list[int]) -> list[str]:
    """The record files of one shard that must be parsed; the snapshot positions of the others
    (files whose inode, size and mtime are what the snapshot saw, beside their diff) are added
    to ``unchanged``. Each file is stat'ed relative to its shard: one call per file."""
    if known is None:
        return names
    position, inodes, sizes, mtimes = known.position, known.inodes, known.sizes, known.mtimes
    changed = []
    shard_fd = os.open(shard, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for name in names:
            review_id = name[:-5]
            at = position(review_id)
            if at is not None and review_id in diffs:
                found = os.stat(name, dir_fd=shard_fd)
                if inodes[at] == found.st_ino and sizes[at] == found.st_size and mtimes[at] == found.st_mtime_ns:
                    unchanged.append(at)
                    continue
            changed.append(name)
    finally:
        os.close(shard_fd)
    return changed


class _File(NamedTuple):
    """A record file as :func:`scan_one` takes it (a listing gives names, not DirEntry objects)."""

    name: str
    path: str


class ReviewStore:
    def __init__(self, data_dir: Path) -> None:
        self._dir = data_dir / "reviews"
        self._quarantine = data_dir / "quarantine" / "reviews"
        self._records: dict[str, ReviewRecord] = {}  # built: read since start, or parsed from files
        # Reviews taken from the snapshot and not read since: review_id -> position in it.
        self._dormant: dict[str, int] = {}
        self._snapshot: snapshot.Snapshot | None = None
        self._by_project: dict[str, list[int]] = defaultdict(list)
        self._by_status: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._by_seq: dict[int, str] = {}
        self._indexed_status: dict[str, str] = {}
        self._results: ByteLRU[dict[str, Any]] = ByteLRU(RESULT_CACHE_BYTES)
        self._locks: dict[str, asyncio.Lock] = {}
        self._next_seq = 1
        self.commits = GroupCommitter()  # concurrent submits share their flushes
        # (status, event_seq) each record file holds: the service changes both in memory
        # between writes, and a snapshot must describe the files, not the memory.
        self._persisted: dict[str, tuple[str, int]] = {}
        self._snapshot_path = self._dir / snapshot.SNAPSHOT_NAME
        self._snapshot_on_disk = False
        self._dropping: asyncio.Task[None] | None = None
        self._loaded = False  # a store that never loaded has no index worth a snapshot

    # -- start-up ---------------------------------------------------------------------------

    async def load(self) -> ReviewScan:
        """Rebuild the index from disk; corrupt records are quarantined, never fatal."""
        self._dir.mkdir(parents=True, exist_ok=True)
        report = ReviewScan()
        await asyncio.to_thread(self._load_sync, report)
        self._loaded = True
        return report

    def _load_sync(self, report: ReviewScan) -> None:
        records: list[ReviewRecord] = []  # parsed from their files
        unchanged: list[int] = []  # snapshot positions whose files are as the snapshot saw them
        known = self._read_snapshot(report)
        diffs: dict[str, str] = {}

        def accept(record: ReviewRecord, name: str) -> None:
            if name != f"{record.review_id}.json":
                raise RecordError("file name does not match review_id")
            if record.review_id not in diffs:
                raise RecordError("its diff file is missing")
            record.result = None  # results are loaded lazily; holding them all would cost GBs
            records.append(record)

        report.temp_files_removed += sweep_temp_files(self._dir)
        for shard in (e for e in os.scandir(self._dir) if e.is_dir(follow_symlinks=False)):
            names = os.listdir(shard.path)  # one listing: records, diffs, a crash's temp files
            for name in names:
                if name.startswith(".") and is_temp_name(name) and remove_quietly(os.path.join(shard.path, name)):
                    report.temp_files_removed += 1
            diffs.update(dict.fromkeys(
                [name[:-5] for name in names if name.endswith(".diff") and not name.startswith(".")], shard.path))
            json_names = [name for name in names if name.endswith(".json") and not name.startswith(".")]
            for name in _changed(shard.path, json_names, known, diffs, unchanged):
                scan_one(_File(name, os.path.join(shard.path, name)), self._quarantine,  # type: ignore[arg-type]
                         ReviewRecord.from_json, accept, report)
        report.from_snapshot = len(unchanged)
        report.loaded += len(unchanged)
        self._index_loaded(records, unchanged, report)
        report.orphan_diffs_removed = self._sweep_orphan_diffs(diffs)

    def _index_loaded(self, records: list[ReviewRecord], unchanged: list[int], report: ReviewScan) -> None:
        """Index what the scan found; each index list ends in ascending seq.

        Snapshot entries whose files are unchanged go in first, in bulk: they were one
        consistent index (unique ids, ascending seqs: the decoder checks). A parsed record whose
        seq or id is already taken is quarantined.
        """
        known = self._snapshot
        if known is not None and unchanged:
            unchanged.sort()  # positions in the snapshot's (ascending seq) order
            ids, projects, statuses, seqs = known.review_ids, known.project_ids, known.statuses, known.seqs
            for at in unchanged:
                seq, project_id = seqs[at], projects[at]
                self._by_project[project_id].append(seq)
                self._by_status[(project_id, statuses[at])].append(seq)
            woken = [ids[at] for at in unchanged]
            self._by_seq.update(zip([seqs[at] for at in unchanged], woken))
            self._dormant.update(zip(woken, unchanged))
            report.unfinished.extend([self._wake(ids[at]) for at in unchanged if statuses[at] not in TERMINAL])
        records.sort(key=attrgetter("seq"))
        touched: set[str] = set()
        for record in records:
            review_id = record.review_id
            if record.seq in self._by_seq or review_id in self._records or review_id in self._dormant:
                move_to_quarantine(self._record_path(review_id), self._quarantine)
                report.quarantined.append((f"{review_id}.json", "duplicate seq or id"))
                report.loaded -= 1
                continue
            self._index(record, appending=True)
            touched.add(record.project_id)
            if not record.terminal:
                report.unfinished.append(record)
        if unchanged and touched:  # parsed records were appended after the snapshot's
            for (project_id, _), seqs_of in self._by_status.items():
                if project_id in touched:
                    seqs_of.sort()
            for project_id in touched:
                self._by_project[project_id].sort()
        self._next_seq = max(self._by_seq, default=0) + 1
        if not self._dormant:
            self._snapshot = None

    def _read_snapshot(self, report: ReviewScan) -> snapshot.Snapshot | None:
        try:
            known = snapshot.read(self._snapshot_path)
        except (OSError, ValueError) as exc:  # damaged: never trusted, and removed
            report.snapshot_ignored = str(exc) or type(exc).__name__
            log.warning("store.snapshot_ignored", reason=report.snapshot_ignored)
            self._drop_snapshot_sync()
            return None
        self._snapshot_on_disk = known is not None
        self._snapshot = known
        return known

    # -- the index snapshot -----------------------------------------------------------------

    async def write_snapshot(self) -> int:
        """Write the index snapshot (at a clean shutdown, after the last write); entries written
        (none, and no file, when the store was never loaded: start-up did not get that far).

        A record whose state in memory is not what its file holds (a write the disk refused)
        is left out: the next start parses its file.
        """
        if not self._loaded:
            return 0
        await self.commits.close()
        data, count = await asyncio.to_thread(self._encode_snapshot)
        await write_atomic(self._snapshot_path, data)
        self._snapshot_on_disk = True
        return count

    def _encode_snapshot(self) -> tuple[bytes, int]:
        entries = []
        known = self._snapshot
        for seq in sorted(self._by_seq):
            review_id = self._by_seq[seq]
            at = self._dormant.get(review_id)
            if at is not None and known is not None:  # never read, so never written: as loaded
                entries.append(snapshot.Entry(known.stamp(at), review_id, known.project_ids[at], seq,
                                              known.statuses[at], known.values(at)))
                continue
            record = self._records[review_id]
            persisted = self._persisted.get(review_id)
            if persisted is None or persisted[0] != record.status:
                continue
            try:
                file_stamp = snapshot.stamp(os.stat(self._record_path(review_id)))
            except OSError:
                continue
            entries.append(snapshot.entry(file_stamp, record, {"event_seq": persisted[1]}))
        return snapshot.encode(entries), len(entries)

    async def _before_write(self) -> None:
        """A snapshot describes the files as they were: it goes before anything changes them."""
        if not self._snapshot_on_disk:
            return
        if self._dropping is None:
            self._dropping = asyncio.create_task(asyncio.to_thread(self._drop_snapshot_sync))
        dropping = self._dropping
        await asyncio.shield(dropping)
        if self._dropping is dropping:
            self._dropping = None
        self._snapshot_on_disk = False

    def _drop_snapshot_sync(self) -> None:
        try:
            os.unlink(self._snapshot_path)
        except FileNotFoundError:
            return
        fsync_dir_sync(self._dir)

    def _sweep_orphan_diffs(self, diffs: dict[str, str]) -> int:
        """Diffs without a record were never acknowledged (a crash between the two writes)."""
        removed = 0
        for review_id, shard in diffs.items():
            if review_id not in self._records and review_id not in self._dormant:
                os.unlink(os.path.join(shard, f"{review_id}.diff"))
                removed += 1
        return removed

    # -- reads ------------------------------------------------------------------------------

    def get(self, review_id: str) -> ReviewRecord | None:
        record = self._records.get(review_id)
        if record is None and review_id in self._dormant:
            return self._wake(review_id)
        return record

    def __len__(self) -> int:
        return len(self._records) + len(self._dormant)

    def _wake(self, review_id: str) -> ReviewRecord:
        """Build a dormant review's record from the snapshot's values, on its first read."""
        at = self._dormant[review_id]
        assert self._snapshot is not None
        try:
            record = snapshot.record(self._snapshot.values(at))
        except (snapshot.SnapshotInvalid, TypeError) as exc:  # a writer's bug, not damage: the checksum held
            log.warning("store.snapshot_entry_unusable", review_id=review_id, reason=str(exc))
            with open(self._record_path(review_id), "rb") as handle:  # one small file, once
                record = ReviewRecord.from_json(orjson.loads(handle.read()))
            record.result = None
        del self._dormant[review_id]
        self._records[review_id] = record
        self._persisted[review_id] = (record.status, record.event_seq)  # the file is as loaded
        self._indexed_status[review_id] = record.status
        if not self._dormant and self._loaded:
            self._snapshot = None  # every review was read: its values are no longer needed
        return record

    def list(
        self, project_id: str, status: str | None, limit: int, offset: int
    ) -> tuple[int, list[ReviewRecord]]:
        """The project's reviews newest first (by arrival), optionally of one status."""
        seqs = self._by_status[(project_id, status)] if status else self._by_project[project_id]
        total = len(seqs)
        end = max(total - offset, 0)
        start = max(end - limit, 0)
        page = [self._record(self._by_seq[s]) for s in reversed(seqs[start:end])]
        return total, page

    def ended(self, project_id: str) -> list[ReviewRecord]:
        """The project's finished reviews (for start-up reconciliation)."""
        return [r for r in (self._record(self._by_seq[s]) for s in self._by_project.get(project_id, []))
                if r.terminal]

    def _record(self, review_id: str) -> ReviewRecord:
        """An indexed review's record (built on first read)."""
        record = self._records.get(review_id)
        return record if record is not None else self._wake(review_id)

    async def result(self, record: ReviewRecord) -> dict[str, Any] | None:
        """The engine result of a finished review (from memory, else from its file)."""
        if record.result is not None:
            return record.result
        cached = self._results.get(record.review_id)
        if cached is not None:
            return cached
        if record.status not in TERMINAL:
            return None
        try:
            async with aiofiles.open(self._record_path(record.review_id), "rb") as handle:
                raw = await handle.read()
            data = orjson.loads(raw)
        except (OSError, ValueError) as exc:
            log.warning("store.result_unreadable", review_id=record.review_id, error=str(exc)[:200])
            return None
        result = data.get("result") if isinstance(data, dict) else None
        if result is None:
            return None
        if not _well_formed(result):
            # One damaged result must never break a listing: it reads as missing, and is logged.
            log.warning("store.result_malformed", review_id=record.review_id)
            return None
        self._remember(record.review_id, result, len(raw))
        return result

    async def read_diff(self, review_id: str) -> str:
        async with aiofiles.open(self._diff_path(review_id), "rb") as handle:
            return (await handle.read()).decode("utf-8", "replace")

    # -- writes -----------------------------------------------------------------------------

    def next_seq(self) -> int:
        seq = self._next_seq
        self._next_seq += 1
        return seq

    async def create(self, record: ReviewRecord, diff: str) -> None:
        """Durably store a new review and its diff; it is indexed only once both are on disk.

        Concurrent creates are group-committed (one flush for the batch); each returns only once
        its own files are durable, and raises OSError (e.g. ENOSPC) with nothing stored.
        """
        await self._before_write()
        await self.commits.write([
            # The diff first, in place: without its record it was never acknowledged and a
            # restart sweeps it. The record appears atomically: it is what makes the review exist.
            NewFile(self._diff_path(record.review_id), diff.encode("utf-8", "surrogatepass"), atomic=False),
            NewFile(self._record_path(record.review_id), self._encode(record)),
        ])
        self._index(record)

    async def save(self, record: ReviewRecord) -> None:
        """Persist a record's state durably (the index follows :meth:`apply`, not this).

        Writes of one review are serialised, so concurrent transitions land in order. Raises
        OSError (e.g. ENOSPC) with the previous file intact.
        """
        await self._before_write()
        lock = self._locks.setdefault(record.review_id, asyncio.Lock())
        async with lock:
            await write_atomic(self._record_path(record.review_id), self._encode(record))
            self._persisted[record.review_id] = (record.status, record.event_seq)
        if record.terminal:
            self._locks.pop(record.review_id, None)  # no further transitions follow

    def apply(self, record: ReviewRecord, persisted: ReviewRecord) -> None:
        """Make the in-memory record what was just persisted, index and result cache included."""
        result = persisted.result
        for name in persisted.__dataclass_fields__:
            setattr(record, name, getattr(persisted, name))
        self._reindex_status(record)
        if result is not None:
            self._remember(record.review_id, result, len(orjson.dumps(result)))
            record.result = None  # the cache and the file hold it now

    def set_status(self, record: ReviewRecord, status: str) -> None:
        """Change status in memory and in the index at once (persist with :meth:`save`)."""
        record.status = status
        self._reindex_status(record)

    # -- internals --------------------------------------------------------------------------

    def _encode(self, record: ReviewRecord) -> bytes:
        data = record.to_json()
        if data["result"] is None:
            data["result"] = self._results.peek(record.review_id)
        return orjson.dumps(data)

    def _index(self, record: ReviewRecord, *, appending: bool = False) -> None:
        """Add to every index; ``appending``: no indexed seq is higher (start-up, in seq order)."""
        self._records[record.review_id] = record
        self._persisted[record.review_id] = (record.status, record.event_seq)  # as just read or written
        self._by_seq[record.seq] = record.review_id
        if appending:
            self._by_project[record.project_id].append(record.seq)
            self._by_status[(record.project_id, record.status)].append(record.seq)
        else:
            bisect.insort(self._by_project[record.project_id], record.seq)
            bisect.insort(self._by_status[(record.project_id, record.status)], record.seq)
        self._indexed_status[record.review_id] = record.status

    def _reindex_status(self, record: ReviewRecord) -> None:
        old = self._indexed_status.get(record.review_id)
        if old == record.status:
            return
        if old is not None:
            bucket = self._by_status[(record.project_id, old)]
            index = bisect.bisect_left(bucket, record.seq)
            if index < len(bucket) and bucket[index] == record.seq:
                del bucket[index]
        bisect.insort(self._by_status[(record.project_id, record.status)], record.seq)
        self._indexed_status[record.review_id] = record.status

    def _remember(self, review_id: str, result: dict[str, Any], size: int) -> None:
        self._results.put(review_id, result, size)

    def _shard(self, review_id: str) -> Path:
        return self._dir / review_id[:2]

    def _record_path(self, review_id: str) -> Path:
        return self._shard(review_id) / f"{review_id}.json"

    def _diff_path(self, review_id: str) -> Path:
        return self._shard(review_id) / f"{review_id}.diff"

    # -- purge ------------------------------------------------------------------------------

    async def purge_project(self, project_id: str) -> list[str]:
        """Forget and delete every review (record and diff) of a project; their ids."""
        await self._before_write()
        seqs = self._by_project.pop(project_id, [])
        review_ids = [self._by_seq.pop(seq) for seq in seqs if seq in self._by_seq]
        for key in [k for k in self._by_status if k[0] == project_id]:
            del self._by_status[key]
        for review_id in review_ids:
            self._records.pop(review_id, None)
            self._dormant.pop(review_id, None)
            self._persisted.pop(review_id, None)
            self._indexed_status.pop(review_id, None)
            self._results.discard(review_id)
            self._locks.pop(review_id, None)
        await asyncio.to_thread(self._unlink_reviews, review_ids)
        return review_ids

    def _unlink_reviews(self, review_ids: list[str]) -> None:
        shards = set()
        for review_id in review_ids:
            for path in (self._record_path(review_id), self._diff_path(review_id)):
                try:
                    os.unlink(path)
                except FileNotFoundError:
                    pass
            shards.add(self._shard(review_id))
        for shard in shards:
            fsync_dir_sync(shard)


class ReviewReader:
    """The embedded store behind the backend-neutral async reads (``protocols.ReviewRepository``).

    Services shared by both backends (submissions, the quality gate, tenants) read reviews
    through this, so the same code runs on PostgreSQL; the lookups stay dict probes.
    """

    def __init__(self, store: ReviewStore) -> None:
        self._store = store

    async def get(self, review_id: str) -> ReviewRecord | None:
        return self._store.get(review_id)

    async def list(
        self, project_id: str, status: str | None, limit: int, offset: int
    ) -> tuple[int, list[ReviewRecord]]:
        return self._store.list(project_id, status, limit, offset)

    async def result(self, record: ReviewRecord) -> dict[str, Any] | None:
        return await self._store.result(record)

    async def read_diff(self, review_id: str) -> str:
        return await self._store.read_diff(review_id)

    async def ended(self, project_id: str) -> list[ReviewRecord]:
        return self._store.ended(project_id)

    async def purge_project(self, project_id: str) -> list[str]:
        return await self._store.purge_project(project_id)
