"""The audit log file: durable appends, torn last lines skipped, pages per project."""

from __future__ import annotations

from pathlib import Path

from wfc_server.store.audit import FileAuditLog


async def test_entries_survive_reopening_and_a_torn_last_line_is_skipped(tmp_path: Path) -> None:
    log = FileAuditLog(tmp_path)
    assert await log.load() == 0
    for n in range(5):
        await log.append({"action": f"a{n}", "project_id": "p" if n % 2 else "q"})
    log.close()
    path = tmp_path / "audit" / "audit.jsonl"
    with open(path, "ab") as handle:
        handle.write(b'{"seq": 6, "action": "to')  # a crash mid-append
    reopened = FileAuditLog(tmp_path)
    assert await reopened.load() == 1
    await reopened.append({"action": "after", "project_id": "p"})
    total, page = await reopened.page(None, 10, 0)
    assert total == 6 and [e["action"] for e in page] == ["after", "a4", "a3", "a2", "a1", "a0"]
    assert [e["seq"] for e in page] == [6, 5, 4, 3, 2, 1]
    total, page = await reopened.page("p", 2, 1)
    assert total == 3 and [e["action"] for e in page] == ["a3", "a1"]
    reopened.close()
    assert all(line.startswith(b"{") for line in path.read_bytes().splitlines()[:5])
