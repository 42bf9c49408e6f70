"""Atomic writes leave the old or the new file, never a torn one, and sweep their temp files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wfc_server.store import atomic
from wfc_server.store.atomic import sweep_temp_files, write_atomic


async def test_write_replaces_content_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "record.json"
    await write_atomic(target, b"one")
    await write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["record.json"]


async def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "record.json"
    await write_atomic(target, b"old")

    def no_space(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", no_space)
    with pytest.raises(OSError, match="No space"):
        await write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["record.json"]


def test_sweep_removes_only_our_temp_files(tmp_path: Path) -> None:
    (tmp_path / ".a.json.1234.tmp").write_text("partial")
    (tmp_path / "keep.json").write_text("{}")
    (tmp_path / "user.tmp").write_text("not ours")
    assert sweep_temp_files(tmp_path) == 1
    assert sorted(os.listdir(tmp_path)) == ["keep.json", "user.tmp"]
