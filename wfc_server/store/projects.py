"""Projects: one JSON file each under ``<data>/projects``, all held in memory once loaded."""

from __future__ import annotations

import asyncio
from pathlib import Path

import orjson

from wfc_server.store.atomic import fsync_dir, write_atomic
from wfc_server.store.files import ScanReport, scan_records
from wfc_server.store.records import ProjectRecord, RecordError


class ProjectExists(Exception):
    """``project_id`` is taken (409)."""


class ProjectStore:
    def __init__(self, data_dir: Path) -> None:
        self._dir = data_dir / "projects"
        self._quarantine = data_dir / "quarantine" / "projects"
        self._projects: dict[str, ProjectRecord] = {}
        self._creating: set[str] = set()

    async def load(self) -> ScanReport:
        self._dir.mkdir(parents=True, exist_ok=True)
        report = ScanReport()
        loaded: dict[str, ProjectRecord] = {}

        def accept(record: ProjectRecord, name: str) -> None:
            if name != f"{record.project_id}.json":
                raise RecordError(f"file name does not match project_id {record.project_id!r}")
            loaded[record.project_id] = record

        await asyncio.to_thread(
            scan_records, self._dir, self._quarantine, ProjectRecord.from_json, accept, report
        )
        self._projects = loaded
        return report

    def get(self, project_id: str) -> ProjectRecord | None:
        return self._projects.get(project_id)

    async def fetch(self, project_id: str) -> ProjectRecord | None:
        """As :meth:`get`: everything is in memory (a shared backend may ask its database)."""
        return self._projects.get(project_id)

    def all(self) -> list[ProjectRecord]:
        return sorted(self._projects.values(), key=lambda p: (p.created_at, p.project_id))

    def __len__(self) -> int:
        return len(self._projects)

    async def create(self, project: ProjectRecord) -> None:
        """Persist (fsync'd) before it becomes visible; raise ProjectExists on a duplicate."""
        pid = project.project_id
        if pid in self._projects or pid in self._creating:
            raise ProjectExists(pid)
        self._creating.add(pid)
        try:
            data = orjson.dumps(project.to_json())
            await write_atomic(self._dir / f"{pid}.json", data)
            self._projects[pid] = project
        finally:
            self._creating.discard(pid)

    # -- deletion (a marker file makes a purge interrupted by a crash resume at start-up) --------

    def deletion_marker(self, project_id: str) -> Path:
        return self._dir / f"{project_id}.deleting"

    def pending_deletions(self) -> list[str]:
        return sorted(p.name[: -len(".deleting")] for p in self._dir.glob("*.deleting"))

    async def begin_delete(self, project_id: str) -> None:
        """Durably mark the project as being deleted, then hide it."""
        await write_atomic(self.deletion_marker(project_id), b"")
        self._projects.pop(project_id, None)

    async def finish_delete(self, project_id: str) -> None:
        """Remove the record, then the marker: from here on nothing of the project is left."""
        self._projects.pop(project_id, None)
        for path in (self._dir / f"{project_id}.json", self.deletion_marker(project_id)):
            await asyncio.to_thread(path.unlink, True)
        await fsync_dir(self._dir)
