"""Start-up scanning of a store directory: parse every record, quarantine what is corrupt.

Scanning runs once, in a worker thread, with plain blocking reads: one thread doing tens of
thousands of small reads is far faster than one executor round-trip per file, and nothing else
is served until it has finished.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import orjson

from wfc_server.store.atomic import sweep_temp_files
from wfc_server.store.records import RecordError

T = TypeVar("T")


@dataclass(slots=True)
class ScanReport:
    loaded: int = 0
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    temp_files_removed: int = 0


def json_files(directory: Path, suffix: str = ".json") -> Iterator[os.DirEntry[str]]:
    """Every record file below ``directory`` (one level of shard folders allowed)."""
    for entry in os.scandir(directory):
        if entry.is_dir(follow_symlinks=False):
            yield from (e for e in os.scandir(entry.path) if e.name.endswith(suffix) and not e.name.startswith("."))
        elif entry.name.endswith(suffix) and not entry.name.startswith("."):
            yield entry


def scan_records(
    directory: Path,
    quarantine: Path,
    parse: Callable[[object], T],
    accept: Callable[[T, str], None],
    report: ScanReport,
) -> None:
    """Parse each record; a file that does not parse is moved to ``quarantine`` and reported."""
    sweep_store_temp_files(directory, report)
    for entry in json_files(directory):
        scan_one(entry, quarantine, parse, accept, report)


def sweep_store_temp_files(directory: Path, report: ScanReport) -> None:
    """Temp files a crash left in ``directory`` and its shard folders."""
    report.temp_files_removed += sweep_temp_files(directory)
    for sub in (e for e in os.scandir(directory) if e.is_dir(follow_symlinks=False)):
        report.temp_files_removed += sweep_temp_files(Path(sub.path))


def scan_one(
    entry: os.DirEntry[str],
    quarantine: Path,
    parse: Callable[[object], T],
    accept: Callable[[T, str], None],
    report: ScanReport,
) -> None:
    """Parse one record file and hand it to ``accept``; quarantine it if either refuses it."""
    try:
        with open(entry.path, "rb") as handle:
            raw = handle.read()
        record = parse(orjson.loads(raw))
        accept(record, entry.name)
    except (OSError, ValueError, TypeError, RecordError, UnicodeDecodeError) as exc:
        reason = _reason(exc)
        move_to_quarantine(Path(entry.path), quarantine)
        report.quarantined.append((entry.name, reason))
    else:
        report.loaded += 1


def move_to_quarantine(path: Path, quarantine: Path) -> None:
    quarantine.mkdir(parents=True, exist_ok=True)
    target = quarantine / path.name
    counter = 1
    while target.exists():
        target = quarantine / f"{path.name}.{counter}"
        counter += 1
    try:
        shutil.move(str(path), target)
    except OSError:
        pass


def _reason(exc: BaseException) -> str:
    if isinstance(exc, orjson.JSONDecodeError):
        return f"not valid JSON ({exc})"
    if isinstance(exc, UnicodeDecodeError):
        return "not valid UTF-8"
    return str(exc) or type(exc).__name__
