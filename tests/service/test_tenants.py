"""Project deletion: a purge interrupted by a crash is finished at the next start."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

from tests.helpers import CLEAN_DIFF, Credentials, submit, wait_terminal
from tests.conftest import SettingsFactory
from wfc_server.state import PROJECTS


async def test_an_interrupted_deletion_is_finished_at_start_up(make_client: Any, make_settings: SettingsFactory) -> None:
    settings = make_settings()
    data_dir = settings.data_path
    first = await make_client(settings)
    owner = await Credentials.create(first, "doomed")
    keeper = await Credentials.create(first, "keeper")
    rid = (await submit(first, owner, CLEAN_DIFF))["review_id"]
    kept = (await submit(first, keeper, CLEAN_DIFF))["review_id"]
    await wait_terminal(first, owner, rid)
    await wait_terminal(first, keeper, kept)
    # The crash: the deletion was marked durably, nothing else happened yet.
    (data_dir / "projects" / "doomed.deleting").write_bytes(b"")
    await first.close()

    second = await make_client(settings)
    assert second.app[PROJECTS].get("doomed") is None  # hidden from the moment the service is ready
    def leftovers() -> list[Path]:
        return [p for p in data_dir.rglob("*") if "doomed" in p.name or rid in p.name]

    for _ in range(400):  # the purge runs in the background; its marker goes last
        if not leftovers():
            break
        await asyncio.sleep(0.05)
    assert second.app[PROJECTS].get("doomed") is None
    assert leftovers() == []
    assert (await second.get(f"/v1/reviews/{rid}", headers=owner.headers)).status == 401
    assert (await second.get(f"/v1/reviews/{kept}", headers=keeper.headers)).status == 200


async def test_a_project_stored_before_key_records_keeps_its_key(make_client: Any, make_settings: SettingsFactory) -> None:
    settings = make_settings()
    first = await make_client(settings)
    owner = await Credentials.create(first, "old")
    await first.close()
    shutil.rmtree(settings.data_path / "keys")  # a data directory from before keys had records
    second = await make_client(settings)
    assert (await second.get("/v1/reviews/", headers=owner.headers)).status == 200
    keys = await (await second.get("/v1/projects/old/keys", headers=owner.headers)).json()
    assert [(k["name"], sorted(k["scopes"])) for k in keys["keys"]] == [
        ("initial", ["project:admin", "reviews:read", "reviews:write"])]
