"""Projects: one JSON file each under ``<data>/projects``, all held in memory once loaded."""

from __future__ import annotations

import asyncio
import os
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
        self._repo_claims: dict[str, str] = {}  # resolved repo_path -> first project to name it
        self._order: list[ProjectRecord] | None = None  # all(), kept until a project is added

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
        self._order = None
        self._repo_claims = {}
        for project in self.all():  # oldest first: the first to register a path holds it
            self._claim(project)
        return report

    def _claim(self, project: ProjectRecord) -> None:
        if project.repo_path:
            self._repo_claims.setdefault(_resolved(project.repo_path), project.project_id)

    def _forget(self, project_id: str) -> None:
        """Hide a project: out of listings, and its repository free for another project."""
        self._projects.pop(project_id, None)
        self._order = None
        self._repo_claims = {path: pid for path, pid in self._repo_claims.items() if pid != project_id}

    def repo_claimant(self, repo_path: str) -> str | None:
        """The project that registered ``repo_path`` (symbolic links resolved) first."""
        return self._repo_claims.get(_resolved(repo_path))

    def get(self, project_id: str) -> ProjectRecord | None:
        return self._projects.get(project_id)

    async def fetch(self, project_id: str) -> ProjectRecord | None:
        """As :meth:`get`: everything is in memory (a shared backend may ask its database)."""
        return self._projects.get(project_id)

    def all(self) -> list[ProjectRecord]:
        return sorted(self._projects.values(), key=lambda p: (p.created_at, p.project_id))

    def page(self, limit: int, offset: int) -> tuple[int, list[ProjectRecord]]:
        """``(total, projects)``: one page of :meth:`all`, oldest first."""
        ordered = self._ordered()
        return len(ordered), ordered[offset: offset + limit]

    def _ordered(self) -> list[ProjectRecord]:
        if self._order is None:
            self._order = self.all()
        return self._order

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
            self._order = None
            self._claim(project)
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
        self._forget(project_id)

    async def finish_delete(self, project_id: str) -> None:
        """Remove the record, then the marker: from here on nothing of the project is left."""
        self._forget(project_id)
        for path in (self._dir / f"{project_id}.json", self.deletion_marker(project_id)):
            await asyncio.to_thread(path.unlink, True)
        await fsync_dir(self._dir)


def _resolved(path: str) -> str:
    return os.path.realpath(path)
